//! structlint's findings in the protocol's terms: diagnostics, hovers and code actions.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Value, json};
use structlint_core::{Diagnostic, Severity, is_url};

use crate::document::{Encoding, range};
use crate::uri::path_to_uri;

/// The findings of a document as LSP diagnostics, positioned in `text` (the document they
/// were found in). Other files named by related locations are read once for the whole list.
pub(crate) fn diagnostics(
    found: &[Diagnostic],
    text: &str,
    root: &Path,
    encoding: Encoding,
) -> Vec<Value> {
    let mut others = HashMap::new();
    found
        .iter()
        .map(|d| diagnostic(d, text, root, encoding, &mut others))
        .collect()
}

fn diagnostic(
    d: &Diagnostic,
    text: &str,
    root: &Path,
    encoding: Encoding,
    others: &mut HashMap<String, String>,
) -> Value {
    let severity = match d.severity {
        Severity::Error => 1,
        Severity::Warning => 2,
    };
    let mut message = d.summary.clone();
    if !d.fix.is_empty() {
        message.push_str("\n\n");
        message.push_str(&d.numbered_fix());
    }
    let related: Vec<Value> = d
        .related
        .iter()
        .filter_map(|r| {
            let uri = path_to_uri(&root.join(&r.span.path))?;
            // Positions in another file come from its text on disk, as the check saw it.
            let text = if r.span.path == d.span.path {
                text
            } else {
                others.entry(r.span.path.to_string()).or_insert_with(|| structlint_core::read_inside(root, &r.span.path).unwrap_or_default())
            };
            Some(json!({ "location": { "uri": uri, "range": range(text, r.span.start, r.span.end, encoding) }, "message": r.label }))
        })
        .collect();
    let mut out = json!({
        "range": range(text, d.span.start, d.span.end, encoding),
        "severity": severity,
        "code": d.rule,
        "source": "structlint",
        "message": message,
        "relatedInformation": related,
    });
    if let Some(href) = docs_href(&d.docs, root) {
        out["codeDescription"] = json!({ "href": href });
    }
    out
}

/// A rule's documentation as a URL: the published page of a built-in rule, the file of a
/// TOML rule.
fn docs_href(docs: &str, root: &Path) -> Option<String> {
    if is_url(docs) {
        return Some(docs.to_string());
    }
    (!docs.is_empty())
        .then(|| path_to_uri(&root.join(docs)))
        .flatten()
}

/// The full prompt of a finding, for a hover.
pub(crate) fn hover_markdown(d: &Diagnostic) -> String {
    let mut md = format!("**structlint `{}`**: {}\n", d.rule, d.summary);
    if !d.why.is_empty() {
        md.push_str(&format!("\n**Why:** {}\n", d.why));
    }
    if !d.fix.is_empty() {
        md.push_str(&format!("\n**Fix:**\n\n{}\n", d.numbered_fix()));
    }
    if !d.docs.is_empty() {
        md.push_str(&format!(
            "\nDocs: `structlint explain {}` ({})\n",
            d.rule, d.docs
        ));
    }
    md
}

/// The quick fixes of a finding: its edit when it has one, and a suppression comment.
pub(crate) fn code_actions(
    d: &Diagnostic,
    uri: &str,
    text: &str,
    lsp_diagnostic: &Value,
    encoding: Encoding,
    snippets: bool,
) -> Vec<Value> {
    let mut actions = Vec::new();
    if let Some(edit) = &d.edit {
        let edits: Vec<Value> = edit.replacements.iter().map(|r| json!({ "range": range(text, r.span.start, r.span.end, encoding), "newText": r.text })).collect();
        actions.push(json!({
            "title": edit.description,
            "kind": "quickfix",
            "diagnostics": [lsp_diagnostic],
            "isPreferred": true,
            "edit": { "changes": { uri: edits } },
        }));
    }
    // A suppression comment cannot lift the size limit.
    if d.rule == crate::lint::TOO_LARGE {
        return actions;
    }
    let line_start = text[..d.span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent: String = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let at = range(text, line_start, line_start, encoding);
    let comment = |reason: &str| {
        format!(
            "{indent}// structlint-disable-next-line {} -- {reason}\n",
            d.rule
        )
    };
    // `<reason>` is no reason (the suppressions rule says so until it is replaced); a client
    // that applies snippets leaves the cursor on it instead.
    let edit = if snippets {
        let snippet = comment("${1:<reason>}");
        json!({ "documentChanges": [{ "textDocument": { "uri": uri, "version": null }, "edits": [{ "range": at, "snippet": { "kind": "snippet", "value": snippet } }] }] })
    } else {
        json!({ "changes": { uri: [{ "range": at, "newText": comment("<reason>") }] } })
    };
    actions.push(json!({
        "title": format!("Disable {} for this line", d.rule),
        "kind": "quickfix",
        "diagnostics": [lsp_diagnostic],
        "edit": edit,
    }));
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use structlint_core::{Language, SourceFile};

    #[test]
    fn the_disable_comment_is_a_snippet_where_the_client_applies_them() {
        let text = "  fetch(url);\n";
        let file = SourceFile::new(
            "a.ts".into(),
            "a.ts".into(),
            Language::TypeScript,
            text.into(),
        );
        let mut d = Diagnostic::new(file.span(2..7), "x");
        d.rule = "fetch-retry-timeout".into();
        let plain = code_actions(&d, "file:///a.ts", text, &json!({}), Encoding::Utf16, false);
        assert_eq!(
            plain[0]["edit"]["changes"]["file:///a.ts"][0]["newText"],
            "  // structlint-disable-next-line fetch-retry-timeout -- <reason>\n"
        );
        let snippet = code_actions(&d, "file:///a.ts", text, &json!({}), Encoding::Utf16, true);
        let edit = &snippet[0]["edit"]["documentChanges"][0]["edits"][0];
        assert_eq!(
            edit["snippet"]["value"],
            "  // structlint-disable-next-line fetch-retry-timeout -- ${1:<reason>}\n"
        );
        assert_eq!(edit["range"]["start"], json!({ "line": 0, "character": 0 }));
    }
}
