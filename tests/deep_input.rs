//! Input built to break the linter: deep nesting, huge lines and names. Each run must end
//! with an exit code (0, 1 or 2), never a signal.

mod common;

use common::{finished, structlint, structlint_within, workspace};

const MANIFEST: &[u8] = b"[package]\nname = \"deep\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";

fn nested(open: &str, middle: &str, close: &str, n: usize) -> Vec<u8> {
    format!("{}{middle}{}\n", open.repeat(n), close.repeat(n)).into_bytes()
}

#[test]
fn deeply_nested_rust_is_checked_or_noted_never_a_stack_overflow() {
    let generics = [
        b"type T = ".as_slice(),
        &nested("Vec<", "u8", ">", 247),
        b";",
    ]
    .concat();
    let parens = [
        b"fn g() -> u8 {".as_slice(),
        &nested("(", "1", ")", 652),
        b"}",
    ]
    .concat();
    let blocks = [b"fn f() ".as_slice(), &nested("{", "", "}", 399)].concat();
    let huge = [
        b"fn h() -> u8 {".as_slice(),
        &nested("(", "1", ")", 100_000),
        b"}",
    ]
    .concat();
    let dir = workspace(&[
        ("Cargo.toml", MANIFEST),
        (
            "src/lib.rs",
            b"mod generics;\nmod mods;\nmod blocks;\nmod parens;\nmod huge;\n",
        ),
        ("src/generics.rs", &generics),
        ("src/mods.rs", &nested("mod a {", "", "}", 347)),
        ("src/blocks.rs", &blocks),
        ("src/parens.rs", &parens),
        ("src/huge.rs", &huge),
    ]);
    let run = structlint(dir.path(), &["check", "--verbose"]);
    assert!(
        matches!(run.code, 0 | 1),
        "exit {}: {}",
        run.code,
        run.stderr
    );
    // The nesting the issue reported stays parsed; only the hostile file is refused.
    let notes: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("note:"))
        .collect();
    assert_eq!(notes.len(), 1, "{}", run.stdout);
    assert!(
        notes[0].starts_with("note: src/huge.rs: syn could not parse this file (it nests ")
            && notes[0].contains("levels deep, past the 1000 levels structlint parses)"),
        "{}",
        run.stdout
    );
}

#[test]
fn deeply_nested_typescript_types_do_not_overflow_the_schema_comparison() {
    let deep = nested("Array<", "number", ">", 100_000);
    let dir = workspace(&[(
        "src/types.ts",
        &[b"export type A = ".as_slice(), &deep].concat(),
    )]);
    let run = structlint(dir.path(), &["check"]);
    assert!(
        matches!(run.code, 0 | 1),
        "exit {}: {}",
        run.code,
        run.stderr
    );
}

/// One line of minified JavaScript, `columns` wide, ending in `console.log(a);`.
fn minified(columns: usize) -> Vec<u8> {
    let sum = "1+".repeat((columns - 30) / 2);
    format!("var a={sum}1; console.log(a);\n").into_bytes()
}

// miette pads with a format width, which panics past 65,535 columns.
#[test]
fn findings_past_column_65535_show_a_window_of_the_line() {
    let dir = workspace(&[
        ("structlint.toml", b"rule-files = [\"r.toml\"]\n[rules]\nmax-file-lines = { max = 1 }\n"),
        ("r.toml", b"[[rule]]\nid = \"no-console\"\nlanguage = \"javascript\"\nmessage = \"no console\"\npattern = \"console.log($$$A)\"\n"),
        ("a.js", &[b"x;\n".as_slice(), &minified(200_000)].concat()),
    ]);
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains(",-[a.js:2:1]\n"), "{}", run.stdout);
    let column = String::from_utf8(minified(200_000))
        .unwrap()
        .find("console")
        .unwrap()
        + 1;
    let header = format!(",-[a.js:2:{column}]\n");
    assert!(run.stdout.contains(&header), "{}", run.stdout);
    assert!(run.stdout.contains(" 2 | …+1+1+1"), "{}", run.stdout);
    assert!(
        run.stdout.contains("1+1; console.log(a);\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.lines().all(|l| l.chars().count() < 1000),
        "lines are cut"
    );
}

#[test]
fn huge_layer_names_and_rule_ids_are_reported_not_crashed_on() {
    let name = "L".repeat(70_000);
    let config = format!(
        "[[layers]]\nname = \"d\"\nmodules = \"packages/*/src\"\norder = [\"repo\", \"ui\", \"{name}\"]\n"
    );
    let dir = workspace(&[
        ("structlint.toml", config.as_bytes()),
        (
            "packages/a/src/repo/db.ts",
            b"import { x } from \"../ui/v\";\nexport const d = x;\n",
        ),
        ("packages/a/src/ui/v.ts", b"export const x = 1;\n"),
    ]);
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("(repo layer) imports"),
        "{}",
        run.stdout
    );

    let config = format!("layers = [{{ name = \"{name}\", order = [\"ui\"], bogus = 1 }}]\n");
    std::fs::write(dir.path().join("structlint.toml"), &config).unwrap();
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let header = format!(
        ",-[structlint.toml:1:{}]",
        config.find("bogus").unwrap() + 1
    );
    assert!(run.stderr.contains(&header), "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown field `bogus`"),
        "{}",
        run.stderr
    );

    let rule = format!(
        "[[rule]]\nid = \"{}\"\nlanguage = \"typescript\"\nmessage = \"m\"\npattern = \"f()\"\n[[rule.tests]]\ninvalid = [\"f()\"]\n",
        "r".repeat(70_000)
    );
    let dir = workspace(&[("rules/r.toml", rule.as_bytes())]);
    let run = structlint(dir.path(), &["test"]);
    // It fails for want of a snapshot of its prompts, and says so.
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.starts_with("FAIL rrrr"), "{}", &run.stdout[..40]);
}

// Files saved with classic Mac line endings counted as one line, and a byte-order mark as a
// column.
#[test]
fn lone_carriage_returns_end_lines_and_a_byte_order_mark_is_not_a_column() {
    let mac: String = (0..14)
        .map(|i| format!("export const v{i} = {i};\r"))
        .collect();
    let dir = workspace(&[
        ("structlint.toml", b"rule-files = [\"r.toml\"]\n[rules]\nmax-file-lines = { max = 10 }\n"),
        ("r.toml", b"[[rule]]\nid = \"no-console\"\nlanguage = \"typescript\"\nmessage = \"no console\"\npattern = \"console.log($$$A)\"\n"),
        ("mac.ts", mac.as_bytes()),
        ("bom.ts", "\u{feff}console.log(1);\n".as_bytes()),
    ]);
    let run = structlint(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found = doc["diagnostics"].as_array().unwrap();
    let at = |d: &serde_json::Value| {
        let start = &d["span"]["start"];
        (
            d["rule"].as_str().unwrap().to_string(),
            start["line"].clone(),
            start["column"].clone(),
        )
    };
    assert_eq!(at(&found[0]), ("no-console".into(), 1.into(), 1.into()));
    assert_eq!(
        at(&found[1]),
        ("max-file-lines".into(), 11.into(), 1.into())
    );
    let summary = found[1]["summary"].as_str().unwrap();
    assert_eq!(summary, "mac.ts has 14 lines, 4 over the limit of 10");
    let fix = found[1]["fix"].to_string();
    assert!(fix.contains("const `v1`: lines 2–2 (1 line)"), "{fix}");
}

#[test]
fn many_findings_on_one_huge_line_take_time_in_their_number() {
    // Each column was counted from the start of its line: these 20,000 findings on a line of
    // 1.9 MB (a minified file) took minutes.
    let rule = "[[rule]]\nid = \"every-call\"\nlanguage = \"typescript\"\nmessage = \"found\"\nregex = \"f[(]\"\n";
    let line = format!("{}\n", format!("f(1);{}", " ".repeat(90)).repeat(20_000));
    let dir = workspace(&[
        ("structlint.toml", b"rule-files = [\"rules/*.toml\"]\n"),
        ("rules/calls.toml", rule.as_bytes()),
        ("src/a.ts", line.as_bytes()),
    ]);
    let run = structlint_within(dir.path(), &["check", "--format", "json"]);
    let run = finished(run, "check");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("\"column\": 1899906,"),
        "the last call's column"
    );
}

#[test]
fn a_code_pattern_nested_deep_is_an_error_before_it_is_parsed() {
    // tree-sitter's error recovery can take minutes on deeply nested invalid code: a pattern is
    // refused unparsed past 64 levels.
    let pattern = format!("{}e.unwrap{}", "(".repeat(650), ")*".repeat(650));
    let query = format!("(_ (_) @m (#has? @m \"{pattern}\"))");
    let dir = workspace(&[("src/a.ts", b"export const a = f(1);\n")]);
    let run = structlint_within(dir.path(), &["query", &query, "src/a.ts"]);
    let run = finished(run, "query");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("more than 64 deep"), "{}", run.stderr);
}

/// 16 KB of brackets closed thousands of times more than opened: tree-sitter's recovery from
/// them took 23–30 s (release) before parses had a deadline. The file gets a note; the rest
/// of the workspace is checked.
#[test]
fn runaway_parser_recovery_is_a_note_not_a_hang() {
    let slow = format!(
        "fn f() {{ {}x.unwrap{}() }}\n",
        "(".repeat(63),
        ")*".repeat(7863)
    );
    let dir = workspace(&[
        ("Cargo.toml", MANIFEST),
        ("src/lib.rs", b"mod slow;\npub fn ok() {}\n"),
        ("src/slow.rs", slow.as_bytes()),
        // A team rule on Rust is what makes the check read this file's syntax tree.
        ("structlint.toml", b"rule-files = [\"r.toml\"]\n"),
        ("r.toml", b"[[rule]]\nid = \"no-unwrap\"\nlanguage = \"rust\"\nmessage = \"no unwrap\"\npattern = \"$X.unwrap()\"\n"),
    ]);
    let run = finished(
        structlint_within(dir.path(), &["check", "--format", "json"]),
        "check of a file tree-sitter recovers from slowly",
    );
    assert!(
        matches!(run.code, 0 | 1),
        "exit {}: {}",
        run.code,
        run.stderr
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["internalErrors"], serde_json::json!([]));
    let notes = report["notes"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n["path"] == "src/slow.rs"
            && n["message"]
                .as_str()
                .unwrap()
                .starts_with("tree-sitter gave up parsing after")),
        "{notes:#?}"
    );
}
