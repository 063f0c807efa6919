//! `check --statistics`: how many findings each rule has, instead of the findings, for
//! deciding where to start on a large workspace.

use std::collections::BTreeMap;

use structlint::{OutputOptions, Report, Severity};
use structlint_core::plural;

/// One line per rule with findings: the count, the rule and its severity, most findings first
/// (ties by rule id), then the total.
pub fn table(report: &Report, options: &OutputOptions) -> String {
    let mut by_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for d in options.shown(report) {
        let counts = by_rule.entry(d.rule.as_str()).or_default();
        match d.severity {
            Severity::Error => counts.0 += 1,
            Severity::Warning => counts.1 += 1,
        }
    }
    let mut rows: Vec<(&str, usize, usize)> = by_rule
        .into_iter()
        .map(|(rule, (errors, warnings))| (rule, errors, warnings))
        .collect();
    rows.sort_by(|a, b| (b.1 + b.2).cmp(&(a.1 + a.2)).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (rule, errors, warnings) in &rows {
        let level = match (errors, warnings) {
            (_, 0) => "error".to_string(),
            (0, _) => "warning".to_string(),
            _ => format!(
                "{}, {}",
                plural(*errors, "error"),
                plural(*warnings, "warning")
            ),
        };
        out.push_str(&format!(
            "{:>6}  {rule:<width$}  {level}\n",
            errors + warnings
        ));
    }
    let total: usize = rows.iter().map(|r| r.1 + r.2).sum();
    out.push_str(&format!(
        "{} in {}.\n",
        plural(total, "finding"),
        plural(rows.len(), "rule")
    ));
    out
}
