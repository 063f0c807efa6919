//! Per-rule prompt snapshots: every finding a built-in rule gives on the fixtures, as the full
//! prompt an agent reads (place, summary, why, numbered fix, related places, edit), one
//! snapshot per rule, so a change to a rule's wording shows in review next to the rule.
//! `cargo insta review` (or INSTA_UPDATE=always) accepts a change.

mod common;

use common::repo;
use structlint::{Check, Diagnostic};

fn prompt(d: &Diagnostic) -> String {
    let at = &d.span;
    let mut text = format!(
        "{}:{}:{} {} {}: {}\n",
        at.path,
        at.start_pos.line,
        at.start_pos.column,
        d.severity.as_str(),
        d.rule,
        d.summary
    );
    if !d.why.is_empty() {
        text.push_str(&format!("\nWhy: {}\n", d.why));
    }
    if !d.fix.is_empty() {
        text.push_str(&format!("\nFix:\n{}\n", d.numbered_fix()));
    }
    for r in &d.related {
        let p = &r.span.start_pos;
        text.push_str(&format!(
            "\nRelated: {}:{}:{} {}\n",
            r.span.path, p.line, p.column, r.label
        ));
    }
    if let Some(edit) = &d.edit {
        text.push_str(&format!("\nEdit: {}\n", edit.description));
        for r in &edit.replacements {
            text.push_str(&format!(
                "  {}..{} → {:?}\n",
                r.span.start, r.span.end, r.text
            ));
        }
    }
    text
}

#[test]
fn every_built_in_rule_has_a_prompt_snapshot_of_its_findings_on_the_fixtures() {
    let mut findings: Vec<Diagnostic> = Vec::new();
    for fixture in ["fixtures/ts-monorepo", "fixtures/rust-workspace"] {
        let found = Check::workspace(repo().join(fixture)).run().unwrap();
        findings.extend(
            found
                .diagnostics
                .iter()
                .filter(|d| !d.is_suppressed())
                .cloned(),
        );
    }
    for rule in structlint::builtin_rules() {
        let prompts: Vec<String> = findings
            .iter()
            .filter(|d| d.rule == rule.id || d.rule.starts_with(&format!("{}/", rule.id)))
            .map(prompt)
            .collect();
        assert!(
            !prompts.is_empty(),
            "the fixtures show `{}` at work",
            rule.id
        );
        insta::assert_snapshot!(format!("prompts_{}", rule.id), prompts.join("\n---\n\n"));
    }
}
