//! `structlint baseline` and the baseline `check` reads, end to end.

mod common;

use std::fs;
use std::path::Path;

use common::{Run, structlint};

const AUDIT: &str = "packages/billing/src/repo/audit.ts";

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::repo().join("fixtures/ts-monorepo"), dir.path());
    dir
}

fn append(root: &Path, path: &str, text: &str) {
    let mut contents = fs::read_to_string(root.join(path)).unwrap();
    contents.push_str(text);
    fs::write(root.join(path), contents).unwrap();
}

fn json_findings(run: &Run) -> Vec<serde_json::Value> {
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    document["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn a_baselined_workspace_passes_and_a_new_finding_fails_alone() {
    let dir = fixture();
    let root = dir.path();
    assert_eq!(
        structlint(root, &["check"]).code,
        1,
        "the fixture has errors"
    );
    let written = structlint(root, &["baseline"]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let clean = structlint(root, &["check"]);
    assert_eq!(clean.code, 0, "{}", clean.stdout);
    assert!(clean.stdout.contains("in the baseline"), "{}", clean.stdout);

    append(
        root,
        AUDIT,
        "export const stamp = () => new Date().toISOString();\n",
    );
    let run = structlint(root, &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let findings = json_findings(&run);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["rule"], "acme-clock-through-provider");
    assert_eq!(findings[0]["path"], AUDIT);
}

#[test]
fn moving_code_keeps_its_findings_known() {
    let dir = fixture();
    let root = dir.path();
    assert_eq!(structlint(root, &["baseline"]).code, 0);
    let text = fs::read_to_string(root.join(AUDIT)).unwrap();
    fs::write(root.join(AUDIT), format!("\n\n// moved down\n{text}")).unwrap();
    let run = structlint(root, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn fixed_findings_are_reported_and_pruned_and_the_baseline_never_grows_silently() {
    let dir = fixture();
    let root = dir.path();
    assert_eq!(structlint(root, &["baseline"]).code, 0);
    let text = fs::read_to_string(root.join(AUDIT)).unwrap();
    assert!(text.contains("new Date().toISOString()"));
    fs::write(
        root.join(AUDIT),
        text.replacen("new Date().toISOString()", "\"2020-01-01\"", 1),
    )
    .unwrap();
    let run = structlint(root, &["check"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("1 finding in the baseline is fixed")
            && run.stderr.contains("baseline --prune"),
        "{}",
        run.stderr
    );

    let again = structlint(root, &["baseline"]);
    assert_eq!(
        again.code, 2,
        "an existing baseline is not rewritten without a flag"
    );
    assert!(again.stderr.contains("--prune"), "{}", again.stderr);

    append(
        root,
        AUDIT,
        "export const stamp = () => new Date().toISOString();\n",
    );
    let before = fs::read_to_string(root.join("structlint-baseline.json")).unwrap();
    let pruned = structlint(root, &["baseline", "--prune"]);
    assert_eq!(pruned.code, 0, "{}", pruned.stderr);
    assert!(
        pruned.stderr.contains("Not added: 1 finding"),
        "{}",
        pruned.stderr
    );
    let after = fs::read_to_string(root.join("structlint-baseline.json")).unwrap();
    assert!(after.len() < before.len());
    assert_eq!(
        structlint(root, &["check"]).code,
        1,
        "the new finding was not added"
    );

    assert_eq!(structlint(root, &["baseline", "--update"]).code, 0);
    assert_eq!(structlint(root, &["check"]).code, 0);
}

#[test]
fn repeated_findings_on_equal_lines_are_counted() {
    let dir = fixture();
    let root = dir.path();
    let line = "export const stamp = () => new Date().toISOString();\n";
    append(root, AUDIT, line);
    assert_eq!(structlint(root, &["baseline"]).code, 0);
    let baseline = fs::read_to_string(root.join("structlint-baseline.json")).unwrap();
    assert!(baseline.contains("\"count\": 1"), "{baseline}");
    append(root, AUDIT, line);
    let run = structlint(root, &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "a second equal line is a new finding");
    assert_eq!(json_findings(&run).len(), 1);
}

#[test]
fn a_baseline_outside_the_workspace_or_malformed_is_an_error() {
    let dir = fixture();
    let root = dir.path();
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("b.json");
    let run = structlint(
        root,
        &["baseline", "--baseline", elsewhere.to_str().unwrap()],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not inside the workspace"),
        "{}",
        run.stderr
    );
    assert!(!elsewhere.exists());

    let missing = structlint(root, &["check", "--baseline", "nope.json"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("does not exist"),
        "{}",
        missing.stderr
    );

    fs::write(root.join("structlint-baseline.json"), "{ not json").unwrap();
    let run = structlint(root, &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not a structlint baseline"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_explicit_baseline_path_is_written_and_read() {
    let dir = fixture();
    let root = dir.path();
    fs::create_dir(root.join("ci")).unwrap();
    let run = structlint(root, &["baseline", "--baseline", "ci/known.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!root.join("structlint-baseline.json").exists());
    assert_eq!(structlint(root, &["check"]).code, 1, "not the default name");
    let run = structlint(root, &["check", "--baseline", "ci/known.json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}
