//! The TOML rule loader: a mutated rule file is a clean error, or rules whose own tests
//! (`structlint test`, with and without `--update`) and whose check of a small workspace end
//! without a crash, writing nothing but their snapshots, and those only under the workspace.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use structlint::{Config, Engine, builtin_rules};
use structlint_toml_rules::{RULE_FIELDS, TomlRules, load_file, testing};

use crate::mutate::{Grammar, mutant, shrink};
use crate::runner::{Outcome, Text, fuzz};
use crate::{command_line, common, rendered, seeds, write_all_formats};

/// About 12 ms of CPU each in a debug build (a quarter run the rule's tests and a check): 7 s.
const CI_CASES: usize = 600;
/// Cases also run through the binary, as `structlint test` and `structlint check`.
const END_TO_END: usize = 1 + CI_CASES / 200;

/// Tables of a rule file; its fields are `RULE_FIELDS`, the loader's own list.
const TABLES: &[&str] = &[
    "[[rule]]",
    "[[rule.tests]]",
    "[rule.tests.files]",
    "[rule.where.A]",
    "[rule.where.MS]",
];

/// Values and syntax of rule files: languages, matchers, metavariables, templates, tests.
const VALUES: &[&str] = &[
    "valid",
    "invalid",
    "expect",
    "not-regex",
    "\"typescript\"",
    "\"tsx\"",
    "\"javascript\"",
    "\"rust\"",
    "\"imports\"",
    "\"files\"",
    "\"identifier\"",
    "\"nope\"",
    "\"$A\"",
    "\"$$$A\"",
    "\"$_\"",
    "\"f($$$A, $$$B, 1)\"",
    "\"{{match}}\"",
    "\"{{A}}\"",
    "\"{{pkg}}\"",
    "\"packages/{pkg}/src/**\"",
    "\"packages/!{pkg}/**\"",
    "\"(_) @match\"",
    "\"(identifier) @a (#has? @a \\\"x\\\")\"",
    "\"^(log|debug)$\"",
    "\"(a\"",
    "\"**\"",
    "\"../../x\"",
    "\"/tmp/x\"",
    "\"a.ts:1\"",
    "[]",
    "{}",
    "=",
    "true",
    "'''",
    "\"\"\"",
    "#",
];

/// What rule files say: tables, fields, then values, in that order.
fn words() -> Vec<&'static str> {
    [TABLES, RULE_FIELDS, VALUES].concat()
}

const NESTS: &[(&str, &str)] = &[("[", "]"), ("{ a = ", " }"), ("(", ")"), ("$$$A, ", "")];

/// A rule file, whether its snapshots are rewritten, and whether the binary runs it too.
#[derive(Debug, Clone)]
struct Case {
    rules: Text,
    update: bool,
    end_to_end: bool,
}

#[test]
fn rule_loader() {
    let seeds: Arc<Vec<Vec<u8>>> = Arc::new(seeds::rule_files());
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let before = snapshot(&root);
    let words = words();
    fuzz(
        "rules",
        CI_CASES,
        move |rng| {
            let grammar = Grammar {
                seeds: &seeds,
                words: &words,
                nests: NESTS,
                bytes: true,
                max_len: 256 << 10,
            };
            Case {
                rules: Text(mutant(rng, &grammar)),
                update: rng.usize(..8) == 0,
                end_to_end: rng.usize(..CI_CASES) < END_TO_END,
            }
        },
        move |case| {
            let outcome = load_and_test(&root, case);
            let changed = restore(&root, &before);
            let outcome = outcome?;
            if let Some(path) = changed
                .iter()
                .find(|p| !case.update || !is_snapshot(&root, p))
            {
                return Err(format!("wrote {}", path.display()));
            }
            if case.end_to_end {
                command_line(&root, &["test", "rules"])?;
                command_line(&root, &["check", "."])?;
            }
            Ok(outcome)
        },
        |case| {
            let cut = |rules| Case {
                rules: Text(rules),
                ..case.clone()
            };
            shrink(&case.rules.0).into_iter().map(cut).collect()
        },
    );
    drop(dir);
}

fn load_and_test(root: &Path, case: &Case) -> Result<Outcome, String> {
    let file = root.join("rules/x.toml");
    std::fs::write(&file, &case.rules.0).unwrap();
    if let Err(error) = load_file(root, &file) {
        rendered(&error)?;
        return Ok("rejected");
    }
    let reports = match testing::run(root, std::slice::from_ref(&file), case.update) {
        Ok(reports) => reports,
        Err(error) => {
            rendered(&error)?;
            return Err(format!(
                "loaded, then rejected by its tests: {}",
                error.message
            ));
        }
    };
    let config = match Config::load_with(&root.join("structlint.toml"), builtin_rules(), &TomlRules)
    {
        Ok(config) => config,
        Err(error) => {
            // A rule id that is a built-in rule's is an error of the config only.
            rendered(&error)?;
            return Ok("loaded, rejected by the config");
        }
    };
    let report = Engine::new(config)
        .check(&[root.to_path_buf()])
        .map_err(|e| format!("the check of a valid config failed: {}", e.message))?;
    if !report.internal_errors.is_empty() {
        return Err(format!("internal errors: {:?}", report.internal_errors));
    }
    write_all_formats(&report);
    Ok(if reports.iter().all(|r| r.passed()) {
        "loaded, tests pass"
    } else {
        "loaded, tests fail"
    })
}

/// Every file under `root` with its contents.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// Puts `root` back as it was `before` (the case's rule file aside), and returns the paths a
/// case wrote, so that each case starts from the same workspace.
fn restore(root: &Path, before: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<PathBuf> {
    let mut changed = Vec::new();
    for (path, contents) in snapshot(root) {
        if path == root.join("rules/x.toml") {
            continue;
        }
        match before.get(&path) {
            Some(old) if *old == contents => {}
            Some(old) => {
                std::fs::write(&path, old).unwrap();
                changed.push(path);
            }
            None => {
                std::fs::remove_file(&path).unwrap();
                changed.push(path);
            }
        }
    }
    changed
}

fn is_snapshot(root: &Path, path: &Path) -> bool {
    path.parent() == Some(&root.join("rules/__snapshots__"))
        && path.extension().is_some_and(|e| e == "md")
}

/// The rule file's folder with every seed's snapshot and fixture, a config that loads it,
/// and code for its rules to find.
fn workspace() -> tempfile::TempDir {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("structlint.toml".into(), b"rule-files = [\"rules/x.toml\"]\n".to_vec()),
        ("rules/x.toml".into(), Vec::new()),
        ("rules/react-component-size.tsx".into(), seeds::read("rules/typescript/react-component-size.tsx")),
        ("pnpm-workspace.yaml".into(), b"packages:\n  - packages/*\n".to_vec()),
        ("packages/app/package.json".into(), b"{ \"name\": \"app\" }".to_vec()),
        (
            "packages/app/src/screen.ts".into(),
            b"import { Grid } from '../../ui-kit/src/legacy/Grid';\nfor (const x of xs) { await load(x); }\nconsole.log(process.env.X); // TODO fix\nexport default function f() { return new Date(); }\n".to_vec(),
        ),
        ("packages/ui-kit/package.json".into(), b"{ \"name\": \"ui-kit\" }".to_vec()),
        ("packages/ui-kit/src/legacy/Grid.ts".into(), b"export const Grid = 1;\n".to_vec()),
        ("Cargo.toml".into(), b"[package]\nname = \"a\"\nversion = \"0.1.0\"\n".to_vec()),
        ("src/lib.rs".into(), b"pub fn f(x: Option<u8>) -> u8 { println!(\"{x:?}\"); dbg!(x).unwrap() }\n".to_vec()),
    ];
    for dir in [
        "rules/typescript",
        "rules/rust",
        "fixtures/ts-monorepo/rules",
    ] {
        for snapshot in seeds::list(&format!("{dir}/__snapshots__")) {
            let name = snapshot.file_name().unwrap().to_string_lossy();
            files.push((
                format!("rules/__snapshots__/{name}"),
                std::fs::read(&snapshot).unwrap(),
            ));
        }
    }
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    common::workspace(&files)
}
