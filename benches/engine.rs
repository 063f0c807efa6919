//! How close `structlint check` is to the tree-sitter parse limit, on generated workspaces.
//!
//! `cargo bench --bench engine [-- --lines N ... --runs R]` generates (once, cached in the
//! system temp directory) a workspace of about N lines per size, then times three modes, each
//! in a fresh child process so its peak RSS is its own:
//!
//! - `parse`: walk, read and tree-sitter-parse every file: the floor;
//! - `parse Rust (tree-sitter)`, `parse Rust (syn)`: the Rust files alone, with each parser;
//! - `check`: `structlint check` with every built-in rule, as the CLI runs it (the import
//!   graph rules need every TypeScript file's tree);
//! - `check (file rules)`: only the per-file rules, which parse just the files they need;
//! - `check (fetch, schemas, helpers)`: only `fetch-retry-timeout`, `duplicate-schemas` and
//!   `canonical-helpers` (with `packages/pkg000/src/retry.ts` as the canonical retry, so every
//!   other package's copy is found);
//! - `check + 10 TOML rules`, `check + 50 TOML rules`: every built-in rule and the rules of
//!   `rules/` (copied five times over for 50), to measure what TOML rules cost;
//! - `graph`: the import graph alone: module facts from every file, then the graph build,
//!   whose time is reported on its own.

#[path = "configs.rs"]
mod configs;
#[path = "generator.rs"]
mod generator;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use std::sync::Arc;

use rayon::prelude::*;
use structlint::{Check, Engine};
use structlint_core::{
    FileContext, FileFacts, FileIndex, Language, RuleImpl, SourceFile, WorkspaceContext,
};
use structlint_graph::{ImportGraph, ModuleFacts};

const MODES: [&str; 9] = [
    "parse",
    "parse Rust (tree-sitter)",
    "parse Rust (syn)",
    "check",
    "check (file rules)",
    "check (fetch, schemas, helpers)",
    "check + 10 TOML rules",
    "check + 50 TOML rules",
    "graph",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, mode, root, ..] = args.as_slice()
        && flag == "--child"
    {
        child(mode, Path::new(root));
        return;
    }
    let mut sizes = Vec::new();
    let mut runs = 3;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--lines" => sizes.push(args[i + 1].parse().expect("--lines takes a number")),
            "--runs" => runs = args[i + 1].parse().expect("--runs takes a number"),
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    if sizes.is_empty() {
        sizes = vec![100_000, 500_000];
    }
    println!(
        "threads: {}, runs per mode: {runs} (median time, max RSS)\n",
        rayon::current_num_threads()
    );
    for lines in sizes {
        let (root, generated) = workspace(lines);
        println!(
            "workspace: {} files, {} lines, {:.1} MB, {} packages, {} over 350 lines, {} deep imports ({})",
            generated.files,
            generated.lines,
            generated.bytes as f64 / 1e6,
            generator::Shape::for_lines(lines).packages,
            generated.over_limit,
            generated.deep_imports,
            root.display()
        );
        println!(
            "| mode | time | files/s | MB/s | vs parse | peak RSS |\n| --- | --- | --- | --- | --- | --- |"
        );
        let mut parse_time = None;
        for mode in MODES {
            let mut samples: Vec<Sample> = (0..runs).map(|_| spawn(mode, &root)).collect();
            samples.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
            let median = &samples[samples.len() / 2];
            let rss = samples.iter().map(|s| s.rss_kb).max().unwrap_or(0);
            let base = *parse_time.get_or_insert(median.seconds);
            let extra = median
                .graph_build
                .map_or(String::new(), |b| format!(" (graph build {b:.3} s)"));
            println!(
                "| {mode} | {:.3} s{extra} | {:.0} | {:.1} | {:.2}× | {:.0} MB |",
                median.seconds,
                median.files as f64 / median.seconds,
                median.bytes as f64 / 1e6 / median.seconds,
                median.seconds / base,
                rss as f64 / 1024.0
            );
        }
        println!();
    }
}

/// The generated workspace for `lines`, made once and reused while its marker file exists.
fn workspace(lines: usize) -> (PathBuf, generator::Generated) {
    let shape = generator::Shape::for_lines(lines);
    let key = format!(
        "{}x{}-{:x}-v{}",
        shape.packages,
        shape.files_per_package,
        shape.seed,
        generator::VERSION
    );
    let root = std::env::temp_dir().join(format!("structlint-bench/{key}"));
    let marker = root.join(".generated");
    if let Some(generated) = std::fs::read_to_string(&marker)
        .ok()
        .and_then(|t| generator::Generated::from_marker(&t))
    {
        return (root, generated);
    }
    let _ = std::fs::remove_dir_all(&root);
    let generated = generator::generate(&root, shape).expect("the workspace is written");
    std::fs::write(&marker, generated.marker()).expect("marker written");
    (root, generated)
}

struct Sample {
    seconds: f64,
    graph_build: Option<f64>,
    files: usize,
    bytes: u64,
    rss_kb: u64,
}

fn spawn(mode: &str, root: &Path) -> Sample {
    let exe = std::env::current_exe().expect("the bench binary");
    let out = Command::new(exe)
        .args(["--child", mode])
        .arg(root)
        .output()
        .expect("the child runs");
    assert!(
        out.status.success(),
        "{mode}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let f: Vec<&str> = text.split_whitespace().collect();
    Sample {
        seconds: f[0].parse().unwrap(),
        files: f[1].parse().unwrap(),
        bytes: f[2].parse().unwrap(),
        rss_kb: f[3].parse().unwrap(),
        graph_build: f.get(4).and_then(|b| b.parse().ok()),
    }
}

/// Runs one mode and prints `seconds files bytes peak_rss_kb [graph_build_seconds]`.
fn child(mode: &str, root: &Path) {
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
    println!("{seconds} {files} {bytes} {}{graph_build}", peak_rss_kb());
}

/// Module facts from every TS/JS file in parallel, then the import graph; returns the graph
/// build time separately.
fn graph_only(root: &Path) -> (usize, u64, f64) {
    let walked: Vec<PathBuf> = ignore::WalkBuilder::new(root)
        .build()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .collect();
    let rel = |p: &Path| {
        p.strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    };
    let index: FileIndex = walked.iter().map(|p| rel(p)).collect();
    let mut sources: Vec<(PathBuf, Language)> = walked
        .into_iter()
        .filter_map(|p| {
            Language::from_path(&p)
                .filter(|l| l.is_typescript_family())
                .map(|l| (p, l))
        })
        .collect();
    sources.sort();
    let facts: Vec<FileFacts<Arc<ModuleFacts>>> = sources
        .par_iter()
        .map(|(path, language)| {
            let text = std::fs::read_to_string(path).expect("generated files are UTF-8");
            let file = SourceFile::new(rel(path), path.clone(), *language, text);
            FileFacts {
                path: file.path.clone(),
                facts: Arc::new(ModuleFacts::extract(&FileContext::new(&file))),
            }
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
    let mut paths: Vec<(PathBuf, Language)> = ignore::WalkBuilder::new(root)
        .build()
        .filter_map(Result::ok)
        .filter_map(|e| Language::from_path(e.path()).map(|l| (e.into_path(), l)))
        .collect();
    paths.sort();
    let bytes: u64 = paths
        .par_iter()
        .map(|(path, language)| {
            let text = std::fs::read_to_string(path).expect("generated files are UTF-8");
            structlint_lang::parse_tree(language.grammar(), &text).expect("the grammar loads");
            text.len() as u64
        })
        .sum();
    (paths.len(), bytes)
}

/// The Rust files alone, parsed with tree-sitter or with syn, for their cost per MB.
fn parse_rust(root: &Path, syn: bool) -> (usize, u64) {
    let mut paths: Vec<PathBuf> = ignore::WalkBuilder::new(root)
        .build()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| Language::from_path(p) == Some(Language::Rust))
        .collect();
    paths.sort();
    let bytes = paths
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("generated files are UTF-8");
            if syn {
                structlint_lang::parse_rust_items(&text).expect("generated Rust parses");
                structlint_lang::release_rust_spans();
            } else {
                structlint_lang::parse_tree(Language::Rust.grammar(), &text)
                    .expect("the grammar loads");
            }
            text.len() as u64
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
