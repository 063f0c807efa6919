//! `check --fix`, `--fix-dry-run` and `--unsafe-fixes` end to end, on a copy of the
//! TypeScript fixture: the edits they apply make their findings go away and bring no new one.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

/// A finding, without its position: fixing one line moves the findings below it.
type Key = (String, String, String);

struct Findings {
    all: BTreeSet<Key>,
    safe: BTreeSet<Key>,
    with_edit: BTreeSet<Key>,
}

fn findings(root: &Path) -> Findings {
    let run = common::structlint(root, &["check", "--format", "json", "."]);
    assert!(run.code <= 1, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut out = Findings {
        all: BTreeSet::new(),
        safe: BTreeSet::new(),
        with_edit: BTreeSet::new(),
    };
    for d in json["diagnostics"].as_array().unwrap() {
        let key = (
            d["rule"].as_str().unwrap().to_string(),
            d["path"].as_str().unwrap().to_string(),
            d["summary"].as_str().unwrap().to_string(),
        );
        if let Some(edit) = d["edit"].as_object() {
            out.with_edit.insert(key.clone());
            if edit["applicability"] == "safe" {
                out.safe.insert(key.clone());
            }
        }
        out.all.insert(key);
    }
    out
}

fn fixture_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ts-monorepo");
    common::copy_dir(&common::repo().join("fixtures/ts-monorepo"), &root);
    (dir, root)
}

/// Fixing `expected` removed exactly those findings: none new, none other gone.
fn assert_fixed(before: &Findings, after: &Findings, expected: &BTreeSet<Key>) {
    let new: Vec<_> = after.all.difference(&before.all).collect();
    assert!(new.is_empty(), "the fixes brought new findings: {new:#?}");
    let gone: BTreeSet<Key> = before.all.difference(&after.all).cloned().collect();
    assert_eq!(&gone, expected);
}

#[test]
fn fix_applies_every_safe_edit_and_the_recheck_shows_only_the_rest() {
    let (_dir, root) = fixture_copy();
    let before = findings(&root);
    assert!(!before.safe.is_empty(), "the fixture offers a safe edit");
    assert!(
        before.with_edit.len() > before.safe.len(),
        "and unsafe ones"
    );
    let run = common::structlint(&root, &["check", "--fix", "."]);
    assert_eq!(
        run.code, 1,
        "errors without a safe edit remain: {}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Fixed 1 finding in 1 file (suppressions: 1)."),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--unsafe-fixes"), "{}", run.stderr);
    assert_fixed(&before, &findings(&root), &before.safe);
    let again = common::structlint(&root, &["check", "--fix", "."]);
    assert!(again.stderr.contains("Fixed nothing"), "{}", again.stderr);
}

#[test]
fn unsafe_fixes_apply_the_rest_of_the_edits_too() {
    let (_dir, root) = fixture_copy();
    let before = findings(&root);
    let run = common::structlint(&root, &["check", "--fix", "--unsafe-fixes", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let after = findings(&root);
    assert_fixed(&before, &after, &before.with_edit);
    assert!(after.with_edit.is_empty());
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let (_dir, root) = fixture_copy();
    let file = root.join("packages/reports/src/export-csv.ts");
    let text = std::fs::read_to_string(&file).unwrap();
    let run = common::structlint(&root, &["check", "--fix-dry-run", "."]);
    assert_eq!(run.code, 1, "an edit to apply exits 1: {}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "--- a/packages/reports/src/export-csv.ts\n+++ b/packages/reports/src/export-csv.ts\n@@"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\n-// structlint-disable-next-line max-file-lines")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn a_file_with_syntax_errors_is_left_alone() {
    let unused = "// structlint-disable-next-line max-file-lines -- old\nexport const a = 1;\n";
    let broken = format!("{unused}export const b = (;\n");
    let dir = common::workspace(&[
        ("structlint.toml", b"[rules.max-file-lines]\nmax = 300\n"),
        ("ok.ts", unused.as_bytes()),
        ("broken.ts", broken.as_bytes()),
    ]);
    let run = common::structlint(dir.path(), &["check", "--fix", "."]);
    assert!(
        run.stderr
            .contains("Left broken.ts alone: it has syntax errors."),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.ts")).unwrap(),
        broken
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ok.ts")).unwrap(),
        "export const a = 1;\n"
    );
}

#[test]
fn a_relative_import_of_another_packages_entry_becomes_its_package_name() {
    let dir = common::workspace(&[
        (
            "package.json",
            br#"{ "name": "root", "private": true, "workspaces": ["packages/*"] }"#,
        ),
        (
            "packages/a/package.json",
            br#"{ "name": "@x/a", "main": "src/index.ts" }"#,
        ),
        (
            "packages/b/package.json",
            br#"{ "name": "@x/b", "dependencies": { "@x/a": "workspace:*" } }"#,
        ),
        (
            "packages/a/src/index.ts",
            b"export function foo(): number { return 1; }\n",
        ),
        (
            "packages/b/src/index.ts",
            b"import { foo } from '../../a/src/index';\nexport const bar = foo();\n",
        ),
    ]);
    let before = findings(dir.path());
    assert_eq!(before.safe.len(), 1, "{:#?}", before.all);
    let run = common::structlint(dir.path(), &["check", "--fix", "."]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("Fixed 1 finding in 1 file (package-privacy: 1)."),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("packages/b/src/index.ts")).unwrap(),
        "import { foo } from '@x/a';\nexport const bar = foo();\n"
    );
    assert!(findings(dir.path()).all.is_empty());
}
