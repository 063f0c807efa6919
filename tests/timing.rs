//! `check --timing`: a table of phases and steps on stderr, the output itself unchanged.

mod common;

#[test]
fn timing_shows_every_phase_and_rule_and_leaves_the_output_alone() {
    let fixture = common::repo().join("fixtures/ts-monorepo");
    let plain = common::structlint(&fixture, &["check", "--format", "json"]);
    let timed = common::structlint(&fixture, &["check", "--format", "json", "--timing"]);
    assert_eq!(timed.code, plain.code);
    assert_eq!(timed.stdout, plain.stdout, "--timing changes no finding");
    assert!(plain.stderr.is_empty(), "{}", plain.stderr);
    let table = timed.stderr;
    for phase in ["discover", "files", "workspace", "output"] {
        assert!(
            table.lines().any(|l| l.trim_start().starts_with(phase)),
            "phase {phase} in:\n{table}"
        );
    }
    let report: serde_json::Value = serde_json::from_str(&plain.stdout).unwrap();
    let mut steps = vec![
        "parse (tree-sitter, syn)".to_string(),
        "import graph".to_string(),
    ];
    // Every rule that ran, the fixture's own TOML rules included.
    for d in report["diagnostics"].as_array().unwrap() {
        let rule = d["rule"].as_str().unwrap();
        steps.push(rule.split('/').next().unwrap().to_string());
    }
    let mut shares = 0.0;
    for step in &steps {
        let line = table
            .lines()
            .find(|l| l.trim_start().starts_with(step.as_str()))
            .unwrap_or_else(|| panic!("step {step} in:\n{table}"));
        assert!(line.contains(" ms "), "{line}");
    }
    for line in table.lines().filter(|l| l.trim_end().ends_with('%')) {
        let share = line.trim_end().trim_end_matches('%');
        shares += share.rsplit(' ').next().unwrap().parse::<f64>().unwrap();
    }
    assert!(
        (shares - 100.0).abs() < 1.0,
        "shares add up to {shares}:\n{table}"
    );
}
