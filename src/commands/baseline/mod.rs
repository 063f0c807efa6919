//! `structlint baseline` and the baseline `check` reads: adopting structlint on code that
//! has findings today without fixing them first, while no new finding gets in.

mod file;
mod matching;

use std::io::{self, Write};
use std::path::Path;

use structlint::{Check, Report};
use structlint_core::plural;

use super::report_error;
use crate::EXIT_ERROR;
use crate::cli::BaselineArgs;
use file::Entry;

/// Writes the baseline of the workspace's findings; see the README's Baseline section.
pub fn run(args: &BaselineArgs) -> u8 {
    let mut check = Check::paths(&args.paths);
    if let Some(config) = &args.config {
        check = check.config(config);
    }
    let report = match check.run() {
        Ok(report) => report.into_report(),
        Err(error) => return report_error(&error),
    };
    if !report.internal_errors.is_empty() {
        for error in &report.internal_errors {
            eprintln!("internal error: {error}");
        }
        return EXIT_ERROR;
    }
    match write_baseline(args, &report) {
        Ok(message) => {
            eprintln!("{message}");
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_ERROR
        }
    }
}

fn write_baseline(args: &BaselineArgs, report: &Report) -> Result<String, String> {
    let path = file::location(&report.root, args.baseline.as_deref())?;
    let shown = shown(&path);
    let current = matching::current(report);
    let total = |entries: &[Entry]| entries.iter().map(|e| e.count).sum::<usize>();
    let (entries, message) = match file::read(&report.root, &path)? {
        None => {
            let n = total(&current);
            (
                current,
                format!("Wrote {} to {shown}.", plural(n, "finding")),
            )
        }
        Some(_) if args.update => {
            let n = total(&current);
            (
                current,
                format!("Rewrote {shown} with today's {}.", plural(n, "finding")),
            )
        }
        Some(old) if args.prune => {
            let kept = matching::prune(&old, &current);
            let dropped = total(&old) - total(&kept);
            let new = matching::new_findings(&old, &current);
            let mut message = format!("Dropped {} from {shown}.", plural(dropped, "fixed finding"));
            if new > 0 {
                message.push_str(&format!(
                    " Not added: {} that it does not list; fix them, or accept them with `structlint baseline --update`.",
                    plural(new, "finding")
                ));
            }
            (kept, message)
        }
        Some(_) => {
            return Err(format!(
                "{shown} exists. A baseline only shrinks: `structlint baseline --prune` drops the findings that are fixed, `--update` rewrites it with today's findings, new ones included."
            ));
        }
    };
    file::write(&path, entries)?;
    Ok(message)
}

/// What `check` does with the baseline: leaves out the findings it knows and tells on
/// stderr which entries are fixed. `whole` says the run covered the whole workspace: only
/// then is a finding that is gone fixed rather than not checked.
pub fn apply(report: &mut Report, explicit: Option<&Path>, whole: bool) -> Result<(), String> {
    let path = file::location(&report.root, explicit)?;
    let Some(baseline) = file::read(&report.root, &path)? else {
        return match explicit {
            Some(explicit) => Err(format!("--baseline {} does not exist", explicit.display())),
            None => Ok(()),
        };
    };
    let fixed = matching::apply(report, &baseline);
    if whole && !fixed.is_empty() {
        let n: usize = fixed.iter().map(|e| e.count).sum();
        let verb = if n == 1 { "is" } else { "are" };
        let mut text = format!(
            "{}: {} in the baseline {verb} fixed:\n",
            shown(&path),
            plural(n, "finding")
        );
        for entry in &fixed {
            let times = if entry.count > 1 {
                format!(" (x{})", entry.count)
            } else {
                String::new()
            };
            text.push_str(&format!(
                "  fixed: {} [{}] {}{times}\n",
                entry.path, entry.rule, entry.line
            ));
        }
        text.push_str(
            "Run `structlint baseline --prune` to drop them, so they cannot come back unnoticed.\n",
        );
        let _ = write!(io::stderr(), "{text}");
    }
    Ok(())
}

/// `path` relative to the current directory when under it, as the user would type it.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|c| std::fs::canonicalize(c).ok());
    let rel = cwd.as_deref().and_then(|c| path.strip_prefix(c).ok());
    rel.unwrap_or(path).display().to_string()
}
