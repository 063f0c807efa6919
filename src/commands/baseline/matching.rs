//! Matching a run's findings against a baseline: which are known, which are new, which
//! entries are fixed.

use std::collections::HashMap;

use structlint::{Diagnostic, Report};

use super::file::{Entry, sort};

/// The active findings of `report` as baseline entries, one per fingerprint.
pub fn current(report: &Report) -> Vec<Entry> {
    let active: Vec<&Diagnostic> = report.active().collect();
    let keys = structlint::finding_keys(report, &active);
    let mut by_key: HashMap<String, Entry> = HashMap::new();
    for (d, key) in active.into_iter().zip(keys) {
        by_key
            .entry(key.fingerprint.clone())
            .or_insert_with(|| Entry {
                fingerprint: key.fingerprint,
                rule: d.rule.to_string(),
                path: d.span.path.to_string(),
                line: key.line,
                count: 0,
            })
            .count += 1;
    }
    let mut entries: Vec<Entry> = by_key.into_values().collect();
    sort(&mut entries);
    entries
}

/// Removes from `report` the findings `baseline` knows (the first `count` of each
/// fingerprint, in report order), counts them in its stats, and returns the entries, or the
/// part of their count, that no finding matched any more: the fixed ones.
pub fn apply(report: &mut Report, baseline: &[Entry]) -> Vec<Entry> {
    let mut budget: HashMap<&str, usize> = HashMap::new();
    for entry in baseline {
        *budget.entry(entry.fingerprint.as_str()).or_default() += entry.count;
    }
    let active: Vec<usize> = (report.diagnostics.iter().enumerate())
        .filter(|(_, d)| !d.is_suppressed())
        .map(|(i, _)| i)
        .collect();
    let refs: Vec<&Diagnostic> = active.iter().map(|&i| &report.diagnostics[i]).collect();
    let keys = structlint::finding_keys(report, &refs);
    let mut known = vec![false; report.diagnostics.len()];
    for (&i, key) in active.iter().zip(&keys) {
        if let Some(left) = budget.get_mut(key.fingerprint.as_str()).filter(|n| **n > 0) {
            *left -= 1;
            known[i] = true;
        }
    }
    let mut fixed = Vec::new();
    for entry in baseline {
        let left = budget
            .get_mut(entry.fingerprint.as_str())
            .map_or(0, std::mem::take);
        if left > 0 {
            fixed.push(Entry {
                count: left,
                ..entry.clone()
            });
        }
    }
    let mut index = 0;
    report.diagnostics.retain(|_| {
        index += 1;
        !known[index - 1]
    });
    report.stats.baselined += known.iter().filter(|&&k| k).count();
    fixed
}

/// `baseline` with each entry's count lowered to the findings still there: fixed findings
/// leave it, new ones do not enter.
pub fn prune(baseline: &[Entry], current: &[Entry]) -> Vec<Entry> {
    let now: HashMap<&str, usize> = current
        .iter()
        .map(|e| (e.fingerprint.as_str(), e.count))
        .collect();
    baseline
        .iter()
        .filter_map(|e| {
            let count = e
                .count
                .min(now.get(e.fingerprint.as_str()).copied().unwrap_or(0));
            (count > 0).then(|| Entry { count, ..e.clone() })
        })
        .collect()
}

/// How many findings of `current` `baseline` does not cover.
pub fn new_findings(baseline: &[Entry], current: &[Entry]) -> usize {
    let known: HashMap<&str, usize> = baseline
        .iter()
        .map(|e| (e.fingerprint.as_str(), e.count))
        .collect();
    current
        .iter()
        .map(|e| {
            e.count
                .saturating_sub(known.get(e.fingerprint.as_str()).copied().unwrap_or(0))
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(fingerprint: &str, count: usize) -> Entry {
        Entry {
            fingerprint: fingerprint.into(),
            rule: "r".into(),
            path: "a.ts".into(),
            line: String::new(),
            count,
        }
    }

    #[test]
    fn prune_keeps_only_what_is_still_there_and_never_adds() {
        let baseline = [entry("a", 3), entry("b", 1)];
        let current = [entry("a", 2), entry("c", 5)];
        assert_eq!(prune(&baseline, &current), vec![entry("a", 2)]);
        assert_eq!(new_findings(&baseline, &current), 5);
        assert_eq!(new_findings(&baseline, &[entry("a", 4)]), 1);
    }
}
