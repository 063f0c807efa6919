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
            "packages/billing/src/remote.ts:21 `retry` re-implements `withRetry` from packages/async/src/retry.ts; import it",
        ]
    );
    let d = checked.first("canonical-helpers");
    assert_eq!(
        d.fix[0],
        r#"Delete `retryFetch` and import the canonical helper: `import { withRetry } from "@acme/async";`; call `withRetry` where `retryFetch` was called."#
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
            .filter(|d| d.fix.len() == 2)
            .count(),
        1,
        "structural copies have no rename step"
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
