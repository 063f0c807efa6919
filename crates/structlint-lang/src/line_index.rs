use serde::{Deserialize, Serialize};

/// A position in a source file. Every field is 1-based, as people and SARIF count; the
/// language server subtracts one.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Position {
    pub line: u32,
    /// Column in Unicode scalar values (what a terminal shows and rustc reports).
    pub column: u32,
    /// Column in UTF-16 code units (what LSP clients and SARIF's `utf16CodeUnits` expect).
    pub column_utf16: u32,
}

/// Byte offsets of line starts, built once per file and shared by every conversion.
///
/// A line ends at `\n`, `\r\n` or a lone `\r` (classic Mac files, as editors and the
/// language server protocol count them). A byte-order mark is not a column: the first
/// character after it is column 1.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Line starts after `\n` alone, as proc-macro2 numbers lines; only kept when a lone `\r`
    /// makes them differ from `starts`.
    newline_starts: Option<Vec<u32>>,
    /// Per line (of `starts`), where its first character that is not ASCII starts (its end
    /// when it has none); `None` when the whole text is ASCII. Before that point a column is
    /// a byte count, so converting it does not rescan the line: a file of one long line
    /// (minified, generated) stays linear however many positions are asked of it.
    non_ascii: Option<Vec<u32>>,
    len: u32,
    bom: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        let mut lone_cr = false;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\r' {
                if bytes.get(i + 1) == Some(&b'\n') {
                    continue;
                }
                lone_cr = true;
            }
            starts.push(i as u32 + 1);
        }
        let newline_starts = lone_cr.then(|| {
            let after = memchr::memchr_iter(b'\n', bytes).map(|i| i as u32 + 1);
            std::iter::once(0).chain(after).collect()
        });
        let bom = text.starts_with(BOM);
        let non_ascii = (!text.is_ascii()).then(|| {
            (0..starts.len())
                .map(|line| {
                    let start = if line == 0 && bom {
                        BOM.len()
                    } else {
                        starts[line] as usize
                    };
                    let end = starts.get(line + 1).map_or(bytes.len(), |&s| s as usize);
                    let line = &bytes[start..end];
                    let first = (!line.is_ascii())
                        .then(|| line.iter().position(|b| !b.is_ascii()))
                        .flatten();
                    first.map_or(end, |i| start + i) as u32
                })
                .collect()
        });
        LineIndex {
            starts,
            newline_starts,
            non_ascii,
            len: text.len() as u32,
            bom,
        }
    }

    /// Whether the characters of 0-based `line` (of `starts`) from its content start up to
    /// byte `end` are ASCII: then columns there are byte counts.
    fn ascii_until(&self, line: usize, end: usize) -> bool {
        self.non_ascii
            .as_ref()
            .is_none_or(|first| first.get(line).is_some_and(|&f| end <= f as usize))
    }

    /// Lines as an editor numbers them: a trailing newline does not open another line.
    pub fn line_count(&self) -> usize {
        let newlines = self.starts.len() - 1;
        let last_line_open = *self.starts.last().unwrap_or(&0) < self.len;
        newlines + usize::from(last_line_open)
    }

    /// 0-based line containing `offset` (clamped to the end of the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len as usize) as u32;
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of 1-based `line` without its line terminator (`\n`, `\r\n` or `\r`).
    /// Lines past the end give an empty range at the end of the text.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        range_of(&self.starts, text, line)
    }

    /// The position of byte `offset`. Offsets past the end clamp to the end; an offset inside
    /// a multi-byte character counts as that character's start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.content_start(line + 1, self.starts[line] as usize);
        if self.ascii_until(line, offset) {
            let column = offset.saturating_sub(start) as u32 + 1;
            return Position {
                line: line as u32 + 1,
                column,
                column_utf16: column,
            };
        }
        let prefix = &text[start.min(offset)..offset];
        Position {
            line: line as u32 + 1,
            column: prefix.chars().count() as u32 + 1,
            column_utf16: prefix.chars().map(char::len_utf16).sum::<usize>() as u32 + 1,
        }
    }

    /// Byte offset of a 1-based line and 0-based character column, as `proc_macro2` reports
    /// them. Columns past the end of the line clamp to the line end.
    pub fn offset_of_char_column(&self, text: &str, line: usize, column: usize) -> usize {
        let starts = self.newline_starts.as_deref().unwrap_or(&self.starts);
        let range = range_of(starts, text, line);
        // syn parses the text after the byte-order mark, so its columns start there.
        let start = self.content_start(line, range.start).min(range.end);
        let ascii = self.newline_starts.is_none() && line > 0;
        if ascii && start + column <= range.end && self.ascii_until(line - 1, start + column) {
            return start + column;
        }
        text[start..range.end]
            .char_indices()
            .nth(column)
            .map_or(range.end, |(i, _)| start + i)
    }

    /// Where the characters of 1-based `line`, starting at byte `start`, begin: after the
    /// byte-order mark on the first line.
    fn content_start(&self, line: usize, start: usize) -> usize {
        if line == 1 && self.bom {
            start.max(BOM.len())
        } else {
            start
        }
    }

    /// Byte offset of a 0-based line and 0-based UTF-16 column, as LSP clients send them.
    /// `None` when the line does not exist; columns past the end clamp to the line end.
    pub fn offset_of_utf16(&self, text: &str, line: usize, column: usize) -> Option<usize> {
        if line >= self.starts.len() {
            return None;
        }
        let range = self.line_range(text, line + 1);
        let start = self.content_start(line + 1, range.start).min(range.end);
        if start + column <= range.end && self.ascii_until(line, start + column) {
            return Some(start + column);
        }
        let mut units = 0;
        for (i, ch) in text[start..range.end].char_indices() {
            if units >= column {
                return Some(start + i);
            }
            units += ch.len_utf16();
        }
        Some(range.end)
    }
}

const BOM: &str = "\u{feff}";

/// Byte range of 1-based `line` under line starts `starts`, without its terminator.
fn range_of(starts: &[u32], text: &str, line: usize) -> std::ops::Range<usize> {
    let Some(&start) = starts.get(line.saturating_sub(1)) else {
        return text.len()..text.len();
    };
    let start = start as usize;
    let mut end = starts
        .get(line)
        .map_or(text.len(), |&next| next as usize - 1);
    if end > start && text.as_bytes()[end - 1] == b'\r' {
        end -= 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32, column_utf16: u32) -> Position {
        Position {
            line,
            column,
            column_utf16,
        }
    }

    #[test]
    fn counts_lines_like_an_editor() {
        assert_eq!(LineIndex::new("").line_count(), 0);
        assert_eq!(LineIndex::new("a").line_count(), 1);
        assert_eq!(LineIndex::new("a\n").line_count(), 1);
        assert_eq!(LineIndex::new("a\nb").line_count(), 2);
        assert_eq!(LineIndex::new("a\nb\n").line_count(), 2);
        assert_eq!(LineIndex::new("\n\n").line_count(), 2);
        assert_eq!(LineIndex::new("a\r\nb\r\n").line_count(), 2);
    }

    // Files saved with classic Mac line endings counted as one line.
    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "one\rtwo\r\nthree\r\rfive";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 5);
        let lines: Vec<&str> = (1..=5).map(|l| &text[index.line_range(text, l)]).collect();
        assert_eq!(lines, ["one", "two", "three", "", "five"]);
        assert_eq!(
            index.position(text, text.find("two").unwrap()),
            pos(2, 1, 1)
        );
        assert_eq!(
            index.position(text, text.find("five").unwrap()),
            pos(5, 1, 1)
        );
        assert_eq!(LineIndex::new("a\rb\r").line_count(), 2);
        // proc-macro2 counts `\n` alone: its line 2 is `three…`.
        assert_eq!(
            index.offset_of_char_column(text, 2, 1),
            text.find("hree").unwrap()
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), pos(1, 1, 1));
        assert_eq!(index.position(text, 3), pos(1, 1, 1));
        assert_eq!(index.position(text, 4), pos(1, 2, 2));
        assert_eq!(index.position(text, 7), pos(2, 2, 2));
        // syn parses after the mark: its column 1 of line 1 is `b`.
        assert_eq!(index.offset_of_char_column(text, 1, 1), 4);
        assert_eq!(index.offset_of_utf16(text, 0, 1), Some(4));
    }

    #[test]
    fn positions_in_ascii() {
        let text = "ab\ncd\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), pos(1, 1, 1));
        assert_eq!(index.position(text, 2), pos(1, 3, 3));
        assert_eq!(index.position(text, 3), pos(2, 1, 1));
        assert_eq!(index.position(text, 6), pos(3, 1, 1));
        assert_eq!(index.position(text, 600), pos(3, 1, 1));
    }

    #[test]
    fn columns_with_multibyte_emoji_and_astral_characters() {
        // é is 2 bytes / 1 UTF-16 unit; 😀 is 4 bytes / 2 units; 𝔸 is 4 bytes / 2 units.
        let text = "let é = \"😀𝔸\"; x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x), pos(1, 15, 17));
        let astral = text.find('𝔸').unwrap();
        assert_eq!(index.position(text, astral), pos(1, 11, 12));
        // An offset inside the emoji counts as the emoji's start.
        let emoji = text.find('😀').unwrap();
        assert_eq!(index.position(text, emoji + 2), pos(1, 10, 10));
    }

    // Columns before a line's first non-ASCII character are read from the index, the
    // others by counting: both must agree at the boundary.
    #[test]
    fn columns_before_and_after_the_first_non_ascii_character() {
        let text = "ab\u{e9}c\u{1f600}d\nplain\n\u{e9}\n";
        let index = LineIndex::new(text);
        let bytes: Vec<usize> = (0..7)
            .map(|c| index.offset_of_char_column(text, 1, c))
            .collect();
        assert_eq!(bytes, [0, 1, 2, 4, 5, 9, 10]);
        assert_eq!(index.offset_of_char_column(text, 2, 3), 14);
        assert_eq!(index.offset_of_utf16(text, 0, 4), Some(5));
        assert_eq!(index.offset_of_utf16(text, 0, 6), Some(9));
        assert_eq!(index.offset_of_utf16(text, 1, 5), Some(16));
    }

    #[test]
    fn columns_of_ascii_lines_and_of_the_others_agree_with_counting() {
        let text = "\u{feff}ab\r\né😀x\rplain line\n\nlast é";
        let index = LineIndex::new(text);
        for offset in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let p = index.position(text, offset);
            let start = index.line_range(text, p.line as usize).start;
            let start = index.content_start(p.line as usize, start).min(offset);
            let prefix = &text[start..offset];
            let utf16 = prefix.encode_utf16().count() as u32;
            assert_eq!(
                (p.column, p.column_utf16),
                (prefix.chars().count() as u32 + 1, utf16 + 1)
            );
        }
    }

    #[test]
    fn utf16_columns_round_trip_to_offsets() {
        let text = "a😀b\nc\n";
        let index = LineIndex::new(text);
        for offset in [0, 1, 5, 6, 7] {
            let p = index.position(text, offset);
            let back =
                index.offset_of_utf16(text, p.line as usize - 1, p.column_utf16 as usize - 1);
            assert_eq!(back, Some(offset), "offset {offset}");
        }
        assert_eq!(index.offset_of_utf16(text, 0, 99), Some(6));
        assert_eq!(index.offset_of_utf16(text, 9, 0), None);
    }

    #[test]
    fn char_columns_from_proc_macro2_map_to_bytes() {
        let text = "fn é() {}\nfn main() {}\n";
        let index = LineIndex::new(text);
        assert_eq!(index.offset_of_char_column(text, 1, 4), 5);
        assert_eq!(index.offset_of_char_column(text, 2, 3), 14);
        assert_eq!(index.offset_of_char_column(text, 2, 99), 23);
    }

    #[test]
    fn line_ranges_drop_the_terminator() {
        let text = "one\r\ntwo\nthree";
        let index = LineIndex::new(text);
        assert_eq!(&text[index.line_range(text, 1)], "one");
        assert_eq!(&text[index.line_range(text, 2)], "two");
        assert_eq!(&text[index.line_range(text, 3)], "three");
        assert_eq!(index.line_range(text, 9), text.len()..text.len());
    }
}
