//! `check --fix`, `--fix-dry-run` and `--unsafe-fixes`: apply the machine-applicable edits
//! of the findings, re-check, and repeat until nothing changes, then report what remains.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use clap::Args;
use structlint::{Check, Report};
use structlint_core::{
    Applicability, Edit, apply_edits, read_inside, resolve_inside, write_atomic,
};

use super::{print, report_error};
use crate::{EXIT_ERROR, EXIT_FINDINGS};

/// Rounds of fix and re-check: an edit deferred because it overlapped another gets its
/// chance in the next round; more rounds than this mean edits that undo each other.
const MAX_ROUNDS: usize = 5;

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Apply the safe machine-applicable edits of the findings, re-check, and report what
    /// remains. Files with syntax errors are left alone.
    #[arg(long)]
    pub fix: bool,
    /// Print the safe edits as a unified diff instead of writing them (one round, no
    /// findings); exit 1 when there is an edit to apply.
    #[arg(long, conflicts_with = "fix")]
    pub fix_dry_run: bool,
    /// With --fix or --fix-dry-run, also apply edits that change behaviour or rest on a
    /// guess (review them).
    #[arg(long)]
    pub unsafe_fixes: bool,
}

impl FixArgs {
    pub fn requested(&self) -> bool {
        self.fix || self.fix_dry_run
    }

    fn allows(&self, edit: &Edit) -> bool {
        edit.applicability == Applicability::Safe || self.unsafe_fixes
    }
}

/// What the rounds did, for the summary on stderr.
#[derive(Default)]
struct Outcome {
    /// Edits applied, by rule.
    fixed: BTreeMap<String, usize>,
    files: BTreeSet<String>,
    /// Files whose edits were skipped, with why.
    skipped: BTreeMap<String, String>,
    rounds_exhausted: bool,
    /// Findings of the last check whose edit is unsafe and was not asked for.
    unsafe_left: usize,
}

/// Applies the edits; what remains is then reported as a check reports it. `Ok` holds the
/// last round's report when that round changed no file: it is what a fresh check would
/// find, so the caller reports it instead of checking again. `Err` is the exit code to stop
/// with: an error, or the end of a dry run (1 when it would change a file, as `ruff --diff`
/// does, so CI can require a clean tree).
pub fn run(args: &FixArgs, check: &Check) -> Result<Option<Report>, u8> {
    let mut outcome = Outcome::default();
    let dry = args.fix_dry_run;
    let mut diff = String::new();
    let mut settled = None;
    for round in 0.. {
        if round == MAX_ROUNDS {
            outcome.rounds_exhausted = true;
            break;
        }
        let report = match check.run() {
            Ok(report) => report.into_report(),
            Err(error) => return Err(report_error(&error)),
        };
        outcome.unsafe_left = report
            .active()
            .filter(|d| d.edit.as_ref().is_some_and(|e| !args.allows(e)))
            .count();
        let changed = fix_round(args, &report, &mut outcome, dry.then_some(&mut diff))?;
        if !changed && !dry {
            settled = Some(report);
            break;
        }
        if dry {
            break;
        }
    }
    if dry && !print(&diff) {
        return Err(EXIT_ERROR);
    }
    summarize(args, &outcome);
    match (dry, outcome.files.is_empty()) {
        (false, _) => Ok(settled),
        (true, true) => Err(0),
        (true, false) => Err(EXIT_FINDINGS),
    }
}

/// One round: every file's allowed edits in one pass. Whether any file changed.
fn fix_round(
    args: &FixArgs,
    report: &Report,
    outcome: &mut Outcome,
    mut diff: Option<&mut String>,
) -> Result<bool, u8> {
    // A tree with syntax errors may put an edit's offsets in the wrong place.
    let broken: BTreeSet<&str> = report
        .notes
        .iter()
        .filter(|n| n.is_verbose())
        .map(|n| n.path.as_str())
        .collect();
    let mut by_file: BTreeMap<&str, Vec<(&str, &Edit)>> = BTreeMap::new();
    for d in report.active() {
        let Some(edit) = d.edit.as_ref().filter(|e| args.allows(e)) else {
            continue;
        };
        let Some(first) = edit.replacements.first() else {
            continue;
        };
        by_file
            .entry(first.span.path.as_str())
            .or_default()
            .push((d.rule.as_str(), edit));
    }
    let mut changed = false;
    for (path, edits) in by_file {
        if broken.contains(path) {
            outcome
                .skipped
                .insert(path.to_string(), "it has syntax errors".into());
            continue;
        }
        // Only a regular file under the root, whatever symlinks the checkout holds.
        let target = match resolve_inside(&report.root, path) {
            Ok(target) => target,
            Err(e) => {
                outcome.skipped.insert(path.to_string(), e.to_string());
                continue;
            }
        };
        let text = match read_inside(&report.root, path) {
            Ok(text) => text,
            Err(e) => {
                outcome.skipped.insert(path.to_string(), e.to_string());
                continue;
            }
        };
        let list: Vec<&Edit> = edits.iter().map(|(_, e)| *e).collect();
        let result = apply_edits(path, &text, &list);
        if result.applied.is_empty() || result.text == text {
            continue;
        }
        if let Some(diff) = diff.as_deref_mut() {
            diff.push_str(&unified(path, &text, &result.text));
        } else if let Err(e) = write_atomic(&target, result.text.as_bytes()) {
            let _ = writeln!(io::stderr(), "error: cannot write {path}: {e}");
            return Err(EXIT_ERROR);
        }
        outcome.files.insert(path.to_string());
        for i in result.applied {
            *outcome.fixed.entry(edits[i].0.to_string()).or_default() += 1;
        }
        changed = true;
    }
    Ok(changed)
}

fn unified(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

fn summarize(args: &FixArgs, outcome: &Outcome) {
    let mut err = io::stderr().lock();
    let total: usize = outcome.fixed.values().sum();
    let verb = if args.fix_dry_run {
        "Would fix"
    } else {
        "Fixed"
    };
    let per_rule: Vec<String> = outcome
        .fixed
        .iter()
        .map(|(rule, n)| format!("{rule}: {n}"))
        .collect();
    let _ = if total == 0 {
        writeln!(err, "{verb} nothing: no finding has an edit to apply.")
    } else {
        writeln!(
            err,
            "{verb} {} in {} ({}).",
            structlint_core::plural(total, "finding"),
            structlint_core::plural(outcome.files.len(), "file"),
            per_rule.join(", ")
        )
    };
    for (path, why) in &outcome.skipped {
        let _ = writeln!(err, "Left {path} alone: {why}.");
    }
    if outcome.rounds_exhausted {
        let _ = writeln!(
            err,
            "Stopped after {MAX_ROUNDS} rounds: the edits keep changing the files."
        );
    }
    if outcome.unsafe_left > 0 {
        let _ = writeln!(
            err,
            "{} an unsafe edit (it changes behaviour or rests on a guess): review and apply with --unsafe-fixes.",
            if outcome.unsafe_left == 1 {
                "1 finding has".to_string()
            } else {
                format!("{} findings have", outcome.unsafe_left)
            }
        );
    }
}
