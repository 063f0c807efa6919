//! Callers count: a function whose every use is retried makes a retried call; a function that
//! takes the signal from its caller leaves the deadline to each caller, across files.

use crate::shared::testing::check;

const CONFIG: &str = "[rules]\nmax-file-lines = \"off\"\n";
const TIMED: &str = "{ signal: AbortSignal.timeout(1000) }";

fn package(name: &str) -> String {
    format!("{{\"name\": \"{name}\", \"exports\": {{\".\": \"./src/index.ts\"}}}}")
}

#[test]
fn a_function_every_use_retries_makes_a_retried_call() {
    let wrapped = format!(
        "async function load(id) {{\n  return fetch(`/x/${{id}}`, {TIMED});\n}}\nexport const a = () => withRetry(() => load(1));\nexport const b = withRetry(load);\n"
    );
    let checked = check(&[("src/a.ts", &wrapped)], CONFIG);
    assert_eq!(checked.of("fetch-retry-timeout"), Vec::<String>::new());
    let leaky = format!("{wrapped}export const c = load(2);\n");
    let checked = check(&[("src/a.ts", &leaky)], CONFIG);
    assert_eq!(
        checked.of("fetch-retry-timeout"),
        ["src/a.ts:2 `fetch` in src/a.ts has a timeout but no retry"]
    );
    let uncalled =
        format!("export async function load(id) {{\n  return fetch(`/x/${{id}}`, {TIMED});\n}}\n");
    assert_eq!(
        check(&[("src/a.ts", &uncalled)], CONFIG)
            .of("fetch-retry-timeout")
            .len(),
        1,
        "a function nobody here calls is not known to be wrapped"
    );
}

#[test]
fn callers_in_other_files_count_through_re_exports_and_default_imports() {
    let api = format!(
        "export async function load(id: string) {{\n  return fetch(`/x/${{id}}`, {TIMED});\n}}\nexport default async function save(id: string) {{\n  return fetch(`/y/${{id}}`, {TIMED});\n}}\n"
    );
    let files = [
        ("packages/api/package.json", package("@acme/api")),
        ("packages/api/src/index.ts", "export * from \"./load\";\nexport { default as save } from \"./load\";\n".to_string()),
        ("packages/api/src/load.ts", api),
        ("packages/app/package.json", package("@acme/app")),
        (
            "packages/app/src/page.ts",
            "import { load, save } from \"@acme/api\";\nexport const page = () => withRetry(() => load(\"1\"));\nexport const keep = () => withRetry(() => save(\"1\"));\n".to_string(),
        ),
        (
            "packages/app/src/queries.ts",
            "import { load } from \"@acme/api\";\nexport const q = () => useQuery({ queryKey: [\"x\"], queryFn: () => load(\"2\") });\n".to_string(),
        ),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    assert_eq!(
        check(&refs, CONFIG).of("fetch-retry-timeout"),
        Vec::<String>::new()
    );
    let mut leaky = refs.clone();
    leaky.push((
        "packages/app/src/other.ts",
        "import { load } from \"@acme/api\";\nexport const other = () => load(\"3\");\n",
    ));
    assert_eq!(
        check(&leaky, CONFIG).of("fetch-retry-timeout"),
        [
            "packages/api/src/load.ts:2 `fetch` in packages/api/src/load.ts has a timeout but no retry"
        ]
    );
}

#[test]
fn a_function_that_takes_the_signal_from_its_caller_is_checked_at_its_callers() {
    let files = [
        (
            "src/api.ts",
            "export const get = (url: string, signal?: AbortSignal) => fetch(url, { signal });\n",
        ),
        (
            "src/page.ts",
            "import { get } from \"./api\";\nexport async function page() {\n  const a = await withRetry(() => get(\"/a\", AbortSignal.timeout(5000)));\n  const b = await get(\"/b\");\n  return [a, b];\n}\nexport async function user(id: string, signal: AbortSignal) {\n  return withRetry(() => get(`/u/${id}`, signal));\n}\n",
        ),
        (
            "src/profile.ts",
            "import { user } from \"./page\";\nexport const profile = () => user(\"me\", AbortSignal.timeout(2000));\n",
        ),
        (
            "src/page.test.ts",
            "import { get } from \"./api\";\ntest(\"get\", () => get(\"/t\"));\n",
        ),
    ];
    let checked = check(&files, CONFIG);
    assert_eq!(
        checked.of("fetch-retry-timeout"),
        [
            "src/page.ts:4 `get` is called in src/page.ts with no retry and no timeout for its `fetch` (src/api.ts:1)"
        ],
        "`user` passes its own caller's signal on, and profile.ts gives it a deadline; tests are not callers"
    );
    let d = checked.first("fetch-retry-timeout");
    assert_eq!(
        d.fix[0],
        "Rewrite the call as `await withRetry(() => get(\"/b\", AbortSignal.timeout(10_000)))`."
    );
    assert!(
        d.fix
            .last()
            .unwrap()
            .contains("src/page.ts:4 `get(…)` → src/api.ts:1 `fetch`"),
        "{:?}",
        d.fix
    );
    assert_eq!(d.related.last().unwrap().span.path, "src/api.ts");
}

#[test]
fn the_chain_is_followed_through_functions_that_pass_their_signal_on() {
    let files = [
        (
            "src/api.ts",
            "export function stream(options: { url: string; signal?: AbortSignal }) {\n  const { url, signal } = options;\n  return fetch(url, { method: \"POST\", signal });\n}\n",
        ),
        (
            "src/user.ts",
            "import { stream } from \"./api\";\nexport const user = (id: string, signal?: AbortSignal) => stream({ url: `/u/${id}`, signal });\n",
        ),
        (
            "src/page.ts",
            "import { user } from \"./user\";\nexport const page = () => user(\"me\");\nexport const timed = () => user(\"you\", AbortSignal.timeout(3000));\n",
        ),
    ];
    let checked = check(&files, CONFIG);
    assert_eq!(
        checked.of("fetch-retry-timeout"),
        [
            "src/page.ts:2 `user` is called in src/page.ts with no timeout for its `fetch` (src/api.ts:3)"
        ],
        "a POST asks no retry of its callers either"
    );
    let d = checked.first("fetch-retry-timeout");
    assert_eq!(
        d.fix[0],
        "Rewrite the call as `user(\"me\", AbortSignal.timeout(10_000))`."
    );
    assert!(
        d.fix
            .last()
            .unwrap()
            .contains("src/page.ts:2 `user(…)` → src/user.ts:2 `stream(…)` → src/api.ts:3 `fetch`"),
        "{:?}",
        d.fix
    );
    assert_eq!(
        d.edit.as_ref().unwrap().replacements[0].text,
        "user(\"me\", AbortSignal.timeout(10_000))"
    );
}

/// A pass-through fetch handed to a client, and a function that takes its signal from a
/// caller outside the workspace, are nobody's here to report.
#[test]
fn pass_through_fetches_and_uncalled_delegating_functions_are_not_reported() {
    let text = "export const createClient = (opts: { fetch?: typeof fetch }) => ({\n  fetch: async (url: string, init?: RequestInit) => fetch(url, init),\n});\nexport async function load(url: string, signal: AbortSignal) { return fetch(url, { signal }); }\nconst myFetch = (url, init) => fetch(url, { ...init, next: { revalidate: 60 } });\nexport const link = httpLink({ url, fetch: myFetch });\n";
    assert_eq!(
        check(&[("src/client.ts", text)], CONFIG).of("fetch-retry-timeout"),
        Vec::<String>::new()
    );
}

/// As an editor types in a caller, the function it calls is as the last workspace run saw it.
#[test]
fn an_editor_checks_a_caller_against_the_functions_of_the_last_run() {
    use std::path::PathBuf;
    use structlint_core::{Config, Engine, Language, SourceFile};

    let source = |path: &str, text: &str| {
        SourceFile::new(
            path.into(),
            PathBuf::new(),
            Language::TypeScript,
            text.into(),
        )
    };
    let api = source(
        "src/api.ts",
        "export const get = (url: string, signal?: AbortSignal) => fetch(url, { signal });\n",
    );
    let page = |call: &str| {
        source(
            "src/page.ts",
            &format!(
                "import {{ get }} from \"./api\";\nexport const page = () => withRetry(() => {call});\n"
            ),
        )
    };
    let engine = Engine::new(Config::defaults(PathBuf::from("/ws"), crate::builtin()).unwrap());
    engine.check_sources(&[api, page("get(\"/a\", AbortSignal.timeout(1000))")]);
    let typed = engine.check_file(&page("get(\"/a\")"));
    let found: Vec<&str> = typed
        .diagnostics
        .iter()
        .filter(|d| d.rule == "fetch-retry-timeout")
        .map(|d| d.summary.as_str())
        .collect();
    assert_eq!(
        found,
        ["`get` is called in src/page.ts with no timeout for its `fetch` (src/api.ts:1)"]
    );
}
