//! `check --changed-since REF`: findings in files changed since REF, from a full check.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::structlint;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// The TypeScript fixture, committed to a new repository.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::repo().join("fixtures/ts-monorepo"), dir.path());
    git(dir.path(), &["init", "-q", "."]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "fixture"]);
    dir
}

fn findings(root: &Path, args: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = structlint(root, &all);
    assert!(run.code < 2, "{}", run.stderr);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    (
        run.code,
        document["diagnostics"].as_array().unwrap().clone(),
    )
}

#[test]
fn only_findings_touching_changed_or_untracked_files_are_reported() {
    let dir = repository();
    let root = dir.path();
    let (_, everything) = findings(root, &[]);
    assert!(everything.len() > 5, "the fixture has findings");
    let (code, none) = findings(root, &["--changed-since", "HEAD"]);
    assert_eq!((code, none.len()), (0, 0), "nothing changed: {none:#?}");

    let edited = "packages/billing/src/repo/invoice-repo.ts";
    let mut text = fs::read_to_string(root.join(edited)).unwrap();
    text.push_str("export const stamp = () => new Date().toISOString();\n");
    fs::write(root.join(edited), text).unwrap();
    let added = "packages/billing/src/repo/extra.ts";
    fs::write(
        root.join(added),
        "import { invoiceTotalCents } from \"../service/invoice-service\";\nexport const total = invoiceTotalCents;\n",
    )
    .unwrap();

    let (code, changed) = findings(root, &["--changed-since", "HEAD"]);
    assert_eq!(code, 1);
    let touches = |d: &serde_json::Value| {
        let mut paths = vec![d["path"].as_str().unwrap()];
        for r in d["related"].as_array().into_iter().flatten() {
            paths.push(r["path"].as_str().unwrap_or(""));
        }
        paths.iter().any(|p| *p == edited || *p == added)
    };
    assert!(changed.iter().all(touches), "{changed:#?}");
    assert!(
        changed
            .iter()
            .any(|d| d["path"] == edited && d["rule"] == "acme-clock-through-provider")
    );
    assert!(
        changed
            .iter()
            .any(|d| d["path"] == added && d["rule"] == "layers"),
        "untracked files count"
    );
    let (_, after) = findings(root, &[]);
    assert!(
        changed.len() < after.len(),
        "findings elsewhere are left out"
    );
}

#[test]
fn a_missing_revision_or_repository_is_an_error() {
    let dir = repository();
    let run = structlint(dir.path(), &["check", "--changed-since", "no-such-branch"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no such commit"), "{}", run.stderr);

    let plain = common::workspace(&[("a.ts", b"export const a = 1;\n")]);
    let run = structlint(plain.path(), &["check", "--changed-since", "HEAD"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
}
