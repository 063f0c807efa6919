//! The docs are checked against the code: each rule's page is its doc comment, and the JSON
//! format page names every field the JSON output has.
//! `STRUCTLINT_UPDATE_DOCS=1 cargo test --test docs` rewrites the rule pages.

mod common;

use std::collections::BTreeSet;

use common::{repo, structlint};

#[test]
fn every_rule_page_is_its_doc_comment() {
    let dir = repo().join("docs/rules");
    let update = std::env::var_os("STRUCTLINT_UPDATE_DOCS").is_some();
    let mut expected = BTreeSet::new();
    for rule in structlint::builtin_rules() {
        let path = dir.join(format!("{}.md", rule.id));
        expected.insert(format!("{}.md", rule.id));
        let doc = rule.documentation();
        assert!(
            doc.starts_with(&format!("# {}\n", rule.id)),
            "{}: the doc comment starts with `# {}`",
            rule.id,
            rule.id
        );
        if update {
            std::fs::write(&path, &doc).unwrap();
        }
        let page = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            page,
            doc,
            "{} is out of date: run STRUCTLINT_UPDATE_DOCS=1 cargo test --test docs",
            path.display()
        );
    }
    let pages: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        pages, expected,
        "docs/rules holds exactly one page per rule"
    );
}

#[test]
fn the_authoring_guide_documents_every_rule_field_and_shipped_rule() {
    let guide = std::fs::read_to_string(repo().join("docs/authoring-rules.md")).unwrap();
    for field in structlint_toml_rules::RULE_FIELDS {
        assert!(
            guide.contains(&format!("| `{field}` |")),
            "docs/authoring-rules.md documents `{field}`"
        );
    }
    for file in structlint_toml_rules::expand(&repo(), &["rules/**/*.toml".to_string()]).unwrap() {
        for rule in structlint_toml_rules::load_file(&repo(), &file).unwrap() {
            assert!(
                guide.contains(&format!("| `{}` |", rule.id)),
                "docs/authoring-rules.md lists {}",
                rule.id
            );
        }
    }
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for rule in structlint::builtin_rules() {
        assert!(
            readme.contains(&format!("[`{}`](docs/rules/{}.md)", rule.id, rule.id)),
            "README lists {}",
            rule.id
        );
    }
}

fn keys(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                out.insert(key.clone());
                keys(value, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn the_json_format_page_documents_every_field() {
    let page = std::fs::read_to_string(repo().join("docs/json-format.md")).unwrap();
    let mut all = BTreeSet::new();
    for args in [
        &[
            "check",
            "fixtures/ts-monorepo",
            "--format",
            "json",
            "--include-suppressed",
            "--verbose",
        ][..],
        &["check", "fixtures/rust-workspace", "--format", "json"],
    ] {
        let run = structlint(&repo(), args);
        keys(&serde_json::from_str(&run.stdout).unwrap(), &mut all);
    }
    for key in [
        "edit",
        "replacements",
        "suppressed",
        "justification",
        "notes",
        "utf16Column",
    ] {
        assert!(all.contains(key), "the fixtures exercise `{key}`");
    }
    let missing: Vec<&String> = all
        .iter()
        .filter(|k| !page.contains(&format!("`{k}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/json-format.md does not document {missing:?}"
    );
}

/// The option names a rule accepts, from the error its options parser gives for an unknown key
/// (`#[serde(deny_unknown_fields)]` lists the valid ones), without `level`.
fn accepted_options(id: &str) -> BTreeSet<String> {
    let mut names = common::keys_named_by_error(&format!(
        "[rules]\n{id} = {{ level = \"warn\", zz-probe = 1 }}\n"
    ));
    names.remove("level");
    names
}

/// The option names a rule page's options table lists.
fn documented_options(page: &str) -> BTreeSet<String> {
    page.lines()
        .skip_while(|line| !line.starts_with("| option |"))
        .skip(2)
        .take_while(|line| line.starts_with("| `"))
        .filter_map(|line| line.split('`').nth(1).map(str::to_string))
        .collect()
}

#[test]
fn every_rule_page_documents_exactly_the_options_its_rule_accepts() {
    for rule in structlint::builtin_rules() {
        assert_eq!(
            documented_options(&rule.documentation()),
            accepted_options(rule.id),
            "the options table of {} against its options struct",
            rule.id
        );
    }
}

/// The keys a top-level table of structlint.toml accepts, from the error for an unknown one.
fn accepted_keys(table: &str) -> BTreeSet<String> {
    common::keys_named_by_error(&format!("[{table}]\nzz-probe = 1\n"))
}

#[test]
fn the_readme_config_example_shows_every_key_of_files_and_resolve() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let example = readme
        .split("## Configuration")
        .nth(1)
        .and_then(|s| s.split("```toml").nth(1))
        .and_then(|s| s.split("```").next())
        .unwrap();
    for table in ["files", "resolve"] {
        let section = example
            .split(&format!("[{table}]\n"))
            .nth(1)
            .unwrap_or_else(|| panic!("the README example has [{table}]"));
        let section = section.split("\n[").next().unwrap();
        let keys = accepted_keys(table);
        assert!(!keys.is_empty(), "[{table}] has keys");
        for key in keys {
            assert!(
                section.lines().any(|l| l.starts_with(&format!("{key} ="))),
                "the README's [{table}] example shows `{key}`"
            );
        }
    }
}
