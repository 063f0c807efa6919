//! What a bench child runs: one mode on one workspace, measured from inside the process.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use structlint::{Check, Engine};
use structlint_core::{
    FileContext, FileFacts, FileIndex, Language, RuleImpl, SourceFile, WorkspaceContext,
};
use structlint_graph::{ImportGraph, ModuleFacts};

use crate::{cached, configs};

/// Runs one mode and prints `seconds cpu_seconds files bytes peak_rss_kb [graph_build_seconds]`.
pub fn child(mode: &str, root: &Path) {
    // The cache's modes fill their cache first: neither its time nor its CPU is counted.
    let warm = cached::prime(mode, root);
    let cpu_before = cpu_seconds();
    let start = Instant::now();
    let mut graph_build = String::new();
    let (files, bytes) = match mode {
        "parse" => parse_only(root),
        "parse Rust (tree-sitter)" => parse_rust(root, false),
        "parse Rust (syn)" => parse_rust(root, true),
        "check" => {
            let report = Check::workspace(root).run().expect("default config");
            (report.stats.files, report.stats.bytes)
        }
        _ if warm.is_some() => {
            let cache = warm
                .as_ref()
                .map(cached::Warm::dir)
                .expect("checked by the guard");
            let report = Check::workspace(root)
                .cache_dir(cache)
                .run()
                .expect("default config");
            (report.stats.files, report.stats.bytes)
        }
        "check (file rules)" => {
            let mut config = Check::workspace(root)
                .load_config()
                .expect("default config");
            config
                .rules
                .retain(|r| !matches!(r.imp, RuleImpl::Workspace(_)));
            let report = Engine::new(config)
                .check(&[root.to_path_buf()])
                .expect("the check runs");
            (report.stats.files, report.stats.bytes)
        }
        mode if configs::config(mode, root).is_some() => {
            let config = configs::config(mode, root).expect("checked by the guard");
            let report = Check::workspace(root)
                .config(&config)
                .run()
                .expect("the bench config is valid");
            (report.stats.files, report.stats.bytes)
        }
        "graph" => {
            let (files, bytes, build) = graph_only(root);
            graph_build = format!(" {build}");
            (files, bytes)
        }
        other => panic!("unknown mode {other}"),
    };
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{seconds} {} {files} {bytes} {}{graph_build}",
        cpu_seconds() - cpu_before,
        peak_rss_kb()
    );
    drop(warm);
}

/// Every file under `root` that `keep` accepts, with its language, in path order.
fn sources(root: &Path, keep: impl Fn(Language) -> bool) -> Vec<(PathBuf, Language)> {
    let mut paths: Vec<(PathBuf, Language)> = ignore::WalkBuilder::new(root)
        .build()
        .filter_map(Result::ok)
        .filter_map(|e| {
            Language::from_path(e.path())
                .filter(|l| keep(*l))
                .map(|l| (e.into_path(), l))
        })
        .collect();
    paths.sort();
    paths
}

/// The text of a source file; `None` for one that is not UTF-8, which `check` skips too (a
/// checkout of real code has a few).
fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// Module facts from every TS/JS file in parallel, then the import graph; returns the graph
/// build time separately.
fn graph_only(root: &Path) -> (usize, u64, f64) {
    let rel = |p: &Path| {
        p.strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    };
    let index: FileIndex = ignore::WalkBuilder::new(root)
        .build()
        .filter_map(Result::ok)
        .map(|e| rel(e.path()))
        .collect();
    let sources = sources(root, Language::is_typescript_family);
    let facts: Vec<FileFacts<Arc<ModuleFacts>>> = sources
        .par_iter()
        .filter_map(|(path, language)| {
            let file = SourceFile::new(rel(path), path.clone(), *language, read(path)?);
            Some(FileFacts {
                path: file.path.clone(),
                facts: Arc::new(ModuleFacts::extract(&FileContext::new(&file))),
            })
        })
        .collect();
    let bytes = sources
        .iter()
        .map(|(p, _)| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    let cx = WorkspaceContext::new(root.to_path_buf(), index);
    let start = Instant::now();
    let graph = ImportGraph::build(&cx, &facts);
    let build = start.elapsed().as_secs_f64();
    assert_eq!(graph.files.len(), facts.len());
    (facts.len(), bytes, build)
}

/// The floor: the same walk, every file read and parsed, nothing else.
fn parse_only(root: &Path) -> (usize, u64) {
    let paths = sources(root, |_| true);
    let bytes: u64 = paths
        .par_iter()
        .filter_map(|(path, language)| {
            let text = read(path)?;
            structlint_lang::parse_tree(language.grammar(), &text).expect("the grammar loads");
            Some(text.len() as u64)
        })
        .sum();
    (paths.len(), bytes)
}

/// The Rust files alone, parsed with tree-sitter or with syn, for their cost per MB.
fn parse_rust(root: &Path, syn: bool) -> (usize, u64) {
    let paths = sources(root, |l| l == Language::Rust);
    let bytes = paths
        .par_iter()
        .filter_map(|(path, _)| {
            let text = read(path)?;
            if syn {
                // Real code has files syn rejects (syntax it does not know, test inputs that
                // are invalid on purpose); they cost what was parsed up to the error.
                let _ = structlint_lang::parse_rust_items(&text);
                structlint_lang::release_rust_spans();
            } else {
                structlint_lang::parse_tree(Language::Rust.grammar(), &text)
                    .expect("the grammar loads");
            }
            Some(text.len() as u64)
        })
        .sum();
    (paths.len(), bytes)
}

fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// User plus system CPU time of this process, all threads: unlike wall time, it does not
/// grow when other processes share the cores. Clock ticks are 1/100 s on Linux.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    // utime and stime, fields 14 and 15 of the line, are 11 and 12 counted from after the name.
    ticks(11)
        .zip(ticks(12))
        .map_or(0.0, |(u, s)| (u + s) / 100.0)
}
