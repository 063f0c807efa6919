/// A position in a source file. Every field is 1-based, as people and SARIF count; the
/// language server subtracts one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    /// Column in Unicode scalar values (what a terminal shows and rustc reports).
    pub column: u32,
    /// Column in UTF-16 code units (what LSP clients and SARIF's `utf16CodeUnits` expect).
    pub column_utf16: u32,
}

/// Byte offsets of line starts, built once per file and shared by every conversion.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        LineIndex {
            starts,
            len: text.len() as u32,
        }
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

    /// Byte range of 1-based `line` without its line terminator (`\n` or `\r\n`).
    /// Lines past the end give an empty range at the end of the text.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len()..text.len();
        };
        let start = start as usize;
        let mut end = self
            .starts
            .get(line)
            .map_or(text.len(), |&next| next as usize - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// The position of byte `offset`. Offsets past the end clamp to the end; an offset inside
    /// a multi-byte character counts as that character's start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let prefix = &text[self.starts[line] as usize..offset];
        Position {
            line: line as u32 + 1,
            column: prefix.chars().count() as u32 + 1,
            column_utf16: prefix.chars().map(char::len_utf16).sum::<usize>() as u32 + 1,
        }
    }

    /// Byte offset of a 1-based line and 0-based character column, as `proc_macro2` reports
    /// them. Columns past the end of the line clamp to the line end.
    pub fn offset_of_char_column(&self, text: &str, line: usize, column: usize) -> usize {
        let range = self.line_range(text, line);
        let line_text = &text[range.clone()];
        line_text
            .char_indices()
            .nth(column)
            .map_or(range.end, |(i, _)| range.start + i)
    }

    /// Byte offset of a 0-based line and 0-based UTF-16 column, as LSP clients send them.
    /// `None` when the line does not exist; columns past the end clamp to the line end.
    pub fn offset_of_utf16(&self, text: &str, line: usize, column: usize) -> Option<usize> {
        if line >= self.starts.len() {
            return None;
        }
        let range = self.line_range(text, line + 1);
        let mut units = 0;
        for (i, ch) in text[range.clone()].char_indices() {
            if units >= column {
                return Some(range.start + i);
            }
            units += ch.len_utf16();
        }
        Some(range.end)
    }
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
