//! Input that would make structlint work or write without bound: a rule's query, pattern or
//! predicate that would take forever must end in a clear error, or in a note that names the
//! rule and the file, never in a frozen `check`; an `exports` map or tsconfig `paths` must not
//! turn one long import into gigabytes. Every run here is killed after a deadline, so a
//! regression fails instead of hanging CI.

mod common;

use common::{finished, structlint_within, workspace};

fn query_rule(query: &str) -> String {
    format!(
        "[[rule]]\nid = \"slow-query\"\nlanguage = \"typescript\"\nmessage = \"found\"\nquery = {query:?}\n"
    )
}

const CONFIG: &[u8] = b"rule-files = [\"rules/*.toml\"]\n";

#[test]
fn queries_that_hang_the_query_compiler_are_rule_errors() {
    for query in [
        "((_)?)+ @match",
        "((identifier _+)*)+ @match",
        "(_ (call_expression)?)* @a",
    ] {
        let dir = workspace(&[
            ("structlint.toml", CONFIG),
            ("rules/team.toml", query_rule(query).as_bytes()),
            ("src/a.ts", b"export const a = f(1);\n"),
        ]);
        let check = finished(structlint_within(dir.path(), &["check"]), query);
        assert_eq!(check.code, 2, "{query}: {}{}", check.stdout, check.stderr);
        assert!(
            check.stderr.contains("team.toml:5:")
                && check.stderr.contains("can match no node at all"),
            "{query}: {}",
            check.stderr
        );
        let test = finished(structlint_within(dir.path(), &["test", "rules"]), query);
        assert_eq!(test.code, 2, "{query}: {}{}", test.stdout, test.stderr);
        let run = structlint_within(dir.path(), &["query", query, "src/a.ts"]);
        let run = finished(run, query);
        assert_eq!(run.code, 2, "{query}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("can match no node at all"),
            "{query}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_field_capture_or_quantifier_of_predicates_alone_is_an_error_not_an_abort() {
    // tree-sitter's query compiler asserted on each, which aborted the process (exit 134).
    let dir = workspace(&[("src/a.ts", b"export const a = 1;\n")]);
    for query in [
        "(statement_block body: (#eq? @a \"x\"))",
        "(identifier) @a [(#eq? @a \"x\")] @c",
        "(identifier) @a ((#eq? @a \"x\"))?",
    ] {
        let run = structlint_within(dir.path(), &["query", query, "src/a.ts"]);
        let run = finished(run, query);
        assert_eq!(run.code, 2, "{query}: {}", run.stderr);
        assert!(run.stderr.contains("predicate"), "{query}: {}", run.stderr);
    }
}

#[test]
fn a_query_nested_thousands_deep_is_an_error_not_a_stack_overflow() {
    let query = format!(
        "{}(identifier){} @a",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let dir = workspace(&[("src/a.ts", b"export const a = 1;\n")]);
    let run = finished(
        structlint_within(dir.path(), &["query", &query, "src/a.ts"]),
        "deep query",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("nested more than"), "{}", run.stderr);
}

/// Rules that take exponential or quadratic time on the right code, each limited to its file.
const SLOW_RULES: &str = r#"
[[rule]]
id = "many-dollars"
language = "typescript"
message = "found"
pattern = "f($$$A, $$$B, $$$C, $$$D, $$$E, 1)"
files = ["src/calls.ts"]

[[rule]]
id = "siblings"
language = "typescript"
message = "found"
query = "((_)* @a . (_)* @b)"
files = ["src/statements.ts"]

[[rule]]
id = "deep-not-has"
language = "typescript"
message = "found"
pattern = "g($$$)"
not-has = "await $X"
files = ["src/deep.ts"]

[[rule]]
id = "deep-not-has-query"
language = "typescript"
message = "found"
query = '((call_expression) @match (#not-has? @match "await $X"))'
files = ["src/deep.ts"]

[[rule]]
id = "no-sleep-call"
language = "typescript"
message = "`{{match}}` waits a fixed time"
pattern = "sleep($MS)"
"#;

fn slow_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let args: Vec<String> = (2..62).map(|i| i.to_string()).collect();
    let statements: String = (0..3000).map(|i| format!("a{i}();\n")).collect();
    let deep = format!("x = {}1{};\n", "g(".repeat(3000), ")".repeat(3000));
    vec![
        ("structlint.toml", CONFIG.to_vec()),
        ("rules/slow.toml", SLOW_RULES.as_bytes().to_vec()),
        (
            "src/calls.ts",
            format!("f({});\n", args.join(", ")).into_bytes(),
        ),
        ("src/statements.ts", statements.into_bytes()),
        ("src/deep.ts", deep.into_bytes()),
        ("src/ok.ts", b"await sleep(100);\n".to_vec()),
    ]
}

#[test]
fn a_rule_that_runs_too_long_on_a_file_gives_up_on_it_with_a_note() {
    let files = slow_inputs();
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, c)| (*p, c.as_slice())).collect();
    let dir = workspace(&files);
    let run = finished(
        structlint_within(dir.path(), &["check", "--format", "json"]),
        "check",
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let notes: Vec<(String, String)> = report["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "rule-budget")
        .map(|n| {
            let message = n["message"].as_str().unwrap();
            let rule = message.split('`').nth(1).unwrap_or_default();
            (n["path"].as_str().unwrap().to_string(), rule.to_string())
        })
        .collect();
    for (path, rule) in [
        ("src/calls.ts", "many-dollars"),
        ("src/statements.ts", "siblings"),
        ("src/deep.ts", "deep-not-has"),
        ("src/deep.ts", "deep-not-has-query"),
    ] {
        let count = notes.iter().filter(|n| n.0 == path && n.1 == rule).count();
        assert_eq!(count, 1, "{rule} on {path}: {notes:?}");
    }
    // The run went on: the other rule's finding is there.
    assert!(
        run.stdout.contains("`sleep(100)` waits a fixed time"),
        "{}",
        run.stdout
    );
}

#[test]
fn rule_tests_and_query_stop_on_a_rule_that_runs_too_long() {
    let files = slow_inputs();
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, c)| (*p, c.as_slice())).collect();
    let dir = workspace(&files);
    let args: Vec<String> = (2..62).map(|i| i.to_string()).collect();
    let rule = format!(
        "[[rule]]\nid = \"many-dollars\"\nlanguage = \"typescript\"\nmessage = \"found\"\npattern = \"f($$$A, $$$B, $$$C, $$$D, $$$E, 1)\"\n\n[[rule.tests]]\nvalid = [\"f({});\"]\ninvalid = [\"f(1);\"]\n",
        args.join(", ")
    );
    std::fs::write(dir.path().join("rules/slow.toml"), rule).unwrap();
    let test = finished(structlint_within(dir.path(), &["test", "rules"]), "test");
    assert_eq!(test.code, 1, "{}{}", test.stdout, test.stderr);
    assert!(
        test.stdout.contains("slow: valid.snippet"),
        "{}",
        test.stdout
    );
    let query = ["query", "((_)* @a . (_)* @b)", "src/statements.ts"];
    let query = finished(structlint_within(dir.path(), &query), "query");
    assert_eq!(query.code, 2, "{}{}", query.stdout, query.stderr);
    assert!(
        query.stderr.contains("gave up on this file"),
        "{}",
        query.stderr
    );
}

#[test]
fn export_patterns_and_long_specifiers_cannot_amplify_the_report() {
    let stars = "*".repeat(200_000);
    let package =
        serde_json::json!({ "name": "pkg", "exports": { "./*": format!("./src/{stars}.js") } });
    let tsconfig = serde_json::json!({ "compilerOptions": { "paths": { "@app/*": [format!("./src/{stars}"), "./lib/*"] } } });
    let main = format!(
        "import {{ a }} from \"pkg/{}\";\nimport {{ b }} from \"@app/{}\";\nimport {{ c }} from \"./{}\";\nconsole.log(a, b, c);\n",
        "a".repeat(100),
        "b".repeat(100),
        "c".repeat(5_000)
    );
    let dir = workspace(&[
        ("pnpm-workspace.yaml", b"packages:\n  - \"packages/*\"\n"),
        ("package.json", br#"{ "name": "root", "private": true }"#),
        ("tsconfig.json", tsconfig.to_string().as_bytes()),
        ("packages/pkg/package.json", package.to_string().as_bytes()),
        ("packages/pkg/src/index.ts", b"export const a = 1;\n"),
        (
            "packages/app/package.json",
            br#"{ "name": "app", "dependencies": { "pkg": "workspace:*" } }"#,
        ),
        ("packages/app/src/main.ts", main.as_bytes()),
    ]);
    let run = finished(
        structlint_within(dir.path(), &["check", "--format", "json"]),
        "check",
    );
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert!(
        run.stdout.len() < 20_000,
        "a report of {} bytes",
        run.stdout.len()
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let unresolved: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "unresolved-import")
        .map(|d| d["summary"].as_str().unwrap())
        .collect();
    assert_eq!(unresolved.len(), 3, "{unresolved:#?}");
    for summary in unresolved {
        assert!(summary.chars().count() < 1_000, "{summary}");
    }
    let clipped = report["diagnostics"].to_string();
    assert!(
        clipped.contains(&format!("{}…", "c".repeat(200))),
        "a long specifier ends in an ellipsis"
    );
}

#[test]
fn human_output_of_many_findings_in_one_file_takes_time_in_their_number() {
    // Each snippet's lines were found by counting from the start of the file: these 8,000
    // findings in a 1.3 MB file took minutes.
    let rule = "[[rule]]\nid = \"every-line\"\nlanguage = \"typescript\"\nmessage = \"found\"\nregex = \"value[0-9]+\"\n";
    let text: String = (0..8_000)
        .map(|i| format!("export const value{i} = {i}; // {}\n", "x".repeat(130)))
        .collect();
    let dir = workspace(&[
        ("structlint.toml", CONFIG),
        ("rules/every-line.toml", rule.as_bytes()),
        ("src/a.ts", text.as_bytes()),
    ]);
    let run = finished(structlint_within(dir.path(), &["check"]), "check");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout.matches("  x found\n").count(), 8_000);
    assert!(
        run.stdout
            .contains(",-[src/a.ts:8000:14]\n 7999 | export const value7998 = 7998;"),
        "{}",
        &run.stdout[run.stdout.len().saturating_sub(2_000)..]
    );
}

#[test]
fn a_long_unknown_name_is_not_compared_with_every_long_name() {
    // The suggestion for an unknown rule in a suppression comment compared it with each rule
    // id, in time the product of their lengths: minutes for these two.
    let id = "a".repeat(100_000);
    let rule = format!(
        "[[rule]]\nid = \"{id}\"\nlanguage = \"typescript\"\nmessage = \"found\"\nregex = \"zzz\"\n"
    );
    let source =
        format!("// structlint-disable-next-line {id}b -- a reason\nexport const x = 1;\n");
    let dir = workspace(&[
        ("structlint.toml", CONFIG),
        ("rules/long.toml", rule.as_bytes()),
        ("src/a.ts", source.as_bytes()),
    ]);
    let run = finished(structlint_within(dir.path(), &["check"]), "check");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("is not a structlint rule"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_long_path_glob_of_a_source_test_compiles_in_time_in_its_length() {
    // Each character copied the rest of the pattern: minutes for this one.
    let glob = format!("packages/{}/**", "a".repeat(100_000));
    let rule = format!(
        "[[rule]]\nid = \"long-glob\"\nkind = \"imports\"\nfrom = \"{glob}\"\nto = \"x/**\"\nmessage = \"found\"\n"
    );
    let dir = workspace(&[
        ("structlint.toml", CONFIG),
        ("rules/long.toml", rule.as_bytes()),
        ("src/a.ts", b"export const x = 1;\n"),
    ]);
    let run = finished(structlint_within(dir.path(), &["check"]), "check");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("matches no file"), "{}", run.stdout);
}

#[test]
fn a_long_name_in_the_config_does_not_slow_the_literal_prefilter() {
    // Its automaton took time in the square of a literal's length: minutes for this one.
    let config = format!(
        "[rules.fetch-retry-timeout]\nretry = [\"{}\"]\n",
        "x".repeat(100_000)
    );
    let dir = workspace(&[
        ("structlint.toml", config.as_bytes()),
        ("src/a.ts", b"export const f = () => fetch('/x');\n"),
    ]);
    let run = finished(structlint_within(dir.path(), &["check"]), "check");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("has no retry and no timeout"),
        "{}",
        run.stdout
    );
}
