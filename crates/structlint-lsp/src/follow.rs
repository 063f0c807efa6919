//! Workspace findings between two background runs. They were found in the text the last run
//! read; every edit of the document moves them, or makes them unknown. Shown unmoved, they sat
//! at shifted places (5:28 became 6:2 after a line was added above) until the next run.

use std::ops::Range;

use structlint_core::{Diagnostic, Span};

use crate::document::Change;

/// Moves the findings of one file through `change`. Places after the edit shift by the change
/// in length; a finding the edit touches (its place, or a related place or edit in the same
/// file) is held back until the next run says whether it still holds.
pub(crate) fn follow(found: &mut Vec<Diagnostic>, change: &Change) {
    match change {
        Change::Whole => found.clear(),
        Change::Replaced(range, inserted) => found.retain_mut(|d| moved(d, range, *inserted)),
    }
}

fn moved(d: &mut Diagnostic, range: &Range<usize>, inserted: usize) -> bool {
    let path = d.span.path.clone();
    let mut spans: Vec<&mut Span> = vec![&mut d.span];
    spans.extend(
        d.related
            .iter_mut()
            .map(|r| &mut r.span)
            .filter(|s| s.path == path),
    );
    if let Some(edit) = &mut d.edit {
        spans.extend(
            edit.replacements
                .iter_mut()
                .map(|r| &mut r.span)
                .filter(|s| s.path == path),
        );
    }
    if spans.iter().any(|s| touches(s, range)) {
        return false;
    }
    for span in spans {
        if span.start >= range.end {
            span.start = span.start - range.end + range.start + inserted;
            span.end = span.end - range.end + range.start + inserted;
        }
    }
    true
}

/// Whether the edit of `range` changes text inside `span`. Typing right before or right after
/// a span leaves it whole.
fn touches(span: &Span, range: &Range<usize>) -> bool {
    if range.is_empty() {
        span.start < range.start && range.start < span.end
    } else {
        range.start < span.end && span.start < range.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use structlint_core::{Language, SourceFile};

    fn finding(text: &str, at: &str) -> Diagnostic {
        let file = SourceFile::new(
            "a.ts".into(),
            "a.ts".into(),
            Language::TypeScript,
            text.into(),
        );
        let start = text.find(at).unwrap();
        Diagnostic::new(file.span(start..start + at.len()), "x")
    }

    #[test]
    fn findings_after_an_edit_move_and_touched_ones_wait() {
        let text = "import a from './a';\nimport b from './b';\n";
        let mut found = vec![finding(text, "'./a'"), finding(text, "'./b'")];
        // A line typed above both: each moves down by its length.
        follow(&mut found, &Change::Replaced(0..0, 3));
        assert_eq!(found[0].span.start, text.find("'./a'").unwrap() + 3);
        assert_eq!(found[1].span.start, text.find("'./b'").unwrap() + 3);
        // Typing inside the second specifier: it is held back, the first stays.
        let inside = found[1].span.start + 2;
        follow(&mut found, &Change::Replaced(inside..inside + 1, 4));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.start, text.find("'./a'").unwrap() + 3);
        // Deleting text before it moves it back; typing right after it leaves it.
        follow(&mut found, &Change::Replaced(0..3, 0));
        let end = found[0].span.end;
        follow(&mut found, &Change::Replaced(end..end, 1));
        assert_eq!(found[0].span.start, text.find("'./a'").unwrap());
        follow(&mut found, &Change::Whole);
        assert!(found.is_empty());
    }
}
