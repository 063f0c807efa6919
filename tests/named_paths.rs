//! The paths a check names only choose what is reported: every file, every folder, and any
//! order of them gives what the whole workspace's run gives for them, with the fixture's
//! config and without one (the workspace is then found from its root's manifests).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{copy_tree, repo, structlint};

/// A finding as the JSON output has it, without the edit (its paths are root-relative too).
type Finding = (String, u64, u64, String, String);

fn findings(dir: &Path, args: &[&str]) -> BTreeSet<Finding> {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let run = structlint(dir, &all);
    assert!(run.code <= 1, "check {args:?}: {}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = &d["span"]["start"];
            (
                d["path"].as_str().unwrap().to_string(),
                start["line"].as_u64().unwrap(),
                start["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
                d["summary"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every file and folder of `dir`, root-relative, hidden ones left out.
fn entries(dir: &Path) -> (Vec<String>, Vec<String>) {
    let (mut files, mut dirs) = (Vec::new(), Vec::new());
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel.split('/').any(|part| part.starts_with('.')) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                dirs.push(rel);
            } else {
                files.push(rel);
            }
        }
    }
    (files, dirs)
}

fn under(whole: &BTreeSet<Finding>, named: &[&str]) -> BTreeSet<Finding> {
    whole
        .iter()
        .filter(|f| {
            named
                .iter()
                .any(|n| f.0 == *n || f.0.starts_with(&format!("{n}/")))
        })
        .cloned()
        .collect()
}

fn agrees_with_the_whole_run(fixture: &str, keep_config: bool) {
    let copy = copy_tree(&repo().join("fixtures").join(fixture));
    let dir = copy.path();
    if !keep_config {
        std::fs::remove_file(dir.join("structlint.toml")).unwrap();
    }
    let whole = findings(dir, &[]);
    assert!(!whole.is_empty(), "{fixture}: the fixture has findings");
    let (files, dirs) = entries(dir);
    for named in files.iter().chain(&dirs) {
        assert_eq!(
            findings(dir, &[named]),
            under(&whole, &[named]),
            "{fixture} (config: {keep_config}): `check {named}` differs from the whole run"
        );
    }
    // Named from a folder below the root, with a path relative to it.
    let (deep, parent) = files
        .iter()
        .find_map(|f| Some((f, f.rsplit_once('/')?.0)))
        .unwrap();
    let name = &deep[parent.len() + 1..];
    assert_eq!(findings(&dir.join(parent), &[name]), under(&whole, &[deep]));
    for pair in dirs.windows(2).step_by(4) {
        let (a, b) = (pair[0].as_str(), pair[1].as_str());
        let want = under(&whole, &[a, b]);
        assert_eq!(findings(dir, &[a, b]), want, "check {a} {b}");
        assert_eq!(findings(dir, &[b, a]), want, "check {b} {a}");
    }
}

#[test]
fn named_paths_filter_the_typescript_workspace() {
    agrees_with_the_whole_run("ts-monorepo", true);
    agrees_with_the_whole_run("ts-monorepo", false);
}

#[test]
fn named_paths_filter_the_rust_workspace() {
    agrees_with_the_whole_run("rust-workspace", true);
    agrees_with_the_whole_run("rust-workspace", false);
}

#[test]
fn paths_in_different_workspaces_are_a_usage_error() {
    let one = copy_tree(&repo().join("fixtures/ts-monorepo"));
    let other = copy_tree(&repo().join("fixtures/rust-workspace"));
    let (a, b) = (one.path().to_str().unwrap(), other.path().to_str().unwrap());
    for args in [["check", a, b], ["check", b, a]] {
        let run = structlint(one.path(), &args);
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(
            run.stderr.contains("different workspaces"),
            "{}",
            run.stderr
        );
    }
}
