//! JSON output. The schema is documented in `docs/json-format.md`; bump
//! [`JSON_SCHEMA_VERSION`] on any change that is not an addition.

use std::io;

use serde::{Serialize, Serializer};
use structlint_core::{Diagnostic, NoteKind, Position, Report};

use crate::OutputOptions;

pub const JSON_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    version: u32,
    tool: Tool,
    diagnostics: Diagnostics<'a>,
    notes: Vec<JsonNote<'a>>,
    internal_errors: &'a [String],
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    path: String,
    span: JsonSpan,
    summary: &'a str,
    label: Option<&'a str>,
    why: &'a str,
    fix: &'a [structlint_core::Text],
    related: Vec<JsonRelated<'a>>,
    edit: Option<JsonEdit<'a>>,
    docs: &'a str,
    suppressed: Option<JsonSuppression<'a>>,
}

#[derive(Serialize)]
struct JsonSpan {
    start: JsonPosition,
    end: JsonPosition,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonPosition {
    line: u32,
    column: u32,
    utf16_column: u32,
    offset: usize,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: String,
    span: JsonSpan,
    label: &'a str,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    description: &'a str,
    /// `safe` or `unsafe`: whether `check --fix` applies it without `--unsafe-fixes`.
    applicability: &'static str,
    replacements: Vec<JsonReplacement<'a>>,
}

#[derive(Serialize)]
struct JsonReplacement<'a> {
    path: String,
    span: JsonSpan,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonSuppression<'a> {
    justification: Option<&'a str>,
    line: u32,
}

#[derive(Serialize)]
struct JsonNote<'a> {
    path: String,
    kind: &'static str,
    message: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Summary {
    files: usize,
    bytes: u64,
    parsed: usize,
    skipped: usize,
    errors: usize,
    warnings: usize,
    suppressed: usize,
    baselined: usize,
    /// Findings not in `diagnostics` because of `--max-results`.
    left_out: usize,
}

/// Writes `report` as one JSON document (pretty-printed, with a trailing newline).
pub(crate) fn write(
    report: &Report,
    options: &OutputOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let shown = Shown { report, options };
    let document = Document {
        version: JSON_SCHEMA_VERSION,
        tool: Tool {
            name: "structlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        diagnostics: Diagnostics(shown),
        notes: report
            .notes
            .iter()
            .filter(|n| options.verbose || !n.is_verbose())
            .map(|n| JsonNote {
                path: shown.path(&n.path),
                kind: note_kind(n.kind),
                message: &n.message,
            })
            .collect(),
        internal_errors: &report.internal_errors,
        summary: Summary {
            files: report.stats.files,
            bytes: report.stats.bytes,
            parsed: report.stats.parsed,
            skipped: report.stats.skipped,
            errors: report.errors(),
            warnings: report.warnings(),
            suppressed: report.suppressed(),
            baselined: report.stats.baselined,
            left_out: options.left_out(report),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

#[derive(Clone, Copy)]
struct Shown<'a> {
    report: &'a Report,
    options: &'a OutputOptions,
}

/// The findings to show, each turned into its JSON shape only when it is written.
struct Diagnostics<'a>(Shown<'a>);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let shown = self.0;
        serializer.collect_seq(
            shown
                .options
                .shown(shown.report)
                .map(|d| shown.diagnostic(d)),
        )
    }
}

impl<'a> Shown<'a> {
    fn path(&self, p: &str) -> String {
        if p.is_empty() {
            String::new()
        } else {
            self.options.display_path(&self.report.root, p)
        }
    }

    fn diagnostic(&self, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            rule: &d.rule,
            severity: d.severity.as_str(),
            path: self.path(&d.span.path),
            span: span(&d.span),
            summary: &d.summary,
            label: d.label.as_deref(),
            why: &d.why,
            fix: &d.fix,
            related: d
                .related
                .iter()
                .map(|r| JsonRelated {
                    path: self.path(&r.span.path),
                    span: span(&r.span),
                    label: &r.label,
                })
                .collect(),
            edit: d.edit.as_ref().map(|e| JsonEdit {
                description: &e.description,
                applicability: e.applicability.as_str(),
                replacements: e
                    .replacements
                    .iter()
                    .map(|r| JsonReplacement {
                        path: self.path(&r.span.path),
                        span: span(&r.span),
                        text: &r.text,
                    })
                    .collect(),
            }),
            docs: &d.docs,
            suppressed: d.suppression.as_ref().map(|s| JsonSuppression {
                justification: s.justification.as_deref(),
                line: s.line,
            }),
        }
    }
}

fn span(s: &structlint_core::Span) -> JsonSpan {
    JsonSpan {
        start: position(&s.start_pos, s.start),
        end: position(&s.end_pos, s.end),
    }
}

fn position(p: &Position, offset: usize) -> JsonPosition {
    JsonPosition {
        line: p.line,
        column: p.column,
        utf16_column: p.column_utf16,
        offset,
    }
}

/// The `kind` of a note in JSON.
pub(crate) fn note_kind(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Skipped => "skipped",
        NoteKind::Walk => "walk",
        NoteKind::SyntaxErrors => "syntax-errors",
        NoteKind::SynRejected => "syn-rejected",
        NoteKind::Config => "config",
        NoteKind::RuleBudget => "rule-budget",
    }
}
