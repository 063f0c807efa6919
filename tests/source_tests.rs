//! Source tests (`kind = "imports"` and `kind = "files"`): TOML rules over the workspace's
//! import graph and paths rather than one file's code.

mod common;

use common::{structlint, workspace};

const CONFIG: &[u8] = b"rule-files = [\"rules/*.toml\"]\n";

fn with_rule(rule: &str) -> tempfile::TempDir {
    workspace(&[
        ("structlint.toml", CONFIG),
        ("rules/team.toml", rule.as_bytes()),
        ("src/a.ts", b"export const a = 1;\n"),
    ])
}

#[test]
fn source_tests_check_import_edges_and_paths_and_report_globs_that_match_nothing() {
    let rules = r#"[[rule]]
id = "no-cross-internal"
kind = "imports"
from = "packages/{pkg}/src/**"
to = "packages/!{pkg}/src/internal/**"
message = "{{pkg}} reaches into {{to}}"

[[rule]]
id = "components-pascal-case"
kind = "files"
paths = ["packages/*/src/components/*.tsx"]
names = "^[A-Z][A-Za-z0-9]*\\.tsx$"
message = "{{file}} is not PascalCase"

[[rule]]
id = "no-utils-folders"
kind = "files"
forbid = ["**/utils/**"]
message = "{{path}}: no utils folders"

[[rule]]
id = "typo"
kind = "files"
paths = ["pakages/*"]
require = ["README.md"]
message = "{{dir}}"
"#;
    let dir = workspace(&[
        ("structlint.toml", CONFIG),
        ("rules/source.toml", rules.as_bytes()),
        ("packages/a/src/index.ts", b"import { db } from '../../b/src/internal/db';\nimport { own } from './internal/own';\n"),
        ("packages/a/src/internal/own.ts", b"export const own = 1;\n"),
        ("packages/b/src/internal/db.ts", b"export const db = 1;\n"),
        ("packages/b/src/components/Button.tsx", b"export const Button = 1;\n"),
        ("packages/b/src/components/table.tsx", b"export const Table = 1;\n"),
        ("packages/b/src/utils/x.ts", b"export const x = 1;\n"),
    ]);
    let run = structlint(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}:{} {}",
                d["rule"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["span"]["start"]["line"],
                d["summary"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "no-cross-internal packages/a/src/index.ts:1 a reaches into packages/b/src/internal/db.ts",
            "components-pascal-case packages/b/src/components/table.tsx:1 table.tsx is not PascalCase",
            "no-utils-folders packages/b/src/utils/x.ts:1 packages/b/src/utils/x.ts: no utils folders",
            "typo rules/source.toml:22 source test `typo` checks nothing: `pakages/*` matches no file",
        ]
    );
}

#[test]
fn source_test_mistakes_are_config_errors() {
    for (body, message) in [
        ("kind = \"folders\"", "unknown kind `folders`"),
        (
            "kind = \"files\"",
            "needs exactly one of `require`, `names`, `max-lines` or `forbid`",
        ),
        (
            "kind = \"imports\"\nfrom = \"a/**\"",
            "an imports test needs `to`",
        ),
        (
            "kind = \"imports\"\nfrom = \"a/{x\"\nto = \"b\"",
            "unclosed `{`",
        ),
    ] {
        let rule = format!("[[rule]]\nid = \"t\"\nmessage = \"m\"\n{body}\n");
        let dir = with_rule(&rule);
        let run = structlint(dir.path(), &["check"]);
        assert_eq!(run.code, 2, "{body}");
        assert!(
            run.stderr.contains(message),
            "{message:?} not in {}",
            run.stderr
        );
    }
}
