//! A finding as a prompt snapshot shows it: place, summary, why, numbered fix.

/// A finding as `structlint test` shows and snapshots it.
pub(super) fn prompt(d: &structlint_core::Diagnostic) -> String {
    let at = d.span.start_pos;
    let mut prompt = format!("{}:{}: {}\n", at.line, at.column, d.summary);
    if !d.why.is_empty() {
        prompt.push_str(&format!("\nWhy: {}\n", d.why));
    }
    if !d.fix.is_empty() {
        prompt.push_str(&format!("\nFix:\n{}\n", d.numbered_fix()));
    }
    prompt.push('\n');
    prompt
}
