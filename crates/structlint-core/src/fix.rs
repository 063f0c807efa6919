//! Applying the machine-applicable edits of one file in one pass: the core of `check --fix`,
//! shared with the tests that apply every edit a fixture offers.

use crate::diagnostic::Edit;

/// The outcome of applying edits to one file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEdits {
    pub text: String,
    /// Indexes (into the edits given) of the edits applied.
    pub applied: Vec<usize>,
    /// Edits left for the next round: they overlap an applied edit, so their offsets are
    /// only right against the text they were computed from.
    pub deferred: Vec<usize>,
}

/// Applies to `text` (the file `path`) every edit whose replacements all lie in this file,
/// fit the text, and overlap no edit applied before it (in the order given). An edit that
/// touches other files or does not fit is neither applied nor deferred: the re-check reports
/// its finding again.
pub fn apply_edits(path: &str, text: &str, edits: &[&Edit]) -> FileEdits {
    let fits = |s: usize, e: usize| {
        s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let mut taken: Vec<(usize, usize, &str)> = Vec::new();
    let mut applied = Vec::new();
    let mut deferred = Vec::new();
    for (i, edit) in edits.iter().enumerate() {
        let ranges: Vec<(usize, usize, &str)> = edit
            .replacements
            .iter()
            .map(|r| (r.span.start, r.span.end, r.text.as_str()))
            .collect();
        let usable = !ranges.is_empty()
            && edit.replacements.iter().all(|r| r.span.path == path)
            && ranges.iter().all(|&(s, e, _)| fits(s, e));
        if !usable {
            continue;
        }
        // Ranges that share bytes conflict; so do two that start at one offset (an insertion
        // there): which text goes first would be a guess.
        let overlaps = |a: &(usize, usize, &str), b: &(usize, usize, &str)| {
            (a.0 < b.1 && b.0 < a.1) || a.0 == b.0
        };
        let clash = ranges.iter().enumerate().any(|(j, a)| {
            ranges[j + 1..].iter().any(|b| overlaps(a, b)) || taken.iter().any(|b| overlaps(a, b))
        });
        if clash {
            deferred.push(i);
        } else {
            taken.extend(ranges);
            applied.push(i);
        }
    }
    taken.sort_by_key(|&(s, e, _)| (s, e));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e, new) in taken {
        out.push_str(&text[at..s]);
        out.push_str(new);
        at = e;
    }
    out.push_str(&text[at..]);
    FileEdits {
        text: out,
        applied,
        deferred,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Position, Replacement, Span};

    fn edit(path: &str, ranges: &[(usize, usize, &str)]) -> Edit {
        let p = Position {
            line: 1,
            column: 1,
            column_utf16: 1,
        };
        Edit {
            description: String::new(),
            replacements: ranges
                .iter()
                .map(|&(start, end, text)| Replacement {
                    span: Span {
                        path: path.to_string().into(),
                        start,
                        end,
                        start_pos: p,
                        end_pos: p,
                    },
                    text: text.into(),
                })
                .collect(),
            applicability: Applicability::Safe,
        }
    }

    #[test]
    fn applies_disjoint_edits_and_defers_overlapping_ones() {
        let a = edit("f.ts", &[(0, 3, "xyz")]);
        let b = edit("f.ts", &[(2, 5, "!")]);
        let c = edit("f.ts", &[(6, 7, "")]);
        let got = apply_edits("f.ts", "abcdefgh", &[&a, &b, &c]);
        assert_eq!(got.text, "xyzdefh");
        assert_eq!(got.applied, [0, 2]);
        assert_eq!(got.deferred, [1]);
    }

    #[test]
    fn ignores_edits_of_other_files_and_edits_that_do_not_fit() {
        let other = edit("g.ts", &[(0, 1, "z")]);
        let past = edit("f.ts", &[(2, 9, "z")]);
        let inside_char = edit("f.ts", &[(1, 2, "z")]);
        let got = apply_edits("f.ts", "é!", &[&other, &past, &inside_char]);
        assert_eq!(got.text, "é!");
        assert!(got.applied.is_empty() && got.deferred.is_empty());
    }

    #[test]
    fn two_insertions_at_one_offset_conflict() {
        let a = edit("f.ts", &[(1, 1, "x")]);
        let b = edit("f.ts", &[(1, 1, "y")]);
        let got = apply_edits("f.ts", "ab", &[&a, &b]);
        assert_eq!(got.text, "axb");
        assert_eq!(got.deferred, [1]);
    }
}
