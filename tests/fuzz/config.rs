//! The config loader: a mutated `structlint.toml` is a clean error (message, snippet, exit
//! code 2), or a config whose check of a small workspace ends without an internal error and
//! whose findings every output format can write.

use std::path::Path;
use std::sync::Arc;

use structlint::{Config, Engine, builtin_rules};
use structlint_toml_rules::TomlRules;

use crate::mutate::{Grammar, mutant, shrink};
use crate::runner::{Outcome, Text, fuzz};
use crate::{command_line, common, rendered, seeds, write_all_formats};

/// About 5 ms of CPU each in a debug build: 8 s.
const CI_CASES: usize = 1500;
/// Cases also run through the binary, as `structlint check`.
const END_TO_END: usize = 1 + CI_CASES / 400;

/// What configs say: sections, keys, rule ids and their options, levels, globs.
const WORDS: &[&str] = &[
    "[files]",
    "[rules]",
    "[[layers]]",
    "[[helpers]]",
    "[rules.layers]",
    "rule-files",
    "include",
    "exclude",
    "max-file-size",
    "follow-symlinks",
    "tests",
    "level",
    "max",
    "name",
    "modules",
    "order",
    "cross-cutting",
    "cross-cutting-may-use",
    "allow-type-only",
    "forbid",
    "from",
    "to",
    "crates",
    "canonical",
    "names",
    "unreachable-pub",
    "suppressions",
    "max-file-lines",
    "package-privacy",
    "duplicate-schemas",
    "canonical-helpers",
    "layers",
    "helpers",
    "unclassified-layer",
    "unresolved-import",
    "import-cycles",
    "fetch-retry-timeout",
    "\"error\"",
    "\"warn\"",
    "\"off\"",
    "true",
    "false",
    "=",
    "[]",
    "{}",
    "\"**\"",
    "\"rules/*.toml\"",
    "\"rules/**\"",
    "\"../x.toml\"",
    "\"/etc/passwd\"",
    "\"src/**\"",
    "\"a\\\\/**\"",
    "\"{a,b}/**\"",
    "[[",
    "]]",
    "#",
    "'''",
    "\"\"\"",
    ".",
];

const NESTS: &[(&str, &str)] = &[("[", "]"), ("{ a = ", " }"), ("[[x]]\n", ""), ("x.", "")];

/// A config to load, and whether to run it through the binary too.
#[derive(Debug, Clone)]
struct Case {
    config: Text,
    end_to_end: bool,
}

#[test]
fn config_loader() {
    let seeds: Arc<Vec<Vec<u8>>> = Arc::new(seeds::configs());
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    fuzz(
        "config",
        CI_CASES,
        move |rng| {
            let grammar = Grammar {
                seeds: &seeds,
                words: WORDS,
                nests: NESTS,
                bytes: true,
                max_len: 256 << 10,
            };
            Case {
                config: Text(mutant(rng, &grammar)),
                end_to_end: rng.usize(..CI_CASES) < END_TO_END,
            }
        },
        move |case| {
            let outcome = load_and_check(&root, &case.config.0)?;
            if case.end_to_end {
                command_line(&root, &["check", "."])?;
            }
            Ok(outcome)
        },
        |case| {
            let cut = |config| Case {
                config: Text(config),
                end_to_end: false,
            };
            shrink(&case.config.0).into_iter().map(cut).collect()
        },
    );
    drop(dir);
}

fn load_and_check(root: &Path, config: &[u8]) -> Result<Outcome, String> {
    let path = root.join("structlint.toml");
    std::fs::write(&path, config).unwrap();
    let config = match Config::load_with(&path, builtin_rules(), &TomlRules) {
        Ok(config) => config,
        Err(error) => {
            rendered(&error)?;
            return Ok("rejected");
        }
    };
    let report = match Engine::new(config).check(&[root.to_path_buf()]) {
        Ok(report) => report,
        Err(error) => {
            rendered(&error)?;
            return Ok("rejected by the check");
        }
    };
    if !report.internal_errors.is_empty() {
        return Err(format!("internal errors: {:?}", report.internal_errors));
    }
    write_all_formats(&report);
    Ok(if report.diagnostics.is_empty() {
        "checked"
    } else {
        "checked, with findings"
    })
}

/// A small TypeScript monorepo and Rust crate for the configs to check: layers, helpers and
/// schemas to find, and the fixture's rule file for `rule-files`.
fn workspace() -> tempfile::TempDir {
    let rules = seeds::read("fixtures/ts-monorepo/rules/acme.toml");
    common::workspace(&[
        ("rules/acme.toml", &rules),
        ("package.json", b"{\"name\":\"acme\",\"private\":true}"),
        ("packages/billing/package.json", b"{\"name\":\"@acme/billing\",\"main\":\"src/index.ts\"}"),
        ("packages/billing/src/index.ts", b"export * from './ui/invoice';\n"),
        (
            "packages/billing/src/ui/invoice.ts",
            b"import { db } from '../repo/db';\nimport { retry } from '@acme/net';\nexport const invoice = () => retry(() => db());\n",
        ),
        ("packages/billing/src/repo/db.ts", b"export const db = () => fetch('/db');\nexport function withRetry() {}\n"),
        ("packages/schemas/src/user.ts", b"export interface User { id: string; name: string }\n"),
        ("packages/billing/src/types.ts", b"export interface User { id: string; name: string }\n"),
        ("packages/net/package.json", b"{\"name\":\"@acme/net\",\"main\":\"src/index.ts\"}"),
        ("packages/net/src/index.ts", b"export { retry } from './retry';\n// structlint-ignore max-file-lines\n"),
        ("packages/net/src/retry.ts", b"export function retry<T>(f: () => T): T { return f(); }\n"),
        ("Cargo.toml", b"[package]\nname = \"acme\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
        ("src/lib.rs", b"pub mod a;\nmod b;\npub fn f() { b::g(); }\n"),
        ("src/a.rs", b"pub struct A;\npub(crate) fn h() {}\n"),
        ("src/b.rs", b"pub fn g() { println!(\"x\"); }\n"),
    ])
}
