//! The tests of source tests: each `[[rule.tests]]` is a small workspace (`files`) and the
//! `path:line`s the rule must report there (`expect`), checked with the real engine.

use std::path::Path;
use std::sync::Arc;

use structlint_core::{ActiveRule, Config, Engine, Severity};

use super::prompt::prompt;
use crate::set::RuleSet;

/// Runs the workspace cases of rule `index`; returns (cases, expected findings).
pub(crate) fn run(
    set: &Arc<RuleSet>,
    index: usize,
    rule_file: &Path,
    failures: &mut Vec<String>,
    snapshot: &mut String,
) -> (usize, usize) {
    let rule = &set.rules[index];
    let (mut cases, mut expected) = (0, 0);
    for (i, case) in rule
        .tests
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.files.is_empty())
    {
        cases += 1;
        expected += case.expect.len();
        let reported = match check(set, index, rule_file, &case.files) {
            Ok(reported) => reported,
            Err(e) => {
                failures.push(format!("tests[{i}]: cannot run the workspace: {e}"));
                continue;
            }
        };
        for want in &case.expect {
            if !reported.iter().any(|(at, _)| at == want) {
                failures.push(format!(
                    "missing: tests[{i}] expects {want}, which is not reported"
                ));
            }
        }
        for (at, text) in &reported {
            if case.expect.contains(at) {
                snapshot.push_str(&format!("## tests[{i}] {at}\n\n{text}"));
            } else {
                failures.push(format!(
                    "noisy: tests[{i}] reports {at}, which is not in `expect`"
                ));
            }
        }
    }
    (cases, expected)
}

/// The `path:line` and prompt of each finding of the rule in a workspace made of `files`.
fn check(
    set: &Arc<RuleSet>,
    index: usize,
    rule_file: &Path,
    files: &std::collections::BTreeMap<toml::Spanned<String>, String>,
) -> Result<Vec<(String, String)>, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    for (key, text) in files {
        // Compiling the rule refused such paths already; checked again where it is written.
        structlint_core::check_relative(key.get_ref())
            .map_err(|why| format!("test file `{}`: {why}", key.get_ref().escape_default()))?;
        let path = dir.path().join(key.get_ref());
        let parent = path.parent().unwrap_or(dir.path());
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        structlint_core::resolve_inside(dir.path(), parent).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| e.to_string())?;
    }
    let root = structlint_core::normalize(dir.path()).map_err(|e| e.to_string())?;
    let mut config = Config::defaults(root.clone(), &[]).map_err(|e| e.message)?;
    let rule = &set.rules[index];
    let shown = rule_file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    config.rules.push(ActiveRule {
        meta: crate::rule::meta(rule, &shown),
        severity: Severity::Error,
        imp: crate::rule_impl(set, index, (shown, rule.line)),
    });
    let report = Engine::new(config)
        .check(&[root])
        .map_err(|e| format!("{e:?}"))?;
    Ok(report
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule.id)
        .map(|d| {
            (
                format!("{}:{}", d.span.path, d.span.start_pos.line),
                prompt(d),
            )
        })
        .collect())
}
