use crate::shared::testing::check;

const RETRY: &str =
    "export async function withRetry<T>(operation: () => Promise<T>, attempts = 3): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await operation();
    } catch (error) {
      last = error;
    }
  }
  throw last;
}
";

const SLEEP: &str = "export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));\n";

const CONFIG: &str = r#"[rules]
unresolved-import = "off"

[[helpers]]
name = "retry"
canonical = "packages/async/src/retry.ts"
names = ["retry", "withRetry", "retryWithBackoff", "*Retry*"]

[[helpers]]
name = "sleep"
canonical = "packages/async/src/sleep.ts"
"#;

fn workspace(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut files = vec![
        ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
        (
            "packages/async/package.json",
            r#"{ "name": "@acme/async", "exports": { ".": "./src/index.ts" } }"#,
        ),
        (
            "packages/async/src/index.ts",
            "export { withRetry } from './retry';\nexport { sleep } from './sleep';\n",
        ),
        ("packages/async/src/retry.ts", RETRY),
        ("packages/async/src/sleep.ts", SLEEP),
        (
            "packages/billing/package.json",
            r#"{ "name": "@acme/billing", "dependencies": { "@acme/async": "workspace:*" } }"#,
        ),
    ];
    files.extend_from_slice(extra);
    files
}

#[test]
fn named_and_structural_copies_are_reported_with_the_import_to_use() {
    let remote = "import { withRetry } from '@acme/async';

export async function retryFetch(url: string) {
  for (let i = 0; i < 3; i++) {
    try { return await fetch(url); } catch {}
  }
}

const nap = (t: number) => new Promise<void>((done) => setTimeout(done, t));

const pause = (ms: number) => new Promise<void>((r) => setImmediate(r));

export const retryCount = 3;

export function withRetryLogged<T>(operation: () => Promise<T>) {
  console.log('retrying');
  return withRetry(operation);
}

class Client {
  async retry(op: () => Promise<void>) { await op(); }
}
";
    let checked = check(
        &workspace(&[("packages/billing/src/remote.ts", remote)]),
        CONFIG,
    );
    assert_eq!(
        checked.of("canonical-helpers"),
        [
            "packages/billing/src/remote.ts:3 `retryFetch` re-implements `withRetry` from packages/async/src/retry.ts; import it",
            "packages/billing/src/remote.ts:9 `nap` has the same code as `sleep` in packages/async/src/sleep.ts, under another name: import `sleep` instead",
            "packages/billing/src/remote.ts:11 `pause` re-implements `sleep` from packages/async/src/sleep.ts; import it",
        ],
        "`Client.retry` is a method: its name belongs to its class"
    );
    let d = checked.first("canonical-helpers");
    assert_eq!(
        d.fix[0],
        r#"Delete `retryFetch` and import the canonical helper: `import { withRetry } from "@acme/async";`; `retryFetch(url)` and `withRetry(operation, attempts)` take different parameters: rewrite each call of `retryFetch` as a call of `withRetry(operation, attempts)`, passing what each of its parameters asks for, and check what it returns against how the result was used."#
    );
    assert!(
        d.fix[2].contains("`retry`, `withRetry`, `retryWithBackoff`, `*Retry*`"),
        "{:?}",
        d.fix
    );
    assert_eq!(
        (
            d.related[0].span.path.as_str(),
            d.related[0].span.start_pos.line
        ),
        ("packages/async/src/retry.ts", 1)
    );
    assert_eq!(
        checked
            .diagnostics
            .iter()
            .filter(|d| d.rule == "canonical-helpers" && d.fix.len() == 2)
            .count(),
        1,
        "structural copies have no rename step"
    );
}

#[test]
fn methods_constructors_and_other_functions_of_the_canonical_file_are_not_the_helper() {
    // The canonical file also holds a one-line text helper; a different one-line replace
    // elsewhere is not a copy of it, and neither are methods named like the helper.
    let canonical = format!(
        "{SLEEP}export const normalizeNewlines = (s: string) => {{ return s.replace(/\\r\\n?/g, \"\\n\"); }};\n"
    );
    let other = "export const escapeRegExp = (s: string) => { return s.replace(/[.*+?^${}()|[\\]\\\\]/g, \"\\\\$&\"); };
export const child = { async wait() { return 0; } };
export class Stream {
  constructor(private readonly ms: number) {}
  pause() { return this; }
  sleep(ms: number) { return new Promise<void>((resolve) => setTimeout(resolve, ms)); }
}
";
    let mut files = workspace(&[("packages/billing/src/stream.ts", other)]);
    let at = files
        .iter()
        .position(|(p, _)| *p == "packages/async/src/sleep.ts")
        .unwrap();
    files[at].1 = Box::leak(canonical.into_boxed_str());
    let checked = check(&files, CONFIG);
    assert_eq!(checked.of("canonical-helpers"), Vec::<String>::new());
}

#[test]
fn a_copy_of_a_helper_is_a_copy_whatever_its_regex_but_only_of_the_same_regex() {
    let config =
        "[[helpers]]\nname = \"eol\"\ncanonical = \"src/eol.ts\"\nnames = [\"normalizeEOL\"]\n";
    let eol =
        "export const normalizeEOL = (s: string) => { return s.replace(/\\r\\n?/g, \"\\n\"); };\n";
    let files = [
        ("src/eol.ts", eol),
        (
            "src/same.ts",
            "export const unixLines = (text: string) => { return text.replace(/\\r\\n?/g, \"\\n\"); };\n",
        ),
        (
            "src/other.ts",
            "export const dashes = (text: string) => { return text.replace(/_+/g, \"-\"); };\n",
        ),
    ];
    let checked = check(&files, config);
    assert_eq!(
        checked.of("canonical-helpers"),
        [
            "src/same.ts:1 `unixLines` has the same code as `normalizeEOL` in src/eol.ts, under another name: import `normalizeEOL` instead"
        ]
    );
    assert!(
        checked.first("canonical-helpers").fix[0]
            .ends_with("rewrite each call `unixLines(text)` as `normalizeEOL(text)`."),
        "{:?}",
        checked.first("canonical-helpers").fix
    );
}

#[test]
fn a_copy_in_the_canonical_package_imports_relatively() {
    let checked = check(
        &workspace(&[(
            "packages/async/src/poll.ts",
            "export const delay = (n: number) => n;\n",
        )]),
        CONFIG,
    );
    assert!(
        checked.first("canonical-helpers").fix[0].contains(r#"`import { sleep } from "./sleep";`"#)
    );
}

#[test]
fn rust_helpers_are_looked_for_in_rust_files_only() {
    let canonical = "pub fn with_retry<T>(mut op: impl FnMut() -> Result<T, String>, attempts: u32) -> Result<T, String> {\n    let mut last = Err(String::new());\n    for _ in 0..attempts {\n        last = op();\n        if last.is_ok() {\n            break;\n        }\n    }\n    last\n}\n";
    let copy = canonical
        .replace("with_retry", "again")
        .replace("last", "previous")
        .replace("attempts", "tries");
    let files = [
        ("crates/util/src/retry.rs", canonical),
        ("crates/app/src/lib.rs", copy.as_str()),
        ("crates/app/src/named.rs", "fn retry_twice() {}\n"),
        ("web/src/a.ts", "export function withRetry() {}\n"),
    ];
    let config = "[[helpers]]\nname = \"retry\"\ncanonical = \"crates/util/src/retry.rs\"\n";
    let checked = check(&files, config);
    assert_eq!(
        checked.of("canonical-helpers"),
        [
            "crates/app/src/lib.rs:1 `again` has the same code as `with_retry` in crates/util/src/retry.rs, under another name: import `with_retry` instead",
            "crates/app/src/named.rs:1 `retry_twice` re-implements `with_retry` from crates/util/src/retry.rs; import it",
        ]
    );
    assert!(
        checked.first("canonical-helpers").fix[0]
            .starts_with("Delete `again` and `use` `with_retry` from crates/util/src/retry.rs")
    );
}

// A Rust file cannot hold a copy of a TypeScript helper, so it is not parsed for one.
#[test]
fn files_of_a_family_without_a_helper_are_not_parsed() {
    let config = "[rules]\nmax-file-lines = \"off\"\nsuppressions = \"off\"\nduplicate-schemas = \"off\"\nfetch-retry-timeout = \"off\"\nlayers = \"off\"\npackage-privacy = \"off\"\nimport-cycles = \"off\"\nunclassified-layer = \"off\"\nunresolved-import = \"off\"\n\n[[helpers]]\nname = \"sleep\"\ncanonical = \"src/sleep.ts\"\n";
    let files = [
        ("src/sleep.ts", SLEEP),
        (
            "src/a.ts",
            "export function sleep(ms: number) { return ms; }\n",
        ),
        (
            "crates/app/src/lib.rs",
            "pub fn sleep(ms: u64) -> u64 { ms }\n",
        ),
    ];
    let checked = check(&files, config);
    assert_eq!(
        checked.of("canonical-helpers"),
        ["src/a.ts:1 `sleep` re-implements `sleep` from src/sleep.ts; import it"]
    );
    assert_eq!(checked.parsed, 2);
}

#[test]
fn a_missing_canonical_file_is_a_note_not_a_silent_pass() {
    let config = "[[helpers]]\nname = \"sleep\"\ncanonical = \"src/sleep.ts\"\n";
    let checked = check(
        &[(
            "src/a.ts",
            "export function sleep(ms: number) { return ms; }\n",
        )],
        config,
    );
    assert_eq!(checked.of("canonical-helpers"), Vec::<String>::new());
    assert!(
        checked
            .notes
            .iter()
            .any(|n| n.starts_with("src/sleep.ts: the canonical file of helper `sleep`")),
        "{:?}",
        checked.notes
    );
}

#[test]
fn helper_config_mistakes_are_errors() {
    let cases = [
        (
            "name = \"cache\"\ncanonical = \"a.ts\"",
            "helper `cache` needs `names`",
        ),
        (
            "name = \"retry\"\ncanonical = \"src/*.ts\"",
            "`canonical` must be one TypeScript, JavaScript or Rust file",
        ),
        (
            "name = \"retry\"\ncanonical = \"a.ts\"\nnames = []",
            "`names` is empty",
        ),
        (
            "name = \"retry\"\ncanonical = \"a.ts\"\nnames = [\"a{b\"]",
            "invalid name pattern `a{b`",
        ),
        (
            "name = \"retry\"\ncanonical = \"a.ts\"\n[[helpers]]\nname = \"retry\"\ncanonical = \"b.ts\"",
            "listed twice",
        ),
        (
            "name = \"retry\"\ncanonical = \"a.ts\"\nnaems = [\"x\"]",
            "unknown field `naems`",
        ),
    ];
    for (body, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("structlint.toml");
        std::fs::write(&file, format!("[[helpers]]\n{body}\n")).unwrap();
        let error = structlint_core::Config::load(&file, crate::builtin())
            .err()
            .expect("an error");
        assert!(error.message.contains(message), "{body}: {}", error.message);
    }
}

#[test]
fn rust_advice_gives_the_use_line_and_what_it_needs() {
    let canonical = "pub fn with_retry(mut op: impl FnMut() -> bool, attempts: u32) -> bool {\n    for _ in 0..attempts {\n        if op() {\n            return true;\n        }\n    }\n    false\n}\n";
    let files = [
        ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n"),
        (
            "crates/util/Cargo.toml",
            "[package]\nname = \"acme-util\"\n",
        ),
        ("crates/util/src/lib.rs", "pub mod net;\n"),
        ("crates/util/src/net/mod.rs", "pub mod retry;\n"),
        ("crates/util/src/net/retry.rs", canonical),
        ("crates/util/src/poll.rs", "pub fn retry_poll() {}\n"),
        ("crates/app/Cargo.toml", "[package]\nname = \"app\"\n"),
        ("crates/app/src/lib.rs", "pub fn retry_twice() {}\n"),
    ];
    let config = "[[helpers]]\nname = \"retry\"\ncanonical = \"crates/util/src/net/retry.rs\"\n";
    let checked = check(&files, config);
    let fixes: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == "canonical-helpers")
        .map(|d| d.fix[0].as_str())
        .collect();
    assert_eq!(
        fixes,
        [
            "Delete `retry_twice` and write `use acme_util::net::retry::with_retry;` (add `acme-util` to this crate's [dependencies]; if `with_retry` or a module on that path is not `pub`, make it `pub` or re-export `with_retry` from the root of `acme-util`); `retry_twice()` and `with_retry(op, attempts)` take different parameters: rewrite each call of `retry_twice` as a call of `with_retry(op, attempts)`, passing what each of its parameters asks for, and check what it returns against how the result was used.",
            "Delete `retry_poll` and write `use crate::net::retry::with_retry;` (if `with_retry` or a module on that path is private to its parent, make it `pub(crate)`); `retry_poll()` and `with_retry(op, attempts)` take different parameters: rewrite each call of `retry_poll` as a call of `with_retry(op, attempts)`, passing what each of its parameters asks for, and check what it returns against how the result was used.",
        ]
    );
}
