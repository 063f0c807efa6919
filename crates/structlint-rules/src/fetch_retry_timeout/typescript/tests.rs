use structlint_core::{Language, SourceFile};

use super::*;
use crate::fetch_retry_timeout::model::Via;

fn wrappers() -> Wrappers {
    let list = |names: &[&str]| names.iter().map(|s| s.to_string()).collect();
    Wrappers {
        calls: list(&["fetch"]),
        retry: list(&["withRetry", "retry"]),
        timeout: list(&["withTimeout"]),
        retry_callers: crate::fetch_retry_timeout::options::default_retry_callers(),
        methods: list(&["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]),
    }
}

fn unwrapped_in(text: &str) -> Vec<Unwrapped> {
    let file = SourceFile::new(
        "a.ts".into(),
        "a.ts".into(),
        Language::TypeScript,
        text.into(),
    );
    facts(&FileContext::new(&file), &wrappers(), &[], true).0
}

/// `call:line needs=… -> rewrite`, the rewrite with `withRetry` when a retry is needed.
fn found(text: &str) -> Vec<String> {
    unwrapped_in(text)
        .iter()
        .map(|u| {
            let Rewrite::Call {
                call,
                timeout,
                awaited,
            } = &u.rewrite
            else {
                unreachable!()
            };
            let with_timeout = timeout.apply(call);
            let call = match (u.missing_retry, awaited) {
                (true, true) => format!("await withRetry(() => {with_timeout})"),
                (true, false) => format!("withRetry(() => {with_timeout})"),
                _ => with_timeout,
            };
            let needs: Vec<&str> = [(u.missing_retry, "retry"), (u.missing_timeout, "timeout")]
                .iter()
                .filter(|(m, _)| *m)
                .map(|(_, n)| *n)
                .collect();
            format!(
                "{}:{} needs={} -> {call}",
                u.call,
                u.span.start_pos.line,
                needs.join(",")
            )
        })
        .collect()
}

#[test]
fn wrapped_calls_pass_and_bare_ones_are_rewritten() {
    let text = "const a = await withRetry(() => fetch(url, { signal: AbortSignal.timeout(5000) }));\nconst b = await fetch(url);\nconst c = await window.fetch(url, { method: 'PUT' });\nconst d = retry(() => fetch(url, init));\n";
    assert_eq!(
        found(text),
        [
            "fetch:2 needs=retry,timeout -> await withRetry(() => fetch(url, { signal: AbortSignal.timeout(10_000) }))",
            "window.fetch:3 needs=retry,timeout -> await withRetry(() => window.fetch(url, { method: 'PUT', signal: AbortSignal.timeout(10_000) }))",
            "fetch:4 needs=timeout -> fetch(url, { ...init, signal: AbortSignal.timeout(10_000) })",
        ]
    );
}

#[test]
fn signals_through_variables_any_and_timeout_wrappers() {
    let text = "const signal = AbortSignal.timeout(3000);\nawait withRetry(() => fetch(url, { signal }));\nconst init = { headers, signal: AbortSignal.any([user, AbortSignal.timeout(1000)]) };\nawait withRetry(() => fetch(url, init));\nawait withRetry(() => withTimeout(() => fetch(url), 500));\nconst controller = new AbortController();\nconst t = setTimeout(() => controller.abort(), 100);\nconst s = controller.signal;\nawait retry(() => fetch(url, { signal: s }));\n";
    assert_eq!(found(text), Vec::<String>::new());
}

#[test]
fn an_existing_signal_is_combined_with_the_deadline_without_nesting() {
    assert_eq!(
        found(
            "await withRetry(() => fetch(url, { method: 'GET', signal: user.signal }));\nawait withRetry(() => fetch(url, { signal }));\nawait withRetry(() => fetch(url, { signal: AbortSignal.any([a, b]) }));\n"
        ),
        [
            "fetch:1 needs=timeout -> fetch(url, { method: 'GET', signal: AbortSignal.any([user.signal, AbortSignal.timeout(10_000)]) })",
            "fetch:2 needs=timeout -> fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) })",
            "fetch:3 needs=timeout -> fetch(url, { signal: AbortSignal.any([a, b, AbortSignal.timeout(10_000)]) })",
        ]
    );
    assert_eq!(
        found(
            "await withRetry(() => fetch(url, {\n  cache: 'force-cache' // stale is fine\n}));\n"
        ),
        [
            "fetch:1 needs=timeout -> fetch(url, {\n  cache: 'force-cache', // stale is fine\nsignal: AbortSignal.timeout(10_000) })"
        ],
        "a trailing comment does not swallow the signal"
    );
}

#[test]
fn libraries_that_retry_the_function_they_are_given_count_as_retry() {
    let t = "{ signal: AbortSignal.timeout(5000) }";
    let text = format!(
        "useQuery({{ queryKey: ['a'], queryFn: () => fetch('/a', {t}) }});\nuseSWR('/b', (u) => fetch(u, {t}));\nuseQueries({{ queries: [{{ queryKey: ['c'], queryFn: async () => (await fetch('/c', {t})).json() }}] }});\nqueryClient.prefetchQuery({{ queryKey: ['d'], queryFn: () => fetch('/d', {t}) }});\nuseMutation({{ mutationFn: () => fetch('/e', {t}) }});\nuseSWR(() => fetch('/f', {t}));\n"
    );
    assert_eq!(
        found(&text)
            .iter()
            .map(|f| f.split(" ->").next().unwrap())
            .collect::<Vec<_>>(),
        [
            "fetch:4 needs=retry",
            "fetch:5 needs=retry",
            "fetch:6 needs=retry"
        ],
        "prefetchQuery does not retry, a mutation does not, and useSWR's fetcher is its second argument"
    );
}

#[test]
fn hand_written_retry_and_fallback_loops_count_as_retry() {
    let t = "{ signal: AbortSignal.timeout(5000) }";
    let text = format!(
        "async function a(url) {{\n  for (let i = 0; i < 3; i++) {{\n    try {{ return await fetch(url, {t}); }} catch {{}}\n  }}\n}}\nasync function b(urls) {{\n  while (urls.length) {{\n    try {{ const r = await fetch(urls.shift(), {t}); if (r.ok) break; }} catch (e) {{ log(e); }}\n  }}\n}}\nasync function c(ids) {{\n  for (const id of ids) {{\n    try {{ await fetch(id, {t}); }} catch (e) {{ log(e); }}\n  }}\n}}\nasync function d(url) {{\n  for (;;) {{\n    try {{ return await fetch(url, {t}); }} catch (e) {{ throw e; }}\n  }}\n}}\n"
    );
    assert_eq!(
        found(&text)
            .iter()
            .map(|f| f.split(" ->").next().unwrap())
            .collect::<Vec<_>>(),
        ["fetch:13 needs=retry", "fetch:18 needs=retry"],
        "a loop over items that goes on after success is no retry, nor is a catch that throws"
    );
}

#[test]
fn requests_that_are_not_safe_to_repeat_need_only_a_timeout() {
    let text = "await fetch('/orders', { method: 'POST', body });\nawait fetch('/orders', { method: 'post', headers: { 'Idempotency-Key': key }, body });\nawait fetch('/x', { method: verb });\nawait fetch('/y', { method: 'DELETE', signal: AbortSignal.timeout(1000) });\nawait fetch('/z', { method: 'PATCH', signal: AbortSignal.timeout(1000) });\n";
    let found = unwrapped_in(text);
    let summary: Vec<(u32, bool, bool, Option<&str>)> = found
        .iter()
        .map(|u| {
            (
                u.span.start_pos.line,
                u.missing_retry,
                u.missing_timeout,
                u.method.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, false, true, Some("POST")),
            (2, true, true, Some("POST")),
            (3, false, true, None),
            (4, true, false, Some("DELETE")),
        ]
    );
}

#[test]
fn a_signal_or_options_from_the_parameters_leave_the_policy_to_the_callers() {
    let text = "export async function load(url: string, signal: AbortSignal) { return fetch(url, { signal }); }\nexport function stream(options: Options) {\n  const { url, signal } = options;\n  return fetch(url, { method: 'POST', signal });\n}\nconst myFetch = (url, init) => fetch(url, { ...init, cache: 'no-store' });\nexport const get = ({ url, signal }) => fetch(url, { signal });\nitems.map((x, signal) => fetch(x, { signal }));\nexport const plain = (url) => fetch(url);\n";
    let found: Vec<(u32, Option<&str>, Option<Via>)> = unwrapped_in(text)
        .iter()
        .map(|u| (u.span.start_pos.line, u.function.as_deref(), u.delegated))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(l, f, d)| (l, f.map(|_| ""), d))
        .collect();
    assert_eq!(
        found.iter().map(|(l, _, d)| (*l, *d)).collect::<Vec<_>>(),
        [
            (1, Some(Via::Signal(1))),
            (4, Some(Via::Options(0))),
            (6, Some(Via::Options(1))),
            (7, Some(Via::Options(0))),
            (9, None),
        ],
        "an anonymous callback's caller is out of sight: line 8 is nobody's to report"
    );
    let names: Vec<Option<String>> = unwrapped_in(text)
        .into_iter()
        .map(|u| u.function.map(|f| f.to_string()))
        .collect();
    assert_eq!(
        names,
        [
            Some("load".to_string()),
            Some("stream".to_string()),
            Some("myFetch".to_string()),
            Some("get".to_string()),
            Some("plain".to_string())
        ]
    );
}

#[test]
fn fire_and_forget_calls_are_not_reported() {
    let text = "link.onclick = () => { fetch(`/__open?file=${f}`); };\nvoid fetch('/ping');\nfetch('/a').then((r) => r.json()).then(set);\n";
    assert_eq!(
        found(text),
        [
            "fetch:3 needs=retry,timeout -> withRetry(() => fetch('/a', { signal: AbortSignal.timeout(10_000) }))"
        ]
    );
}

#[test]
fn wrapper_definitions_and_look_alikes_are_exempt() {
    let text = "export async function withRetry(op) { return op(); }\nexport async function withTimeout(op) { return fetch(op); }\nconst retryCount = 3;\nconst p = prefetch(url);\nconst q = obj.fetchAll();\n";
    assert_eq!(found(text), Vec::<String>::new());
}

/// Loading a WebAssembly module is the runtime loading code, as `import()` does.
#[test]
fn webassembly_modules_are_loaded_not_called() {
    let text = "const wasmBinaryFile = 'woff2.wasm';\nconst a = await fetch(wasmBinaryFile, { credentials: 'same-origin' });\nasync function instantiate(url) {\n  const res = await fetch(url);\n  return WebAssembly.instantiateStreaming(res, {});\n}\nasync function load(url) {\n  return (await fetch(url)).json();\n}\n";
    assert_eq!(
        found(text),
        [
            "fetch:8 needs=retry,timeout -> await withRetry(() => fetch(url, { signal: AbortSignal.timeout(10_000) }))"
        ]
    );
}
