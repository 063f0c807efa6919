//! How close `structlint check` is to the tree-sitter parse limit, on generated workspaces.
//!
//! `cargo bench --bench engine [-- --lines N ... --runs R]` generates (once, cached in the
//! system temp directory) a workspace of about N lines per size, then times three modes, each
//! in a fresh child process so its peak RSS is its own:
//!
//! - `parse`: walk, read and tree-sitter-parse every file: the floor;
//! - `check`: `structlint check` with the built-in rules, as the CLI runs it;
//! - `check+parse-all`: the same plus a rule that asks for every file's tree, which is the
//!   engine's cost when rules need trees everywhere (import graph, schemas, …).

#[path = "generator.rs"]
mod generator;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use rayon::prelude::*;
use structlint::{Check, Engine};
use structlint_core::{
    ActiveRule, Diagnostic, FileContext, FileRule, Input, Language, Needs, RuleImpl, RuleMeta,
    Severity,
};

const MODES: [&str; 3] = ["parse", "check", "check+parse-all"];

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
            "workspace: {} files, {} lines, {:.1} MB, {} over 350 lines ({})",
            generated.files,
            generated.lines,
            generated.bytes as f64 / 1e6,
            generated.over_limit,
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
            println!(
                "| {mode} | {:.3} s | {:.0} | {:.1} | {:.2}× | {:.0} MB |",
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
    if let Ok(text) = std::fs::read_to_string(&marker) {
        let n: Vec<usize> = text
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        if let [files, lines, bytes, over_limit] = n[..] {
            return (
                root,
                generator::Generated {
                    files,
                    lines,
                    bytes,
                    over_limit,
                },
            );
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    let generated = generator::generate(&root, generator::Shape::for_lines(lines))
        .expect("the workspace is written");
    let g = generated;
    std::fs::write(
        &marker,
        format!("{} {} {} {}", g.files, g.lines, g.bytes, g.over_limit),
    )
    .expect("marker written");
    (root, generated)
}

struct Sample {
    seconds: f64,
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
    }
}

/// Runs one mode and prints `seconds files bytes peak_rss_kb`.
fn child(mode: &str, root: &Path) {
    let start = Instant::now();
    let (files, bytes) = match mode {
        "parse" => parse_only(root),
        "check" => {
            let report = Check::workspace(root).run().expect("default config");
            (report.stats.files, report.stats.bytes)
        }
        "check+parse-all" => {
            let mut config = Check::workspace(root)
                .load_config()
                .expect("default config");
            config.rules.push(ActiveRule {
                meta: RuleMeta::named("bench/parse-all"),
                severity: Severity::Warning,
                imp: RuleImpl::File(Box::new(ParseAll)),
            });
            let report = Engine::new(config)
                .check(&[root.to_path_buf()])
                .expect("the check runs");
            (report.stats.files, report.stats.bytes)
        }
        other => panic!("unknown mode {other}"),
    };
    let seconds = start.elapsed().as_secs_f64();
    println!("{seconds} {files} {bytes} {}", peak_rss_kb());
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

/// Asks for every file's tree, as rules over imports or schemas will.
struct ParseAll;

impl FileRule for ParseAll {
    fn needs(&self) -> Needs {
        Needs::new(Input::Tree)
    }
    fn check(&self, cx: &FileContext<'_>, _: &mut Vec<Diagnostic>) {
        assert!(cx.tree().is_some());
    }
}

fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
