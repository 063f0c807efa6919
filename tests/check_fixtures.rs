//! `structlint check` on the shipped fixtures: whole outputs compared with snapshots.

mod common;

use common::{lines, repo, structlint, workspace};

#[test]
fn ts_monorepo_human() {
    let run = structlint(&repo(), &["check", "fixtures/ts-monorepo"]);
    assert_eq!(run.code, 1, "errors found: {}", run.stderr);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!("ts_monorepo_human", run.stdout);
}

#[test]
fn ts_monorepo_json() {
    let run = structlint(
        &repo(),
        &["check", "fixtures/ts-monorepo", "--format", "json"],
    );
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(doc["summary"]["errors"], 22);
    assert_eq!(doc["summary"]["warnings"], 9);
    assert_eq!(doc["summary"]["suppressed"], 1);
    insta::assert_snapshot!("ts_monorepo_json", run.stdout);
}

#[test]
fn rust_workspace_human() {
    let run = structlint(&repo(), &["check", "fixtures/rust-workspace"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("rust_workspace_human", run.stdout);
}

#[test]
fn rust_workspace_json() {
    let run = structlint(
        &repo(),
        &["check", "fixtures/rust-workspace", "--format", "json"],
    );
    assert_eq!(run.code, 1);
    serde_json::from_str::<serde_json::Value>(&run.stdout).expect("valid JSON");
    insta::assert_snapshot!("rust_workspace_json", run.stdout);
}

#[test]
fn paths_print_relative_to_the_current_directory() {
    let run = structlint(
        &repo().join("fixtures/ts-monorepo/packages"),
        &["check", ".."],
    );
    assert!(
        run.stdout
            .contains("[billing/src/ui/InvoiceTable.tsx:351:1]"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_clean_directory_exits_zero() {
    let dir = workspace(&[
        ("src/a.ts", b"export const a = 1;\n"),
        ("src/b.rs", b"pub fn b() {}\n"),
    ]);
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "No problems found in 2 files.\n")
    );
    let empty = tempfile::tempdir().unwrap();
    let run = structlint(empty.path(), &["check", "."]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "No problems found in 0 files.\n")
    );
}

#[test]
fn quiet_and_max_warnings() {
    let config = b"[rules]\nmax-file-lines = { level = \"warn\", max = 5 }\n";
    let dir = workspace(&[
        ("structlint.toml", config),
        ("a.ts", &lines(6)),
        ("b.ts", &lines(7)),
    ]);
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "warnings alone pass");
    assert!(
        run.stdout
            .ends_with("Found 0 errors, 2 warnings in 2 files.\n"),
        "{}",
        run.stdout
    );
    let run = structlint(dir.path(), &["check", "--max-warnings", "1"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: 2 warnings, more than --max-warnings 1\n"
    );
    assert_eq!(
        structlint(dir.path(), &["check", "--max-warnings", "2"]).code,
        0
    );
    let run = structlint(dir.path(), &["check", "--quiet", "--max-warnings", "0"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "No problems found in 2 files.\n")
    );
}

#[test]
fn suppressed_findings_are_hidden_unless_asked_for() {
    let mut long = b"// structlint-disable-file max-file-lines -- generated\n".to_vec();
    long.extend(lines(360));
    let dir = workspace(&[("gen.ts", &long)]);
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "No problems found in 1 file (1 suppressed).\n")
    );
    let run = structlint(
        dir.path(),
        &["check", "--include-suppressed", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        doc["diagnostics"][0]["suppressed"]["justification"],
        "generated"
    );
    assert_eq!(run.code, 0, "suppressed findings never fail the check");
}

#[test]
fn colours_only_when_asked_or_on_a_terminal() {
    let dir = workspace(&[("a.ts", &lines(400))]);
    let plain = structlint(dir.path(), &["check"]);
    assert!(!plain.stdout.contains('\u{1b}'), "no ANSI codes when piped");
    let coloured = structlint(dir.path(), &["check", "--color", "always"]);
    assert!(
        coloured.stdout.contains('\u{1b}'),
        "ANSI codes with --color always"
    );
    let never = structlint(dir.path(), &["check", "--color", "always", "--no-color"]);
    assert!(!never.stdout.contains('\u{1b}'));
}
