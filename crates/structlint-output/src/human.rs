//! Human output: one miette report per finding (snippet, labels, `help:` with why and the
//! numbered fix steps), then notes and a one-line summary.

use std::fmt::{self, Display};
use std::io;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use structlint_core::{Diagnostic, Report, Severity, Span};

use crate::OutputOptions;
use crate::snippet::{Snippet, clip_text};
use crate::sources::{Sources, first_line_range};
use structlint_core::plural;

/// Writes `report` for a person reading a terminal or a CI log.
pub(crate) fn write(
    report: &Report,
    options: &OutputOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::none()
    };
    let mut handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_context_lines(1);
    handler = match options.width {
        Some(width) => handler.with_width(width),
        None => handler.with_wrap_lines(false).with_width(usize::MAX / 4),
    };
    let mut sources = Sources::new(report);
    let mut text = String::new();
    for diagnostic in options.shown(report) {
        text.clear();
        let view = View::new(diagnostic, report, options, &mut sources);
        if handler.render_report(&mut text, &view).is_err() {
            // Only a formatter error gets here; keep the finding rather than lose it.
            text = format!(
                "{}[{}]: {}\n",
                diagnostic.severity.as_str(),
                diagnostic.rule,
                view.message
            );
        }
        text.push('\n');
        out.write_all(text.as_bytes())?;
    }
    for note in report
        .notes
        .iter()
        .filter(|n| options.verbose || !n.is_verbose())
    {
        let path = if note.path.is_empty() {
            String::new()
        } else {
            format!("{}: ", options.display_path(&report.root, &note.path))
        };
        writeln!(out, "note: {path}{}", note.message)?;
    }
    let left_out = options.left_out(report);
    if left_out > 0 {
        writeln!(
            out,
            "note: {} not shown (--max-results)",
            plural(left_out, "finding")
        )?;
    }
    out.write_all(summary_line(report, options).as_bytes())
}

fn summary_line(report: &Report, options: &OutputOptions) -> String {
    let files = plural(report.stats.files, "file");
    let warnings = if options.quiet { 0 } else { report.warnings() };
    let (errors, suppressed) = (report.errors(), report.suppressed());
    let mut parts = vec![plural(errors, "error")];
    if !options.quiet {
        parts.push(plural(warnings, "warning"));
    }
    if suppressed > 0 {
        parts.push(format!("{suppressed} suppressed"));
    }
    if report.stats.baselined > 0 {
        parts.push(format!("{} in the baseline", report.stats.baselined));
    }
    if report.stats.skipped > 0 {
        parts.push(format!("{} skipped", plural(report.stats.skipped, "file")));
    }
    if errors + warnings == 0 {
        let extra = if parts.len() > 2 {
            format!(" ({})", parts[2..].join(", "))
        } else {
            String::new()
        };
        format!("No problems found in {files}{extra}.\n")
    } else {
        format!("Found {} in {files}.\n", parts.join(", "))
    }
}

/// A finding as miette sees it: one snippet with the primary label. Related locations are
/// listed as `path:line:col  label` lines in `help:` instead of labels, because miette merges
/// every label of a file into one snippet that can run for hundreds of lines.
struct View {
    severity: Severity,
    code: String,
    message: String,
    help: String,
    source: Option<Snippet>,
    label: Option<LabeledSpan>,
}

impl View {
    fn new(
        d: &Diagnostic,
        report: &Report,
        options: &OutputOptions,
        sources: &mut Sources,
    ) -> View {
        let snippet = sources.get(&d.span.path).and_then(|source| {
            let (start, end) = first_line_range(&source, d.span.start, d.span.end)?;
            let name = options.display_path(&report.root, &d.span.path);
            let snippet = Snippet::in_file(name, &source, source.lines(), start..end, 1)?;
            let label = d.label.as_deref().map(clip_text);
            let label = LabeledSpan::new_primary_with_span(label, snippet.label());
            Some((snippet, label))
        });
        let (source, label) = snippet.unzip();
        let message = if source.is_some() {
            d.summary.clone()
        } else {
            format!("{} (at {})", d.summary, location(&d.span, report, options))
        };
        View {
            severity: d.severity,
            code: d.rule.to_string(),
            message,
            help: help(d, report, options),
            source,
            label,
        }
    }
}

fn location(span: &Span, report: &Report, options: &OutputOptions) -> String {
    let p = &span.start_pos;
    format!(
        "{}:{}:{}",
        options.display_path(&report.root, &span.path),
        p.line,
        p.column
    )
}

/// `help:` carries the why, the numbered fix steps, related locations, the edit, and where
/// the docs are.
fn help(d: &Diagnostic, report: &Report, options: &OutputOptions) -> String {
    let mut help = String::new();
    if !d.why.is_empty() {
        help.push_str(&format!("Why: {}\n", d.why));
    }
    if !d.fix.is_empty() {
        help.push_str(&format!("Fix:\n{}\n", indent(&d.numbered_fix())));
    }
    if !d.related.is_empty() {
        help.push_str("Related:\n");
        for related in &d.related {
            help.push_str(&format!(
                "  {}  {}\n",
                location(&related.span, report, options),
                related.label
            ));
        }
    }
    if let Some(edit) = &d.edit {
        help.push_str(&format!("Suggested edit: {}\n", edit.description));
    }
    if let Some(suppression) = &d.suppression {
        let why = suppression
            .justification
            .as_deref()
            .unwrap_or("no reason given");
        help.push_str(&format!(
            "Suppressed by the comment on line {}: {why}\n",
            suppression.line
        ));
    }
    help.push_str(&format!(
        "Docs: `structlint explain {}` ({})",
        d.rule, d.docs
    ));
    help
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl fmt::Debug for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Display for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for View {}

impl miette::Diagnostic for View {
    fn code<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        (!self.help.is_empty()).then(|| Box::new(&self.help) as Box<dyn Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = _>>)
    }
}
