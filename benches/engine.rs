//! How close `structlint check` is to the tree-sitter parse limit, on generated workspaces
//! and on checkouts of real code.
//!
//! `cargo bench --bench engine [-- --lines N ... --runs R --root DIR ...]` generates (once,
//! cached in the system temp directory) a workspace of about N lines per size, then times these
//! modes, each in a fresh child process so its peak RSS and CPU time are its own:
//!
//! - `parse`: walk, read and tree-sitter-parse every file: the floor;
//! - `parse Rust (tree-sitter)`, `parse Rust (syn)`: the Rust files alone, with each parser;
//! - `check`: `structlint check` with every built-in rule, as the CLI runs it (the import
//!   graph rules need every TypeScript file's tree);
//! - `check (warm cache)`, `check (warm, 1 file edited)`: `check` with the result cache, which
//!   an untimed cold run filled first; with nothing changed, then after one file was edited;
//! - `check (file rules)`: only the per-file rules, which parse just the files they need;
//! - `check (fetch, schemas, helpers)`: only `fetch-retry-timeout`, `duplicate-schemas` and
//!   `canonical-helpers` (with `packages/pkg000/src/retry.ts` as the canonical retry, so every
//!   other package's copy is found);
//! - `check + 10 TOML rules`, `check + 50 TOML rules`: every built-in rule and the rules of
//!   `rules/` (copied five times over for 50), to measure what TOML rules cost;
//! - `graph`: the import graph alone: module facts from every file, then the graph build,
//!   whose time is reported on its own.
//!
//! `--root DIR` times the modes that need no generated package (the parses, `check` with the
//! checkout's own config, `check (file rules)` and `graph`) on an existing checkout. Each
//! round runs every mode once, so a change in the machine's load lands on all modes alike;
//! the table gives the median CPU time (user + system, which other processes on the cores do
//! not inflate) and the median wall time.

#[path = "cached.rs"]
mod cached;
#[path = "configs.rs"]
mod configs;
#[path = "generator.rs"]
mod generator;
#[path = "modes.rs"]
mod modes;

use std::path::{Path, PathBuf};
use std::process::Command;

const MODES: [&str; 11] = [
    "parse",
    "parse Rust (tree-sitter)",
    "parse Rust (syn)",
    "check",
    cached::WARM,
    cached::WARM_TOUCHED,
    "check (file rules)",
    "check (fetch, schemas, helpers)",
    "check + 10 TOML rules",
    "check + 50 TOML rules",
    "graph",
];

/// The modes that run on any checkout: the others write configs that name generated packages.
const CHECKOUT_MODES: [&str; 6] = [
    "parse",
    "parse Rust (tree-sitter)",
    "parse Rust (syn)",
    "check",
    "check (file rules)",
    "graph",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, mode, root, ..] = args.as_slice()
        && flag == "--child"
    {
        modes::child(mode, Path::new(root));
        return;
    }
    let mut sizes = Vec::new();
    let mut roots = Vec::new();
    let mut runs = 3;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--lines" => sizes.push(args[i + 1].parse().expect("--lines takes a number")),
            "--runs" => runs = args[i + 1].parse().expect("--runs takes a number"),
            "--root" => roots.push(PathBuf::from(&args[i + 1])),
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    if sizes.is_empty() && roots.is_empty() {
        sizes = vec![100_000, 500_000];
    }
    println!(
        "threads: {}, rounds: {runs} (median CPU and wall time, max RSS)\n",
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
        table(&root, &MODES, runs);
    }
    for root in roots {
        println!("checkout: {}", root.display());
        table(&root, &CHECKOUT_MODES, runs);
    }
}

/// Times `modes` on `root` in interleaved rounds and prints their table.
fn table(root: &Path, modes: &[&str], runs: usize) {
    let mut samples: Vec<Vec<Sample>> = modes.iter().map(|_| Vec::new()).collect();
    for _ in 0..runs {
        for (mode, samples) in modes.iter().zip(&mut samples) {
            samples.push(spawn(mode, root));
        }
    }
    println!(
        "| mode | CPU | wall | files/s | MB/s | CPU vs parse | peak RSS |\n| --- | --- | --- | --- | --- | --- | --- |"
    );
    let mut parse_cpu = None;
    for (mode, samples) in modes.iter().zip(samples) {
        let median = |key: fn(&Sample) -> f64| {
            let mut values: Vec<f64> = samples.iter().map(key).collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        let (cpu, wall) = (median(|s| s.cpu), median(|s| s.seconds));
        let first = &samples[0];
        if first.files == 0 {
            println!("| {mode} | no files | | | | | |");
            continue;
        }
        let rss = samples.iter().map(|s| s.rss_kb).max().unwrap_or(0);
        let base = *parse_cpu.get_or_insert(cpu);
        let extra = first.graph_build.map_or(String::new(), |_| {
            format!(
                " (graph build {:.3} s)",
                median(|s| s.graph_build.unwrap_or(0.0))
            )
        });
        println!(
            "| {mode} | {cpu:.2} s | {wall:.3} s{extra} | {:.0} | {:.1} | {:.2}× | {:.0} MB |",
            first.files as f64 / wall,
            first.bytes as f64 / 1e6 / wall,
            cpu / base,
            rss as f64 / 1024.0
        );
    }
    println!();
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
    cpu: f64,
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
        cpu: f[1].parse().unwrap(),
        files: f[2].parse().unwrap(),
        bytes: f[3].parse().unwrap(),
        rss_kb: f[4].parse().unwrap(),
        graph_build: f.get(5).and_then(|b| b.parse().ok()),
    }
}
