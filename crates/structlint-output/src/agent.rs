//! The agent format: Markdown for a coding agent with limited context. Counts and the order
//! of work first, then per file the findings with why, fix steps, related places and the
//! suggested edit as a diff. No colours, no decoration that costs tokens.

use std::collections::BTreeMap;
use std::io;

use structlint_core::{Diagnostic, Report, Severity, plural};

use crate::OutputOptions;
use crate::diff::unified_diff;
use crate::sources::Sources;

/// Writes `report` for an agent. Findings are grouped by file; files with errors come first,
/// then files with more findings (one edit there fixes several), then by path.
pub(crate) fn write(
    report: &Report,
    options: &OutputOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let display = |path: &str| options.display_path(&report.root, path);
    let shown: Vec<&Diagnostic> = options.shown(report).collect();
    let (errors, warnings) = shown.iter().fold((0, 0), |(e, w), d| match d.severity {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
    });
    write!(
        out,
        "# structlint: {}, {} in {}\n\n",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(report.stats.files, "file")
    )?;
    if shown.is_empty() {
        out.write_all(b"Nothing to fix.\n")?;
        return Ok(());
    }
    out.write_all(b"Fix errors first. Files with errors come first, then files with more findings: one edit there fixes several. The why of a rule is given at its first finding.\n")?;
    let mut files: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in &shown {
        files.entry(d.span.path.as_str()).or_default().push(d);
    }
    let mut files: Vec<(&str, Vec<&Diagnostic>)> = files.into_iter().collect();
    files.sort_by_key(|(path, ds)| {
        (
            !ds.iter().any(|d| d.severity == Severity::Error),
            std::cmp::Reverse(ds.len()),
            *path,
        )
    });
    let mut sources = Sources::new(report);
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut left_out: BTreeMap<&str, usize> = BTreeMap::new();
    let mut explained: Vec<&str> = Vec::new();
    for (path, mut ds) in files {
        ds.sort_by_key(|d| (d.severity, d.span.start_pos.line, d.span.start_pos.column));
        let mut section = String::new();
        for d in ds {
            let count = per_rule.entry(&d.rule).or_insert(0);
            *count += 1;
            if options.max_per_rule > 0 && *count > options.max_per_rule {
                *left_out.entry(&d.rule).or_insert(0) += 1;
                continue;
            }
            let why = !explained.contains(&d.rule.as_str());
            if why {
                explained.push(&d.rule);
            }
            section.push_str(&finding(d, why, &display, &mut sources));
        }
        if !section.is_empty() {
            write!(out, "\n## {}\n{section}", display(path))?;
        }
    }
    if !left_out.is_empty() {
        out.write_all(b"\n## Left out\n\n")?;
        for (rule, n) in left_out {
            let n = plural(n, "finding");
            writeln!(
                out,
                "- `{rule}`: {n} left out (at most {} per rule are shown)",
                options.max_per_rule
            )?;
        }
        out.write_all(b"\nRerun with `--max-per-rule 0` to see every finding, or `--format json` for all of them as data.\n")?;
    }
    Ok(())
}

fn finding(
    d: &Diagnostic,
    why: bool,
    display: &impl Fn(&str) -> String,
    sources: &mut Sources,
) -> String {
    let p = &d.span.start_pos;
    let mut s = format!(
        "\n### {} `{}` at {}:{}:{}\n\n{}\n",
        d.severity.as_str(),
        d.rule,
        display(&d.span.path),
        p.line,
        p.column,
        d.summary
    );
    if why && !d.why.is_empty() {
        s.push_str(&format!("\nWhy: {}\n", d.why));
    }
    if !d.fix.is_empty() {
        s.push_str(&format!("\nFix:\n{}\n", d.numbered_fix()));
    }
    if !d.related.is_empty() {
        s.push_str("\nRelated:\n");
        for r in &d.related {
            let p = &r.span.start_pos;
            s.push_str(&format!(
                "- {}:{}:{} {}\n",
                display(&r.span.path),
                p.line,
                p.column,
                r.label
            ));
        }
    }
    if let Some(edit) = &d.edit
        && let Some(diff) = unified_diff(edit, sources, display)
    {
        s.push_str(&format!(
            "\nSuggested edit ({}):\n```diff\n{diff}```\n",
            edit.description
        ));
    }
    if let Some(suppression) = &d.suppression {
        let why = suppression
            .justification
            .as_deref()
            .unwrap_or("no reason given");
        s.push_str(&format!(
            "\nSuppressed by the comment on line {}: {why}\n",
            suppression.line
        ));
    }
    s
}
