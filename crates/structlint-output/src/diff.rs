//! A machine-applicable edit shown as a unified diff, the form agents apply most reliably.

use structlint_core::Edit;

use crate::sources::Sources;

/// The edit as a unified diff against the file on disk (`display` is the path to print),
/// or `None` when the file changed since the check and the edit no longer fits.
pub(crate) fn unified_diff(
    edit: &Edit,
    sources: &mut Sources,
    display: impl Fn(&str) -> String,
) -> Option<String> {
    let mut out = String::new();
    for replacement in &edit.replacements {
        let span = &replacement.span;
        let text = sources.get(&span.path)?;
        if span.start > span.end
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return None;
        }
        let block_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        // A span that ends right after a newline ends on the line before it.
        let touched_end = if span.end > span.start && text.as_bytes()[span.end - 1] == b'\n' {
            span.end - 1
        } else {
            span.end
        };
        let block_end = text[touched_end..]
            .find('\n')
            .map_or(text.len(), |i| touched_end + i + 1);
        let old = &text[block_start..block_end];
        let new = format!(
            "{}{}{}",
            &text[block_start..span.start],
            replacement.text,
            &text[span.end..block_end]
        );
        // Counted once per file, not from the start of the file for each edit.
        let first_line = text.newlines_before(block_start) + 1;
        let old_lines: Vec<&str> = old.lines().collect();
        let new_lines: Vec<&str> = new.lines().collect();
        let path = display(&span.path);
        out.push_str(&format!("--- a/{path}\n+++ b/{path}\n"));
        let new_start = if new_lines.is_empty() {
            first_line - 1
        } else {
            first_line
        };
        out.push_str(&format!(
            "@@ -{first_line},{} +{new_start},{} @@\n",
            old_lines.len(),
            new_lines.len()
        ));
        old_lines
            .iter()
            .for_each(|l| out.push_str(&format!("-{l}\n")));
        new_lines
            .iter()
            .for_each(|l| out.push_str(&format!("+{l}\n")));
    }
    Some(out)
}
