//! Open documents: their text as the editor has it, and positions in the encoding the client
//! negotiated (UTF-16 code units by default, or UTF-8 bytes).

use serde_json::{Value, json};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Document {
    pub text: String,
    pub version: i64,
}

impl Document {
    /// Applies one `contentChanges` entry: a whole new text, or a range replaced. Positions
    /// past a line's end or the document's end are clamped, never a panic. Returns what
    /// changed, in bytes of the text before, for findings that must follow the edit.
    pub fn apply(&mut self, change: &Value, encoding: Encoding) -> Change {
        let Some(text) = change["text"].as_str() else {
            return Change::Replaced(0..0, 0);
        };
        match change.get("range").filter(|r| r.is_object()) {
            None => {
                self.text = text.to_string();
                Change::Whole
            }
            Some(range) => {
                let start = offset(&self.text, &range["start"], encoding);
                let end = offset(&self.text, &range["end"], encoding).max(start);
                self.text.replace_range(start..end, text);
                Change::Replaced(start..end, text.len())
            }
        }
    }
}

/// One edit of a document: the byte range of the old text replaced and the length of what
/// replaced it, or the whole text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    Replaced(std::ops::Range<usize>, usize),
    Whole,
}

/// The byte offset of an LSP position in `text`.
pub(crate) fn offset(text: &str, position: &Value, encoding: Encoding) -> usize {
    let line = position["line"].as_u64().unwrap_or(0) as usize;
    let character = position["character"].as_u64().unwrap_or(0) as usize;
    let mut start = 0;
    for _ in 0..line {
        match next_line(text, start) {
            Some(next) => start = next,
            None => return text.len(),
        }
    }
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let line_text = &text[start..end];
    let mut units = 0;
    for (i, c) in line_text.char_indices() {
        if units >= character {
            return start + i;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
    }
    end
}

/// The LSP position of byte `offset` of `text`.
pub(crate) fn position(text: &str, offset: usize, encoding: Encoding) -> Value {
    let offset = offset.min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|&o| text.is_char_boundary(o))
        .unwrap_or(0);
    let (mut line, mut line_start) = (0, 0);
    while let Some(next) = next_line(text, line_start).filter(|&next| next <= offset) {
        (line, line_start) = (line + 1, next);
    }
    let character: usize = text[line_start..offset]
        .chars()
        .map(|c| match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        })
        .sum();
    json!({ "line": line, "character": character })
}

/// Where the line after the one starting at `start` starts: lines end at `\n`, `\r\n` or a
/// lone `\r`, as the protocol counts them.
fn next_line(text: &str, start: usize) -> Option<usize> {
    let at = start + text[start..].find(['\n', '\r'])?;
    Some(at + if text[at..].starts_with("\r\n") { 2 } else { 1 })
}

pub(crate) fn range(text: &str, start: usize, end: usize, encoding: Encoding) -> Value {
    json!({ "start": position(text, start, encoding), "end": position(text, end, encoding) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_use_the_negotiated_units_and_clamp() {
        let mut doc = Document {
            text: "a😀b\nline two\n".into(),
            version: 1,
        };
        let change = json!({ "range": { "start": { "line": 0, "character": 3 }, "end": { "line": 0, "character": 4 } }, "text": "B" });
        doc.apply(&change, Encoding::Utf16);
        assert_eq!(doc.text, "a😀B\nline two\n");
        doc.apply(&json!({ "range": { "start": { "line": 9, "character": 0 }, "end": { "line": 99, "character": 5 } }, "text": "end" }), Encoding::Utf16);
        assert_eq!(doc.text, "a😀B\nline two\nend");
        assert_eq!(
            position(&doc.text, 5, Encoding::Utf16),
            json!({ "line": 0, "character": 3 })
        );
        assert_eq!(
            position(&doc.text, 5, Encoding::Utf8),
            json!({ "line": 0, "character": 5 })
        );
        assert_eq!(
            offset(
                &doc.text,
                &json!({ "line": 1, "character": 400 }),
                Encoding::Utf8
            ),
            15
        );
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_the_protocol_says() {
        let text = "a\rbc\r\nd\ne";
        let at = text.find('c').unwrap();
        assert_eq!(
            position(text, at, Encoding::Utf16),
            json!({ "line": 1, "character": 1 })
        );
        let e = text.find('e').unwrap();
        assert_eq!(
            position(text, e, Encoding::Utf8),
            json!({ "line": 3, "character": 0 })
        );
        assert_eq!(
            offset(text, &json!({ "line": 1, "character": 1 }), Encoding::Utf16),
            at
        );
        assert_eq!(
            offset(text, &json!({ "line": 0, "character": 9 }), Encoding::Utf16),
            1
        );
        assert_eq!(
            offset(text, &json!({ "line": 3, "character": 0 }), Encoding::Utf16),
            e
        );
    }
}
