//! The benchmark's workspace generator: deterministic, and it writes code that parses.

mod common;

// The bench uses parts of the generator this test does not (its cache key).
#[allow(dead_code)]
#[path = "../benches/generator.rs"]
mod generator;

use common::structlint;
use generator::{Shape, generate};
use structlint_lang::{Language, SyntaxErrors, parse_tree};

fn files(root: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = ignore::WalkBuilder::new(root)
        .hidden(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_same_shape_gives_the_same_bytes() {
    let shape = Shape {
        packages: 6,
        files_per_package: 5,
        seed: 7,
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_eq!(
        generate(a.path(), shape).unwrap(),
        generate(b.path(), shape).unwrap()
    );
    assert_eq!(files(a.path()), files(b.path()));
}

#[test]
fn generated_code_parses_without_errors_and_over_long_files_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let generated = generate(dir.path(), Shape::for_lines(20_000)).unwrap();
    assert_eq!(
        generator::Generated::from_marker(&generated.marker()),
        Some(generated),
        "the bench's cache reads back what it wrote"
    );
    assert!(generated.lines >= 15_000, "{generated:?}");
    assert!(
        generated.over_limit > 0,
        "the shape includes over-long files: {generated:?}"
    );
    let mut languages = std::collections::BTreeSet::new();
    for (path, bytes) in files(dir.path()) {
        let Some(language) = Language::from_path(&path) else {
            continue;
        };
        languages.insert(language);
        let text = String::from_utf8(bytes).unwrap();
        let tree = parse_tree(language.grammar(), &text).unwrap();
        assert_eq!(
            SyntaxErrors::of(&tree).count,
            0,
            "{} has syntax errors",
            path.display()
        );
    }
    assert_eq!(languages.len(), 3, "TS, TSX and Rust: {languages:?}");
    let run = structlint(dir.path(), &["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["files"], generated.files);
    let mut rules = std::collections::BTreeMap::new();
    for d in doc["diagnostics"].as_array().unwrap() {
        *rules
            .entry(d["rule"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    assert!(
        generated.restated_schemas > 0,
        "the shape plants restated schemas: {generated:?}"
    );
    assert!(
        generated.deep_imports > 0,
        "the shape plants deep imports: {generated:?}"
    );
    let expected = [
        ("duplicate-schemas".to_string(), generated.restated_schemas),
        ("fetch-retry-timeout".to_string(), generated.bare_fetches),
        ("max-file-lines".to_string(), generated.over_limit),
        ("package-privacy".to_string(), generated.deep_imports),
    ];
    assert_eq!(
        rules,
        expected.into_iter().collect(),
        "every generated import resolves; only the planted problems are found"
    );
}

/// `structlint check --format json` of `dir` with `threads` rayon workers.
fn json_at(dir: &std::path::Path, threads: usize) -> Vec<u8> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_structlint"))
        .args(["check", "--format", "json"])
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .unwrap();
    assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
    output.stdout
}

#[test]
fn output_is_byte_identical_at_1_2_and_8_threads() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), Shape::for_lines(100_000)).unwrap();
    let fixtures = common::repo().join("fixtures");
    let mut roots: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    roots.sort();
    roots.push(dir.path().to_path_buf());
    for root in roots {
        let one = json_at(&root, 1);
        assert!(one.len() > 100, "{} gave no report", root.display());
        for threads in [2, 8] {
            assert!(
                json_at(&root, threads) == one,
                "{} differs at {threads} threads",
                root.display()
            );
        }
    }
}

/// Issue 13's deadlock: a lock held across a parallel build of the import graph hung about
/// one run in ten at 8 threads. Artifacts are now built before the rules, without a lock;
/// 50 runs at 8 threads each finish in time.
#[test]
fn fifty_runs_at_eight_threads_never_hang() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), Shape::for_lines(20_000)).unwrap();
    for _ in 0..50 {
        let run = common::structlint_within_env(
            dir.path(),
            &["check", "--format", "json"],
            &[("RAYON_NUM_THREADS", "8")],
        );
        assert!(run.is_some(), "a run at 8 threads hung");
    }
}
