use structlint_core::{Language, SourceFile};

use super::*;

fn wrappers() -> Wrappers {
    let list = |names: &[&str]| names.iter().map(|s| s.to_string()).collect();
    Wrappers {
        calls: list(&["fetch"]),
        retry: list(&["withRetry", "retry"]),
        timeout: list(&["withTimeout"]),
    }
}

fn found(text: &str) -> Vec<String> {
    let file = SourceFile::new(
        "a.ts".into(),
        "a.ts".into(),
        Language::TypeScript,
        text.into(),
    );
    unwrapped(&FileContext::new(&file), &wrappers())
        .iter()
        .map(|u| {
            format!(
                "{}:{} retry={} timeout={} -> {}",
                u.call, u.span.start_pos.line, !u.missing_retry, !u.missing_timeout, u.rewrite
            )
        })
        .collect()
}

#[test]
fn wrapped_calls_pass_and_bare_ones_are_rewritten() {
    let text = "const a = await withRetry(() => fetch(url, { signal: AbortSignal.timeout(5000) }));\nconst b = await fetch(url);\nconst c = await window.fetch(url, { method: 'POST' });\nconst d = retry(() => fetch(url, init));\n";
    assert_eq!(
        found(text),
        [
            "fetch:2 retry=false timeout=false -> await withRetry(() => fetch(url, { signal: AbortSignal.timeout(10_000) }))",
            "window.fetch:3 retry=false timeout=false -> await withRetry(() => window.fetch(url, { method: 'POST', signal: AbortSignal.timeout(10_000) }))",
            "fetch:4 retry=true timeout=false -> fetch(url, { ...init, signal: AbortSignal.timeout(10_000) })",
        ]
    );
}

#[test]
fn signals_through_variables_any_and_timeout_wrappers() {
    let text = "const signal = AbortSignal.timeout(3000);\nawait withRetry(() => fetch(url, { signal }));\nconst init = { headers, signal: AbortSignal.any([user, AbortSignal.timeout(1000)]) };\nawait withRetry(() => fetch(url, init));\nawait withRetry(() => withTimeout(() => fetch(url), 500));\nconst controller = new AbortController();\nconst t = setTimeout(() => controller.abort(), 100);\nconst s = controller.signal;\nawait retry(() => fetch(url, { signal: s }));\n";
    assert_eq!(found(text), Vec::<String>::new());
}

#[test]
fn an_existing_signal_is_combined_with_the_deadline() {
    assert_eq!(
        found(
            "await withRetry(() => fetch(url, { method: 'GET', signal: user.signal }));\nawait withRetry(() => fetch(url, { signal }));\n"
        ),
        [
            "fetch:1 retry=true timeout=false -> fetch(url, { method: 'GET', signal: AbortSignal.any([user.signal, AbortSignal.timeout(10_000)]) })",
            "fetch:2 retry=true timeout=false -> fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) })",
        ]
    );
}

#[test]
fn a_function_every_caller_wraps_counts_as_wrapped() {
    let wrapped = "async function load(id) {\n  return fetch(`/x/${id}`, { signal: AbortSignal.timeout(1000) });\n}\nexport const a = () => withRetry(() => load(1));\nexport const b = withRetry(load);\n";
    assert_eq!(found(wrapped), Vec::<String>::new());
    let leaky = format!("{wrapped}export const c = load(2);\n");
    assert_eq!(
        found(&leaky),
        [
            "fetch:2 retry=false timeout=true -> withRetry(() => fetch(`/x/${id}`, { signal: AbortSignal.timeout(1000) }))"
        ]
    );
    let uncalled = "export async function load(id) {\n  return fetch(`/x/${id}`, { signal: AbortSignal.timeout(1000) });\n}\n";
    assert_eq!(
        found(uncalled).len(),
        1,
        "an exported function with no caller here is not known to be wrapped"
    );
}

#[test]
fn wrapper_definitions_and_look_alikes_are_exempt() {
    let text = "export async function withRetry(op) { return op(); }\nexport async function withTimeout(op) { return fetch(op); }\nconst retryCount = 3;\nprefetch(url);\nobj.fetchAll();\n";
    assert_eq!(found(text), Vec::<String>::new());
}
