//! SARIF 2.1.0: one run, valid against the OASIS schema and shaped for GitHub code scanning.

use std::io;
use std::path::Path;

use serde::{Serialize, Serializer};
use serde_json::{Value, json};
use structlint_core::{Diagnostic, NoteKind, Report, RuleMeta, Severity, Span, is_url};

use crate::OutputOptions;
use crate::fingerprint::fingerprints;
use crate::sources::Sources;
use crate::uri::{percent_encode, relative_uri, repository_root};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of our own entry in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "structlint/v1";
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Writes `report` as a SARIF log. Paths are relative to the repository root (the nearest
/// directory with `.git` at or above the project root), with `%SRCROOT%` pointing at it.
pub(crate) fn write(
    report: &Report,
    options: &OutputOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let repo = repository_root(&report.root);
    let uri = |path: &str| relative_uri(&report.root, &repo, path);
    let mut sources = Sources::new(report);
    let shown: Vec<&Diagnostic> = options.shown(report).collect();
    let mut rules: Vec<(RuleMeta, Severity)> = report
        .rules
        .iter()
        .map(|r| (r.meta.clone(), r.severity))
        .collect();
    for d in &shown {
        if !rules.iter().any(|(m, _)| m.id == d.rule) {
            rules.push((
                RuleMeta {
                    docs: d.docs.clone(),
                    ..RuleMeta::named(&d.rule)
                },
                d.severity,
            ));
        }
    }
    let keys = fingerprints(&shown, &mut sources, uri);
    drop(sources);
    let run = Run {
        tool: json!({ "driver": {
            "name": "structlint",
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": REPOSITORY,
            "rules": rules.iter().map(|(meta, severity)| rule(meta, *severity)).collect::<Vec<_>>(),
        }}),
        column_kind: "utf16CodeUnits",
        // No `uri`: an absolute path of the checkout would leak into uploaded logs, and code
        // scanning resolves `%SRCROOT%` to the checkout itself.
        original_uri_base_ids: json!({ "%SRCROOT%": { "description": { "text": "The root of the repository that was checked." } } }),
        invocations: [invocation(report, options.left_out(report), &uri)],
        results: Results {
            shown: &shown,
            keys: &keys,
            rules: &rules,
            uri: &uri,
        },
    };
    write_log(&run, out)
}

/// A run, its fields in the order SARIF viewers and our snapshots expect.
#[derive(Serialize)]
#[serde(rename_all = "camelCase", bound = "")]
struct Run<'a, F: Fn(&str) -> String> {
    tool: Value,
    column_kind: &'static str,
    original_uri_base_ids: Value,
    invocations: [Value; 1],
    results: Results<'a, F>,
}

/// The results of a run, each built as a JSON value only while it is written.
struct Results<'a, F> {
    shown: &'a [&'a Diagnostic],
    keys: &'a [String],
    rules: &'a [(RuleMeta, Severity)],
    uri: &'a F,
}

impl<F: Fn(&str) -> String> Serialize for Results<'_, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.shown.iter().zip(self.keys).map(|(d, key)| {
            let index = self
                .rules
                .iter()
                .position(|(m, _)| m.id == d.rule)
                .unwrap_or(0);
            result(d, index, key, self.uri)
        }))
    }
}

/// A SARIF log for a run that could not start: a configuration error, located in the config
/// file when it has a place, so code scanning shows why there are no results.
pub fn sarif_config_error(message: &str, config: Option<(&Path, u32, u32)>) -> String {
    let mut notification = json!({ "level": "error", "message": { "text": message }, "descriptor": { "id": "config" } });
    if let Some((path, line, column)) = config {
        let uri = percent_encode(&path.to_string_lossy().replace('\\', "/"));
        notification["locations"] = json!([{ "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": { "startLine": line, "startColumn": column },
        }}]);
    }
    let run = json!({
        "tool": { "driver": { "name": "structlint", "semanticVersion": env!("CARGO_PKG_VERSION"), "informationUri": REPOSITORY, "rules": [] } },
        "invocations": [{ "executionSuccessful": false, "toolConfigurationNotifications": [notification] }],
        "results": [],
    });
    log(run)
}

fn log(run: Value) -> String {
    crate::to_string(|out| write_log(&run, out))
}

fn write_log(run: &impl Serialize, out: &mut dyn io::Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Log<'a, R> {
        #[serde(rename = "$schema")]
        schema: &'static str,
        version: &'static str,
        runs: [&'a R; 1],
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [run],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

fn rule(meta: &RuleMeta, severity: Severity) -> Value {
    let full = first_paragraph(&meta.documentation).unwrap_or_else(|| meta.summary.clone());
    let help = if meta.documentation.is_empty() {
        meta.summary.clone()
    } else {
        meta.documentation.clone()
    };
    let mut rule = json!({
        "id": meta.id,
        "name": meta.name,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": full },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": level(severity) },
        "properties": { "tags": meta.tags.iter().take(10).collect::<Vec<_>>(), "precision": meta.precision },
    });
    // A team rule's docs may be a path in the user's repository: no link beats a dead one.
    if is_url(&meta.docs) {
        rule["helpUri"] = json!(meta.docs);
    }
    rule
}

fn result(d: &Diagnostic, rule_index: usize, key: &str, uri: &impl Fn(&str) -> String) -> Value {
    let mut text = format!("{}.", d.summary.trim_end_matches('.'));
    if !d.fix.is_empty() {
        text.push_str(&format!("\nFix:\n{}", d.numbered_fix()));
    }
    let mut result = json!({
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [{ "physicalLocation": physical(&d.span, uri) }],
        "partialFingerprints": { FINGERPRINT_KEY: key },
    });
    if !d.related.is_empty() {
        result["relatedLocations"] = d
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| json!({ "id": i + 1, "physicalLocation": physical(&r.span, uri), "message": { "text": r.label } }))
            .collect();
    }
    if let Some(edit) = &d.edit {
        let changes: Vec<Value> = edit
            .replacements
            .iter()
            .map(|r| json!({
                "artifactLocation": artifact(&r.span.path, uri),
                "replacements": [{ "deletedRegion": region(&r.span), "insertedContent": { "text": r.text } }],
            }))
            .collect();
        result["fixes"] =
            json!([{ "description": { "text": edit.description }, "artifactChanges": changes }]);
    }
    if let Some(suppression) = &d.suppression {
        let mut s = json!({ "kind": "inSource" });
        if let Some(justification) = &suppression.justification {
            s["justification"] = json!(justification);
        }
        result["suppressions"] = json!([s]);
    }
    result
}

fn invocation(report: &Report, left_out: usize, uri: &impl Fn(&str) -> String) -> Value {
    let mut notifications: Vec<Value> = report
        .notes
        .iter()
        .map(|note| {
            let (level, id) = match note.kind {
                NoteKind::Skipped => ("warning", "skipped-file"),
                NoteKind::Walk => ("warning", "walk"),
                NoteKind::SyntaxErrors => ("note", "syntax-errors"),
                NoteKind::SynRejected => ("note", "syn-rejected"),
                NoteKind::Config => ("warning", "workspace-config"),
                NoteKind::RuleBudget => ("warning", "rule-budget"),
            };
            let mut n = json!({ "level": level, "message": { "text": note.message }, "descriptor": { "id": id } });
            if !note.path.is_empty() {
                n["locations"] = json!([{ "physicalLocation": { "artifactLocation": artifact(&note.path, uri) } }]);
            }
            n
        })
        .collect();
    if left_out > 0 {
        let text = format!("{left_out} more results were left out by --max-results");
        notifications.push(json!({ "level": "warning", "message": { "text": text }, "descriptor": { "id": "max-results" } }));
    }
    notifications.extend(report.internal_errors.iter().map(|e| {
        json!({ "level": "error", "message": { "text": e }, "descriptor": { "id": "internal-error" } })
    }));
    json!({ "executionSuccessful": report.internal_errors.is_empty(), "toolExecutionNotifications": notifications })
}

/// Where a finding is. An empty span (the end of a file, a blank line) becomes its whole
/// line: viewers draw nothing for a zero-width region.
fn physical(span: &Span, uri: &impl Fn(&str) -> String) -> Value {
    let region = if span.start == span.end {
        json!({ "startLine": span.start_pos.line })
    } else {
        region(span)
    };
    json!({ "artifactLocation": artifact(&span.path, uri), "region": region })
}

fn artifact(path: &str, uri: &impl Fn(&str) -> String) -> Value {
    json!({ "uri": uri(path), "uriBaseId": "%SRCROOT%" })
}

/// 1-based lines and UTF-16 columns; `endColumn` is exclusive.
fn region(span: &Span) -> Value {
    json!({
        "startLine": span.start_pos.line,
        "startColumn": span.start_pos.column_utf16,
        "endLine": span.end_pos.line,
        "endColumn": span.end_pos.column_utf16,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The first paragraph after the title of a rule's Markdown documentation.
fn first_paragraph(doc: &str) -> Option<String> {
    let body = doc
        .lines()
        .skip_while(|l| l.starts_with('#') || l.trim().is_empty());
    let paragraph: Vec<&str> = body.take_while(|l| !l.trim().is_empty()).collect();
    (!paragraph.is_empty()).then(|| paragraph.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_descriptions_come_from_the_docs() {
        assert_eq!(
            first_paragraph("# x\n\nFirst line\ncontinues.\n\n## Why\n").as_deref(),
            Some("First line continues.")
        );
    }
}
