use crate::shared::testing::check;

const CONFIG: &str = "[rules]\nmax-file-lines = \"off\"\n";

#[test]
fn findings_name_the_wrapper_definition_and_offer_the_timeout_edit() {
    let checked = check(
        &[
            (
                "packages/net/src/retry.ts",
                "export async function withRetry<T>(op: () => Promise<T>): Promise<T> {\n  return op();\n}\n",
            ),
            (
                "packages/app/src/a.ts",
                "export async function load() {\n  const r = await fetch('/a');\n  const s = await withRetry(() => fetch('/b'));\n  return [r, s];\n}\n",
            ),
        ],
        CONFIG,
    );
    assert_eq!(
        checked.of("fetch-retry-timeout"),
        [
            "packages/app/src/a.ts:2 `fetch` in packages/app/src/a.ts has no retry and no timeout",
            "packages/app/src/a.ts:3 `fetch` in packages/app/src/a.ts is retried but has no timeout",
        ]
    );
    let both = checked.first("fetch-retry-timeout");
    assert_eq!(
        both.fix[0],
        "Rewrite the call as `await withRetry(() => fetch('/a', { signal: AbortSignal.timeout(10_000) }))`."
    );
    assert_eq!(
        both.fix[1],
        "Add `import { withRetry } from \"../../net/src/retry\";` to packages/app/src/a.ts."
    );
    assert_eq!(both.related[0].label, "`withRetry` is defined here");
    assert!(both.edit.is_none());
    let timeout = &checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == "fetch-retry-timeout")
        .nth(1)
        .unwrap();
    assert_eq!(
        timeout.edit.as_ref().unwrap().replacements[0].text,
        "fetch('/b', { signal: AbortSignal.timeout(10_000) })"
    );
}

#[test]
fn allow_in_exempts_files_and_names_are_configurable() {
    let files = [
        (
            "packages/net/src/http.ts",
            "export const get = (u: string) => fetch(u);\n",
        ),
        ("src/b.ts", "export const b = () => ky(url);\n"),
    ];
    let checked = check(
        &files,
        "[rules]\nmax-file-lines = \"off\"\nfetch-retry-timeout = { calls = [\"fetch\", \"ky\"], allow-in = [\"packages/net/**\"] }\n",
    );
    assert_eq!(
        checked.of("fetch-retry-timeout"),
        ["src/b.ts:1 `ky` in src/b.ts has no retry and no timeout"]
    );
    let bad = structlint_core::Config::parse(
        std::path::Path::new("structlint.toml"),
        "[rules]\nfetch-retry-timeout = { allow-in = [\"a[\"] }\n",
        crate::builtin(),
    );
    assert!(
        bad.err()
            .unwrap()
            .message
            .contains("invalid glob `a[` in `allow-in`")
    );
}

#[test]
fn an_editor_checks_one_file_with_the_wrappers_found_by_the_last_workspace_run() {
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
    let retry = source(
        "packages/net/src/retry.ts",
        "export async function withRetry<T>(op: () => Promise<T>): Promise<T> {\n  return op();\n}\n",
    );
    let buffer = || {
        source(
            "packages/app/src/a.ts",
            "export async function load() {\n  return fetch('/a');\n}\n",
        )
    };
    let engine = Engine::new(Config::defaults(PathBuf::from("/ws"), crate::builtin()).unwrap());
    assert!(!engine.is_workspace_rule("fetch-retry-timeout"));
    let fetch = |report: structlint_core::Report| {
        report
            .diagnostics
            .into_iter()
            .find(|d| d.rule == "fetch-retry-timeout")
            .expect("the bare fetch is found")
    };
    // Before any workspace run, the finding is there, without the wrapper's place.
    let before = fetch(engine.check_file(&buffer()));
    assert!(before.related.is_empty(), "{:?}", before.related);
    engine.check_sources(&[retry, buffer()]);
    let after = fetch(engine.check_file(&buffer()));
    assert_eq!(after.related[0].span.path, "packages/net/src/retry.ts");
    assert!(
        after.fix[1].contains("import { withRetry } from"),
        "{:?}",
        after.fix
    );
}

/// The buffer being edited held the wrapper the advice pointed at, and the user deleted it:
/// the advice points at the other definition the workspace has, not at nothing.
#[test]
fn an_editor_deleting_the_wrapper_the_advice_named_falls_back_to_the_other_one() {
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
    let wrapper = "export async function withRetry<T>(op: () => Promise<T>): Promise<T> {\n  return op();\n}\n";
    let call = "export async function load() {\n  return fetch('/a');\n}\n";
    let engine = Engine::new(Config::defaults(PathBuf::from("/ws"), crate::builtin()).unwrap());
    engine.check_sources(&[
        source("packages/a-net/src/retry.ts", &format!("{wrapper}{call}")),
        source("packages/net/src/retry.ts", wrapper),
    ]);
    let report = engine.check_file(&source("packages/a-net/src/retry.ts", call));
    let found = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "fetch-retry-timeout")
        .expect("the bare fetch is found");
    assert_eq!(found.related[0].span.path, "packages/net/src/retry.ts");
}

/// Tests, type tests and examples call fetch against mocks or to show it: not reported.
#[test]
fn tests_examples_and_fixtures_are_not_checked() {
    let bare = "export async function load() {\n  return fetch('/a');\n}\n";
    let checked = check(
        &[
            ("packages/app/src/load.ts", bare),
            ("packages/app/src/load.test.ts", bare),
            ("packages/app/src/__tests__/load.ts", bare),
            ("packages/app/src/types.test-d.ts", bare),
            ("examples/basic/src/index.ts", bare),
            ("packages/app/test/fixtures/api.ts", bare),
        ],
        CONFIG,
    );
    assert_eq!(
        checked.of("fetch-retry-timeout"),
        [
            "packages/app/src/load.ts:2 `fetch` in packages/app/src/load.ts has no retry and no timeout"
        ]
    );
    let configured = check(
        &[
            ("packages/app/src/load.ts", bare),
            ("packages/app/src/load.test.ts", bare),
        ],
        "[files]\ntests = [\"**/nothing/**\"]\n[rules]\nmax-file-lines = \"off\"\n",
    );
    assert_eq!(
        configured.of("fetch-retry-timeout").len(),
        2,
        "`tests` replaces the default"
    );
}

mod advice;
mod callers;
mod scope;
