use structlint_core::{Language, SourceFile};

use super::*;

fn parse(path: &str, text: &str) -> Vec<Function> {
    let language = Language::from_path(path.as_ref()).unwrap();
    let file = SourceFile::new(path.into(), path.into(), language, text.into());
    functions(&FileContext::new(&file))
}

fn fingerprint(path: &str, text: &str) -> Option<u64> {
    let found = parse(path, text);
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].fingerprint
}

const RETRY: &str =
    "export async function withRetry<T>(operation: () => Promise<T>, attempts = 3): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try { return await operation(); } catch (error) { last = error; }
  }
  throw last;
}
";

#[test]
fn renamed_locals_other_constants_and_missing_types_keep_the_fingerprint() {
    let renamed = "async function again(fn, tries = 5) {\n  let lastError;\n  for (let n = 0; n < tries; n++) {\n    // keep going\n    try { return await fn(); } catch (e) { lastError = e; }\n  }\n  throw lastError;\n}\n";
    assert_eq!(fingerprint("a.ts", RETRY), fingerprint("b.js", renamed));
    assert!(fingerprint("a.ts", RETRY).is_some());
}

#[test]
fn a_different_structure_or_a_different_global_changes_it() {
    let more = RETRY.replace("throw last;", "console.error(last);\n  throw last;");
    assert_ne!(fingerprint("a.ts", RETRY), fingerprint("b.ts", &more));
    let sleep = |timer: &str| {
        format!(
            "const sleep = (ms: number) => new Promise<void>((resolve) => {timer}(resolve, ms));\n"
        )
    };
    assert_eq!(
        fingerprint("a.ts", &sleep("setTimeout")),
        fingerprint(
            "b.ts",
            &sleep("setTimeout")
                .replace("ms", "millis")
                .replace("sleep", "pause")
        )
    );
    assert_ne!(
        fingerprint("a.ts", &sleep("setTimeout")),
        fingerprint("b.ts", &sleep("setImmediate"))
    );
}

#[test]
fn tiny_bodies_have_no_fingerprint() {
    assert_eq!(
        fingerprint("a.ts", "const inc = (x: number) => x + 1;\n"),
        None
    );
}

#[test]
fn every_kind_of_declaration_is_found_with_its_calls() {
    let text = "export function a() { return b(); }\nconst c = async () => { await d.run(); };\nconst e = function () {};\nclass K {\n  m() { this.n(); }\n  f = () => 1;\n}\nconst retryCount = 3;\n";
    let found: Vec<(String, bool, Vec<String>)> = parse("a.ts", text)
        .into_iter()
        .map(|f| (f.name, f.exported, f.calls))
        .collect();
    let names: Vec<(&str, bool, Vec<&str>)> = found
        .iter()
        .map(|(n, e, c)| (n.as_str(), *e, c.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        names,
        [
            ("a", true, vec!["b"]),
            ("c", false, vec!["run"]),
            ("e", false, vec![]),
            ("m", false, vec!["n"]),
            ("f", false, vec![])
        ]
    );
}

#[test]
fn rust_functions_and_methods() {
    let text = "pub fn with_retry<F: Fn() -> Result<u8, ()>>(op: F, attempts: u32) -> Result<u8, ()> {\n    let mut last = Err(());\n    for _ in 0..attempts {\n        last = op();\n        if last.is_ok() { break; }\n    }\n    last\n}\nimpl S { fn again(&self) { helper::go(); } }\n";
    let found = parse("a.rs", text);
    let names: Vec<(&str, bool)> = found
        .iter()
        .map(|f| (f.name.as_str(), f.exported))
        .collect();
    assert_eq!(names, [("with_retry", true), ("again", false)]);
    assert_eq!(found[1].calls, ["go"]);
    let renamed = text
        .replace("with_retry", "retry_op")
        .replace("last", "previous")
        .replace("op", "f");
    assert_eq!(parse("b.rs", &renamed)[0].fingerprint, found[0].fingerprint);
}

#[test]
fn each_function_knows_where_it_is_declared() {
    let ts = "export function top() { function inner() {} const arrow = () => 1; }\nconst lone = () => { const deeper = function () {}; };\nclass K { m() { const local = () => 2; } f = () => 3; }\nconst o = { p() {}, q: { r() {} } };\n";
    let places: Vec<(String, Place)> = parse("a.ts", ts)
        .into_iter()
        .map(|f| (f.name, f.place))
        .collect();
    let expected = [
        ("top", Place::ModuleLevel),
        ("inner", Place::Nested),
        ("arrow", Place::Nested),
        ("lone", Place::ModuleLevel),
        ("deeper", Place::Nested),
        ("m", Place::Method),
        ("local", Place::Method),
        ("f", Place::Method),
        ("p", Place::Method),
        ("r", Place::Method),
    ];
    let expected: Vec<(String, Place)> =
        expected.iter().map(|(n, p)| (n.to_string(), *p)).collect();
    assert_eq!(places, expected);
    let rust = "fn free() { fn inner() {} }\nmod m { pub fn in_mod() {} }\nimpl S { fn method() { fn helper() {} } }\ntrait T { fn required(); fn provided() {} }\n";
    let places: Vec<(String, Place)> = parse("a.rs", rust)
        .into_iter()
        .map(|f| (f.name, f.place))
        .collect();
    let expected: Vec<(String, Place)> = [
        ("free", Place::ModuleLevel),
        ("inner", Place::Nested),
        ("in_mod", Place::ModuleLevel),
        ("method", Place::Method),
        ("helper", Place::Method),
        ("provided", Place::Method),
    ]
    .iter()
    .map(|(n, p)| (n.to_string(), *p))
    .collect();
    assert_eq!(places, expected);
}
