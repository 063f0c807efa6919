//! Rules written in TOML, end to end: loading them from `rule-files`, their errors, running
//! them in `structlint check`, testing them with `structlint test`, and `structlint query`.

mod common;

use common::{repo, structlint, workspace};

const CONFIG: &[u8] = b"rule-files = [\"rules/*.toml\"]\n";

const RULE: &str = r#"[[rule]]
id = "no-sleep-call"
language = ["typescript", "tsx"]
message = "`{{match}}` waits a fixed time"
why = "Fixed waits make tests slow and flaky."
fix = ["Wait for the condition instead of `{{match}}`."]
pattern = "sleep($MS)"

[[rule.tests]]
valid = ["await waitFor(() => ready);"]
invalid = ["await sleep(100);"]
"#;

fn with_rule(rule: &str) -> tempfile::TempDir {
    workspace(&[
        ("structlint.toml", CONFIG),
        ("rules/team.toml", rule.as_bytes()),
        (
            "src/a.ts",
            b"export async function f() {\n  await sleep(100);\n}\n",
        ),
    ])
}

#[test]
fn the_shipped_rule_packs_pass_their_own_tests() {
    let run = structlint(&repo(), &["test", "rules", "fixtures/ts-monorepo/rules"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("13 rules: 13 passed, 0 failed"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_toml_rule_runs_in_check_with_its_prompt_and_can_be_turned_off() {
    let dir = with_rule(RULE);
    let run = structlint(dir.path(), &["check", "--format", "agent"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("### error `no-sleep-call` at src/a.ts:2:9"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("1. Wait for the condition instead of `sleep(100)`."),
        "{}",
        run.stdout
    );
    std::fs::write(
        dir.path().join("structlint.toml"),
        "rule-files = [\"rules/*.toml\"]\n[rules]\nno-sleep-call = \"off\"\n",
    )
    .unwrap();
    assert_eq!(structlint(dir.path(), &["check"]).code, 0);
    std::fs::write(
        dir.path().join("structlint.toml"),
        "rule-files = [\"rules/*.toml\"]\n[rules]\nno-sleep-call = { level = \"warn\", max = 3 }\n",
    )
    .unwrap();
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("rule `no-sleep-call` takes no options"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_rules_are_exit_2_with_the_place_in_the_rule_file() {
    let cases: &[(&str, &[&str])] = &[
        (
            &RULE.replace(
                "pattern = \"sleep($MS)\"",
                "query = '''\n(call_expresion) @match\n'''",
            ),
            &[
                "unknown node kind `call_expresion`",
                "did you mean `call_expression`?",
                "team.toml:8:2",
            ],
        ),
        (
            &RULE.replace("`{{match}}` waits", "`{{nope}}` waits"),
            &[
                "`{{nope}}` is not a capture of the matcher",
                "the matcher captures `MS`, `match`",
            ],
        ),
        (
            &RULE.replace("message =", "mesage ="),
            &[
                "unknown field `mesage`",
                "a [[rule]] has the fields id, language",
            ],
        ),
        (
            &RULE.replace("sleep($MS)", "sleep("),
            &["the pattern is not valid code"],
        ),
        (
            &RULE.replace("no-sleep-call", "max-file-lines"),
            &["rule id `max-file-lines` is a built-in rule's"],
        ),
        (
            &RULE.replace(
                "language = [\"typescript\", \"tsx\"]",
                "language = \"python\"",
            ),
            &["unknown language `python`"],
        ),
        (
            &RULE.replace(
                "pattern = \"sleep($MS)\"",
                "query = '((identifier) @match (#inside? @match \"not valid (\"))'",
            ),
            &["is neither a node kind nor a valid pattern"],
        ),
        // Both were accepted, and the rule never reported anything.
        (
            &RULE.replace("language = [\"typescript\", \"tsx\"]", "language = []"),
            &["rule `no-sleep-call` lists no language", "team.toml:3:12"],
        ),
        (
            &RULE.replace(
                "pattern = \"sleep($MS)\"",
                "pattern = \"sleep($MS)\"\n[rule.where.MS]\nkind = \"nubmer\"",
            ),
            &[
                "unknown node kind `nubmer` in `where`",
                "did you mean `number`?",
                "team.toml:9:8",
            ],
        ),
    ];
    for (rule, expected) in cases {
        let dir = with_rule(rule);
        let run = structlint(dir.path(), &["check"]);
        assert_eq!(run.code, 2, "{rule}\n{}", run.stderr);
        let flat: String = run.stderr.split_whitespace().collect();
        for want in *expected {
            let want_flat: String = want.split_whitespace().collect();
            assert!(
                flat.contains(&want_flat),
                "{want:?} not in:\n{}",
                run.stderr
            );
        }
    }
}

#[test]
fn rule_files_that_are_missing_or_collide_are_errors() {
    let dir = workspace(&[
        ("structlint.toml", b"rule-files = [\"rulez/*.toml\"]\n"),
        ("a.ts", b""),
    ]);
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`rule-files` pattern `rulez/*.toml` matches no file"),
        "{}",
        run.stderr
    );
    let dir = workspace(&[
        ("structlint.toml", CONFIG),
        ("rules/a.toml", RULE.as_bytes()),
        ("rules/b.toml", RULE.as_bytes()),
    ]);
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "rule id `no-sleep-call` is defined twice: in rules/a.toml and in rules/b.toml"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn structlint_test_reports_missing_noisy_and_changed_prompts() {
    let broken = RULE
        .replace(
            "valid = [\"await waitFor(() => ready);\"]",
            "valid = [\"await sleep(5);\"]",
        )
        .replace(
            "invalid = [\"await sleep(100);\"]",
            "invalid = [\"await delay(100);\"]",
        );
    let dir = with_rule(&broken);
    let run = structlint(dir.path(), &["test"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("FAIL no-sleep-call"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("noisy: valid[0] is reported at line 1: `await sleep(5);`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("missing: invalid[0] is not reported: `await delay(100);`"),
        "{}",
        run.stdout
    );

    let dir = with_rule(RULE);
    let run = structlint(dir.path(), &["test"]);
    assert_eq!(run.code, 1, "no snapshot yet");
    assert!(
        run.stdout.contains("no snapshot of its prompts yet"),
        "{}",
        run.stdout
    );
    assert_eq!(structlint(dir.path(), &["test", "--update"]).code, 0);
    let snapshot =
        std::fs::read_to_string(dir.path().join("rules/__snapshots__/no-sleep-call.md")).unwrap();
    assert!(
        snapshot.contains("1:7: `sleep(100)` waits a fixed time"),
        "{snapshot}"
    );
    assert_eq!(structlint(dir.path(), &["test"]).code, 0);
    std::fs::write(
        dir.path().join("rules/team.toml"),
        RULE.replace("waits a fixed time", "sleeps"),
    )
    .unwrap();
    let run = structlint(dir.path(), &["test"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("the prompts changed"), "{}", run.stdout);
}

#[test]
fn fixtures_beside_a_rule_file_say_which_lines_it_must_report() {
    let fixture = b"// expect: no-sleep-call\nawait sleep(1);\n// ok: no-sleep-call\nawait sleep(2);\nawait sleep(3);\n";
    let dir = workspace(&[
        ("rules/team.toml", RULE.as_bytes()),
        ("rules/waits.ts", fixture),
    ]);
    let run = structlint(dir.path(), &["test", "rules", "--update"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("1 fixtures"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("noisy: waits.ts:4 is reported but marked ok: `await sleep(2);`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("noisy: waits.ts:5 is reported but not marked expect"),
        "{}",
        run.stdout
    );
}

#[test]
fn structlint_query_prints_matches_and_the_tree_around_them() {
    let dir = workspace(&[("a.ts", b"fetch(url);\nwithRetry(() => fetch(url));\n")]);
    let run = structlint(
        dir.path(),
        &[
            "query",
            "((call_expression function: (identifier) @f) @match (#eq? @f \"fetch\") (#not-inside? @match \"withRetry($$$)\"))",
            "a.ts",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("@match 1:1-1:11 call_expression: `fetch(url)`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("function: (identifier) `fetch`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("1 match\n"), "{}", run.stdout);
    let run = structlint(dir.path(), &["query", "(call_expresion) @c", "a.ts"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `call_expression`?"),
        "{}",
        run.stderr
    );
}

/// A team rule's why and example are the same for every finding: one text that the findings
/// share, not a copy per finding (a rule that fires thousands of times held thousands).
#[test]
fn the_findings_of_a_toml_rule_share_its_why_and_example() {
    let rule = RULE.replacen(
        "\n\n[[rule.tests]]",
        "\nexample = \"await waitFor(() => ready);\"\n\n[[rule.tests]]",
        1,
    );
    let dir = workspace(&[
        ("structlint.toml", CONFIG),
        ("rules/team.toml", rule.as_bytes()),
        (
            "src/a.ts",
            b"export async function f() {\n  await sleep(1);\n  await sleep(2);\n}\n",
        ),
    ]);
    let report = structlint::Check::workspace(dir.path()).run().unwrap();
    let found: Vec<&structlint::Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "no-sleep-call")
        .collect();
    assert_eq!(found.len(), 2, "{:?}", report.diagnostics);
    let shared = |a: &structlint::Text, b: &structlint::Text| match (a, b) {
        (structlint::Text::Shared(a), structlint::Text::Shared(b)) => std::sync::Arc::ptr_eq(a, b),
        _ => false,
    };
    assert_eq!(found[0].why, "Fixed waits make tests slow and flaky.");
    assert!(shared(&found[0].why, &found[1].why));
    let (first, second) = (found[0].fix.last().unwrap(), found[1].fix.last().unwrap());
    assert_eq!(
        first,
        "Correct code looks like: `await waitFor(() => ready);`"
    );
    assert!(shared(first, second));
}
