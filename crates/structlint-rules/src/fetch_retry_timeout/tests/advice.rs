//! The advice names what exists: the exact import or `use` line of the wrapper the workspace
//! defines, and no plain retry for a request that is not safe to repeat.

use crate::shared::testing::check;

const CONFIG: &str = "[rules]\nmax-file-lines = \"off\"\n";

fn net_package() -> [(&'static str, &'static str); 3] {
    [
        (
            "packages/net/package.json",
            "{\"name\": \"@acme/net\", \"exports\": {\".\": \"./src/index.ts\"}}",
        ),
        (
            "packages/net/src/index.ts",
            "export { withRetry } from \"./retry\";\n",
        ),
        (
            "packages/net/src/retry.ts",
            "export async function withRetry<T>(op: () => Promise<T>): Promise<T> {\n  return op();\n}\n",
        ),
    ]
}

#[test]
fn the_import_is_the_exact_line_through_the_package_entry() {
    let mut files = net_package().to_vec();
    files.extend([
        (
            "packages/app/package.json",
            "{\"name\": \"@acme/app\", \"dependencies\": {\"@acme/net\": \"workspace:*\"}}",
        ),
        (
            "packages/app/src/a.ts",
            "export async function load() {\n  return fetch('/a');\n}\n",
        ),
    ]);
    let checked = check(&files, CONFIG);
    let d = checked.first("fetch-retry-timeout");
    assert_eq!(
        d.fix[1],
        "Add `import { withRetry } from \"@acme/net\";` to packages/app/src/a.ts."
    );
}

#[test]
fn the_rewrite_names_the_configured_wrapper_the_workspace_defines() {
    let files = [
        ("src/retry.ts", "export const retry = async (op) => op();\n"),
        ("src/a.ts", "export const a = async () => fetch('/a');\n"),
    ];
    let d = check(&files, CONFIG).first("fetch-retry-timeout").clone();
    assert_eq!(
        d.fix[0],
        "Rewrite the call as `retry(() => fetch('/a', { signal: AbortSignal.timeout(10_000) }))`."
    );
    assert_eq!(
        d.fix[1],
        "Add `import { retry } from \"./retry\";` to src/a.ts."
    );
    let alone = check(&files[1..], CONFIG)
        .first("fetch-retry-timeout")
        .clone();
    assert!(
        alone.fix[1].starts_with("No retry wrapper is defined in this workspace (looked for the `retry` names of [rules.fetch-retry-timeout]: `withRetry`, `retry`, `with_retry`, `backoff::future::retry`)"),
        "{:?}",
        alone.fix
    );
}

#[test]
fn a_post_gets_a_timeout_and_a_way_to_make_it_safe_to_retry_not_a_retry() {
    let mut files = net_package().to_vec();
    files.push((
        "packages/net/src/submit.ts",
        "import { withRetry } from \"./retry\";\nexport async function submit(body: string) {\n  return fetch('/actions/submit', { method: 'POST', body });\n}\n",
    ));
    let checked = check(&files, CONFIG);
    assert_eq!(
        checked.of("fetch-retry-timeout"),
        [
            "packages/net/src/submit.ts:3 `fetch` (POST) in packages/net/src/submit.ts has no timeout"
        ]
    );
    let d = checked.first("fetch-retry-timeout");
    assert_eq!(
        d.fix[0],
        "Rewrite the call as `fetch('/actions/submit', { method: 'POST', body, signal: AbortSignal.timeout(10_000) })`."
    );
    assert!(
        d.fix.iter().any(|s| s.contains("this is a POST")
            && s.contains("`Idempotency-Key` header")
            && s.contains("then wrap the call in `withRetry`")),
        "{:?}",
        d.fix
    );
    assert!(
        !d.fix.iter().any(|s| s.starts_with("Add `import")),
        "{:?}",
        d.fix
    );
}

#[test]
fn rust_advice_gives_the_use_line() {
    let files = [
        ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n"),
        (
            "crates/net/Cargo.toml",
            "[package]\nname = \"acme-net\"\nversion = \"0.1.0\"\n",
        ),
        ("crates/net/src/lib.rs", "pub mod retry;\n"),
        (
            "crates/net/src/retry.rs",
            "pub async fn with_retry<T, F: FnMut() -> T>(mut op: F) -> T { op() }\n",
        ),
        (
            "crates/app/Cargo.toml",
            "[package]\nname = \"acme-app\"\nversion = \"0.1.0\"\n[dependencies]\nacme-net = { path = \"../net\" }\nreqwest = \"0.12\"\n",
        ),
        (
            "crates/app/src/lib.rs",
            "pub async fn load(client: &reqwest::Client) -> reqwest::Result<reqwest::Response> {\n    client.get(\"https://x\").send().await\n}\n",
        ),
    ];
    let checked = check(&files, CONFIG);
    let d = checked.first("fetch-retry-timeout");
    assert_eq!(
        d.fix[1],
        "Add `use acme_net::retry::with_retry;` to crates/app/src/lib.rs."
    );
    assert!(
        d.fix[2].contains("`use std::time::Duration;`"),
        "{:?}",
        d.fix
    );
}

/// The advice, applied as written, leaves nothing to report: the import resolves through the
/// package's public entry, which exports the wrapper, and the call has both halves.
#[test]
fn applying_the_advice_leaves_nothing_to_report() {
    let mut files: Vec<(&str, String)> = net_package()
        .iter()
        .map(|(p, t)| (*p, t.to_string()))
        .collect();
    files.push((
        "packages/app/package.json",
        "{\"name\": \"@acme/app\", \"dependencies\": {\"@acme/net\": \"workspace:*\"}}".into(),
    ));
    let before = "export async function load() {\n  return fetch('/a');\n}\n";
    files.push(("packages/app/src/a.ts", before.into()));
    let findings = |files: &[(&'static str, String)]| {
        let checked = check(
            &files
                .iter()
                .map(|(p, t)| (*p, t.as_str()))
                .collect::<Vec<_>>(),
            CONFIG,
        );
        checked.diagnostics
    };
    let found = findings(&files);
    let d = found
        .iter()
        .find(|d| d.rule == "fetch-retry-timeout")
        .expect("the bare fetch is reported");
    let quoted = |step: &str| step.split('`').nth(1).unwrap().to_string();
    let call = quoted(&d.fix[0]);
    let import = quoted(&d.fix[1]);
    let after = format!(
        "{import}\n{}{call}{}",
        &before[..d.span.start],
        &before[d.span.end..]
    );
    let mut applied = files.clone();
    applied.last_mut().unwrap().1 = after;
    let left: Vec<String> = findings(&applied)
        .iter()
        .filter(|d| d.span.path == "packages/app/src/a.ts")
        .map(|d| format!("{}: {}", d.rule, d.summary))
        .collect();
    assert_eq!(left, Vec::<String>::new());
}
