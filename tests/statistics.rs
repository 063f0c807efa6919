//! `check --statistics`: findings per rule instead of the findings.

mod common;

use std::collections::BTreeMap;

use common::structlint;

#[test]
fn counts_per_rule_match_the_findings_most_first() {
    let root = common::repo().join("fixtures/ts-monorepo");
    let json = structlint(&root, &["check", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for d in document["diagnostics"].as_array().unwrap() {
        *expected
            .entry(d["rule"].as_str().unwrap().to_string())
            .or_default() += 1;
    }

    let run = structlint(&root, &["check", "--statistics"]);
    assert_eq!(run.code, json.code, "the exit code does not change");
    let lines: Vec<&str> = run.stdout.lines().collect();
    let (total, rows) = lines.split_last().unwrap();
    let mut counts: Vec<usize> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        let mut words = row.split_whitespace();
        let count: usize = words.next().unwrap().parse().unwrap();
        seen.insert(words.next().unwrap().to_string(), count);
        counts.push(count);
    }
    assert_eq!(seen, expected);
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{}", run.stdout);
    let sum: usize = expected.values().sum();
    assert_eq!(
        *total,
        format!("{sum} findings in {} rules.", expected.len())
    );
}
