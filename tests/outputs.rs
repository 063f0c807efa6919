//! SARIF, agent, GitHub and JUnit output: golden snapshots for every fixture, SARIF validated
//! against the official 2.1.0 schema, stable fingerprints, UTF-16 columns, atomic --output.

mod common;

use common::{lines, repo, structlint, workspace};

const FIXTURES: [&str; 2] = ["ts-monorepo", "rust-workspace"];
const FORMATS: [&str; 4] = ["sarif", "agent", "github", "junit"];

fn check(cwd: &std::path::Path, args: &[&str]) -> (i32, String) {
    let run = structlint(cwd, args);
    (run.code, run.stdout)
}

/// `out` with this machine's absolute repository path replaced, so snapshots hold anywhere.
fn redact(out: &str) -> String {
    let root = structlint_core::normalize(&repo()).unwrap();
    out.replace(&format!("file://{}/", root.display()), "file://[REPO]/")
}

fn validate_sarif(text: &str) {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    let instance: serde_json::Value = serde_json::from_str(text).expect("SARIF is JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    compiler.add_resource(url, schema).unwrap();
    let index = compiler
        .compile(url, &mut schemas)
        .expect("the SARIF schema compiles");
    if let Err(error) = schemas.validate(&instance, index) {
        panic!("SARIF does not match the 2.1.0 schema: {error:#}\n{text}");
    }
}

fn sarif_results(text: &str) -> Vec<serde_json::Value> {
    let log: serde_json::Value = serde_json::from_str(text).unwrap();
    log["runs"][0]["results"].as_array().unwrap().clone()
}

#[test]
fn every_format_of_every_fixture_matches_its_snapshot() {
    for fixture in FIXTURES {
        for format in FORMATS {
            let path = format!("fixtures/{fixture}");
            let (code, out) = check(
                &repo(),
                &["check", &path, "--format", format, "--include-suppressed"],
            );
            assert_eq!(code, 1, "{fixture} {format}");
            if format == "sarif" {
                validate_sarif(&out);
            }
            insta::assert_snapshot!(format!("{fixture}_{format}"), redact(&out));
        }
    }
}

#[test]
fn sarif_is_valid_with_edits_suppressions_notes_and_no_results() {
    let mut long = b"// structlint-disable-file max-file-lines -- generated\n".to_vec();
    long.extend(lines(360));
    let dir = workspace(&[
        ("gen.ts", &long),
        (
            "stale.ts",
            b"// structlint-disable-next-line max-file-lines -- was long\nexport const a = 1;\n",
        ),
        ("bin.ts", b"\x00\x01"),
    ]);
    let (_, out) = check(
        dir.path(),
        &["check", "--format", "sarif", "--include-suppressed"],
    );
    validate_sarif(&out);
    let results = sarif_results(&out);
    let suppressed = results
        .iter()
        .find(|r| r["ruleId"] == "max-file-lines")
        .unwrap();
    assert_eq!(suppressed["suppressions"][0]["kind"], "inSource");
    assert_eq!(suppressed["suppressions"][0]["justification"], "generated");
    let stale = results
        .iter()
        .find(|r| r["ruleId"] == "suppressions")
        .unwrap();
    assert_eq!(
        stale["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]["startLine"],
        1
    );
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let notes = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes[0]["descriptor"]["id"], "skipped-file");
    let (_, hidden) = check(dir.path(), &["check", "--format", "sarif"]);
    assert!(
        sarif_results(&hidden)
            .iter()
            .all(|r| r.get("suppressions").is_none()),
        "suppressed results are left out by default"
    );
    let empty = tempfile::tempdir().unwrap();
    let (code, out) = check(empty.path(), &["check", "--format", "sarif"]);
    assert_eq!(code, 0);
    validate_sarif(&out);
}

#[test]
fn a_config_error_still_gives_a_valid_sarif_log() {
    let dir = workspace(&[("structlint.toml", b"[rules]\nmax-lines = \"warn\"\n")]);
    let (code, out) = check(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(code, 2);
    validate_sarif(&out);
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolConfigurationNotifications"][0];
    assert_eq!(notification["message"]["text"], "unknown rule `max-lines`");
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
}

#[test]
fn fingerprints_hold_when_lines_above_move() {
    let directive =
        "// structlint-disable-next-line max-file-lines -- stale\nexport const a = 1;\n";
    let dir = workspace(&[("a.ts", directive.as_bytes())]);
    let fingerprint = |dir: &std::path::Path| {
        let (_, out) = check(dir, &["check", "--format", "sarif"]);
        let result = sarif_results(&out)
            .into_iter()
            .find(|r| r["ruleId"] == "suppressions")
            .unwrap();
        (
            result["partialFingerprints"]["structlint/v1"]
                .as_str()
                .unwrap()
                .to_string(),
            result["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
        )
    };
    let (before, line_before) = fingerprint(dir.path());
    std::fs::write(
        dir.path().join("a.ts"),
        format!("import {{ x }} from './x';\n\n// moved down\n{directive}"),
    )
    .unwrap();
    let (after, line_after) = fingerprint(dir.path());
    assert_eq!((line_before, line_after), (1.into(), 4.into()));
    assert_eq!(
        before, after,
        "the fingerprint follows the line, not its number"
    );
    std::fs::write(
        dir.path().join("a.ts"),
        directive.replace("stale", "changed"),
    )
    .unwrap();
    assert_ne!(
        fingerprint(dir.path()).0,
        before,
        "a different flagged line is a different finding"
    );
}

#[test]
fn columns_are_utf16_code_units_where_editors_expect_them() {
    // `😀` is 2 UTF-16 units and 4 bytes, `é` 1 unit and 2 bytes: the directive starts at
    // character column 16 but UTF-16 column 17.
    let text = "/* é 😀 x */ // structlint-disable-next-line max-file-lines -- stale\nexport const a = 1;\n";
    let dir = workspace(&[("a.ts", text.as_bytes())]);
    let (_, out) = check(dir.path(), &["check", "--format", "sarif"]);
    let region = &sarif_results(&out)[0]["locations"][0]["physicalLocation"]["region"];
    let prefix = &text[..text.find("structlint-").unwrap()];
    assert_eq!(region["startColumn"], prefix.encode_utf16().count() + 1);
    assert_eq!(region["startColumn"], 17);
    let (_, json) = check(dir.path(), &["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let start = &doc["diagnostics"][0]["span"]["start"];
    assert_eq!(
        (start["column"].as_u64(), start["utf16Column"].as_u64()),
        (Some(16), Some(17))
    );
    let (_, github) = check(dir.path(), &["check", "--format", "github"]);
    assert!(
        github.starts_with("::error file=a.ts,line=1,col=16,"),
        "{github}"
    );
}

#[test]
fn output_files_are_written_whole_and_stdout_stays_empty() {
    let dir = workspace(&[("a.ts", &lines(400))]);
    std::fs::write(dir.path().join("report.sarif"), "old contents").unwrap();
    let run = structlint(
        dir.path(),
        &["check", "--format", "sarif", "--output", "report.sarif"],
    );
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    validate_sarif(&std::fs::read_to_string(dir.path().join("report.sarif")).unwrap());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files remain: {leftovers:?}"
    );
    let run = structlint(dir.path(), &["check", "--output", "no/such/dir/out.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: cannot write no/such/dir/out.txt"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_agent_format_caps_findings_per_rule() {
    let files: Vec<(String, Vec<u8>)> = (0..4)
        .map(|i| (format!("f{i}.ts"), lines(360 + i)))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let dir = workspace(&refs);
    let (_, out) = check(
        dir.path(),
        &["check", "--format", "agent", "--max-per-rule", "3"],
    );
    assert_eq!(out.matches("### error `max-file-lines`").count(), 3);
    assert!(
        out.contains("- `max-file-lines`: 1 finding left out (at most 3 per rule are shown)"),
        "{out}"
    );
    assert_eq!(
        out.matches("Why:").count(),
        1,
        "the why is said once per rule"
    );
    assert!(out.starts_with("# structlint: 4 errors, 0 warnings in 4 files\n"));
    let (_, all) = check(
        dir.path(),
        &["check", "--format", "agent", "--max-per-rule", "0"],
    );
    assert_eq!(all.matches("### error").count(), 4);
    assert!(!all.contains("Left out"));
}

/// What SARIF validators and code scanning object to: a link to a file that exists only in
/// the user's repository, the checkout's absolute path, a `name` that is the id in another
/// case, a zero-width region, and more results than an upload keeps.
#[test]
fn sarif_names_links_regions_and_caps_hold_for_a_team_rule() {
    let mut long = lines(350);
    long.extend(b"\nexport const after = 1;\n");
    let dir = workspace(&[
        ("structlint.toml", b"rule-files = [\"rules/*.toml\"]\n"),
        (
            "rules/team.toml",
            b"[[rule]]\nid = \"todo\"\nlanguage = \"typescript\"\nmessage = \"no console\"\npattern = \"console.log($$$A)\"\n\n[[rule]]\nid = \"no-alert\"\nlanguage = \"typescript\"\nmessage = \"no alert\"\npattern = \"alert($$$A)\"\ndocs = \"https://wiki.example.com/no-alert\"\n",
        ),
        ("long.ts", &long),
        ("calls.ts", b"console.log(1);\nconsole.log(2);\nalert(3);\n"),
    ]);
    let (code, out) = check(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(code, 1, "{out}");
    validate_sarif(&out);
    assert!(!out.contains("file://"), "no absolute path: {out}");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in rules {
        let (id, name) = (rule["id"].as_str().unwrap(), rule["name"].as_str().unwrap());
        assert!(!name.eq_ignore_ascii_case(id), "{id} is named {name}");
        assert!(name.starts_with(|c: char| c.is_ascii_uppercase()), "{name}");
    }
    let rule = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap().clone();
    assert!(
        rule("todo").get("helpUri").is_none(),
        "a path in the user's repository"
    );
    assert_eq!(
        rule("no-alert")["helpUri"],
        "https://wiki.example.com/no-alert"
    );
    assert!(
        rule("max-file-lines")["helpUri"]
            .as_str()
            .unwrap()
            .ends_with("/docs/rules/max-file-lines.md")
    );
    let results = sarif_results(&out);
    let blank = results
        .iter()
        .find(|r| r["ruleId"] == "max-file-lines")
        .unwrap();
    assert_eq!(
        blank["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({ "startLine": 351 }),
        "an empty span is its whole line"
    );
    assert_eq!(results.len(), 4);
    let (code, capped) = check(
        dir.path(),
        &["check", "--format", "sarif", "--max-results", "1"],
    );
    assert_eq!(code, 1, "the exit code counts every finding");
    validate_sarif(&capped);
    assert_eq!(sarif_results(&capped).len(), 1);
    let log: serde_json::Value = serde_json::from_str(&capped).unwrap();
    let notes = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert!(
        notes
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["descriptor"]["id"] == "max-results"
                && n["message"]["text"] == "3 more results were left out by --max-results"),
        "{notes:#}"
    );
    let (_, human) = check(dir.path(), &["check", "--max-results", "2"]);
    assert!(
        human.contains("note: 2 findings not shown (--max-results)\n"),
        "{human}"
    );
}
