//! Snippets miette can draw whatever the source. miette pads with `{:width$}`, and a width
//! over 65,535 panics: a label past that column (one line of minified JavaScript) crashed the
//! human output and config errors. A snippet holds only the lines around its label, each cut
//! to a window of at most [`MAX_LINE`] characters, with the line numbers of the file.

use std::fmt::{self, Display};
use std::ops::Range;

use miette::{
    Diagnostic, LabeledSpan, MietteError, MietteSpanContents, Severity, SourceCode, SourceSpan,
    SpanContents,
};
use structlint_core::LineIndex;

/// Lines longer than this many characters are cut; a line that long is not read anyway.
pub(crate) const MAX_LINE: usize = 500;
/// How much of a cut line is kept before its label, in characters.
const BEFORE_LABEL: usize = 100;
const CUT: &str = "…";

/// The lines around a label, cut to fit.
pub(crate) struct Snippet {
    name: Option<String>,
    text: String,
    /// 0-based line number of the snippet's first line in the file.
    first_line: usize,
    label_line: usize,
    label: Range<usize>,
    /// Bytes of the label's line cut before the window, for the `[file:line:col]` header.
    cut_before: usize,
}

impl Snippet {
    /// The snippet of `source` around the label at `span` (absolute offsets), with
    /// `context` lines on either side; `None` when the source cannot be read there.
    pub fn new(source: &dyn SourceCode, span: Range<usize>, context: usize) -> Option<Snippet> {
        let contents = source
            .read_span(&span.clone().into(), context, context)
            .ok()?;
        Snippet::of(&*contents, span)
    }

    /// [`Snippet::new`] for the file `text` named `name`, whose line index is `lines`. miette
    /// finds the lines of a span by counting them from the start of its source, which made the
    /// snippets of a file's findings take time in their number times its size: miette is given
    /// only the lines around the span.
    pub fn in_file(
        name: String,
        text: &str,
        lines: &LineIndex,
        span: Range<usize>,
        context: usize,
    ) -> Option<Snippet> {
        let first = lines.line_of(span.start).saturating_sub(context);
        // One line more than miette reads, so that it stops where it would in the whole text.
        let after = lines.line_of(span.end) + context + 2;
        let start = lines.line_range(text, first + 1).start;
        let end = lines.line_range(text, after + 1).start;
        let span = span.start.checked_sub(start)?..span.end.checked_sub(start)?;
        let window = text.get(start..end)?;
        let contents = window
            .read_span(&span.clone().into(), context, context)
            .ok()?;
        let mut snippet = Snippet::of(&*contents, span)?;
        snippet.name = Some(name);
        snippet.first_line += first;
        Some(snippet)
    }

    /// The snippet of `contents`, read around `span`.
    fn of(contents: &dyn SpanContents<'_>, span: Range<usize>) -> Option<Snippet> {
        let data = std::str::from_utf8(contents.data()).ok()?;
        let base = contents.span().offset();
        let start = floor_boundary(data, span.start.checked_sub(base)?);
        let end = floor_boundary(data, span.end.saturating_sub(base)).max(start);
        let mut text = String::new();
        let mut found = None;
        for (i, (line_start, line, terminator)) in lines(data).enumerate() {
            let line_end = line_start + line.len();
            let on_label = found.is_none() && (line_start..=line_end).contains(&start);
            let at = if on_label { start - line_start } else { 0 };
            let (from, to) = window(line, at);
            let prefix = if from > 0 { CUT } else { "" };
            if on_label {
                // Byte `x >= from` of the line is at `shown + x - from` of the snippet.
                let shown = text.len() + prefix.len();
                let last = (end - line_start).min(to);
                let label = shown + at - from..shown + last - from;
                found = Some((i, label, from.saturating_sub(prefix.len())));
            }
            text.push_str(prefix);
            text.push_str(&line[from..to]);
            if to < line.len() {
                text.push_str(CUT);
            }
            text.push_str(terminator);
        }
        let (label_line, label, cut_before) = found.unwrap_or_else(|| {
            let lines = text.matches('\n').count();
            (lines, text.len()..text.len(), 0)
        });
        Some(Snippet {
            name: contents.name().map(str::to_string),
            text,
            first_line: contents.line(),
            label_line,
            label,
            cut_before,
        })
    }

    /// Where the label is in the snippet.
    pub fn label(&self) -> Range<usize> {
        self.label.clone()
    }
}

/// `at`, or the start of the character it falls in.
fn floor_boundary(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The lines of `text` with their offsets and terminators (`\n`, `\r\n` or a lone `\r`, as
/// miette counts them); every terminator is written back as `\n`.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str, &'static str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = &text[start..];
        let (line, skip, terminator) = match rest.find(['\n', '\r']) {
            Some(i) if rest[i..].starts_with("\r\n") => (&rest[..i], i + 2, "\n"),
            Some(i) => (&rest[..i], i + 1, "\n"),
            None => (rest, rest.len(), ""),
        };
        let item = (start, line, terminator);
        start += skip;
        Some(item)
    })
}

/// The byte range of `line` to show so that byte `at` is in it: the whole line when it is
/// short, else [`MAX_LINE`] characters from a little before `at`.
fn window(line: &str, at: usize) -> (usize, usize) {
    if line.chars().count() <= MAX_LINE {
        return (0, line.len());
    }
    let before = line[..at].char_indices().rev().nth(BEFORE_LABEL - 1);
    let from = before.map_or(0, |(i, _)| i);
    let to = line[from..]
        .char_indices()
        .nth(MAX_LINE)
        .map_or(line.len(), |(i, _)| from + i);
    (from, to)
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let mut column = inner.column();
        if (before, after) == (0, 0) && inner.line() == self.label_line {
            column += self.cut_before;
        }
        let (data, span) = (inner.data(), *inner.span());
        let (line, lines) = (self.first_line + inner.line(), inner.line_count());
        Ok(Box::new(match &self.name {
            Some(name) => {
                MietteSpanContents::new_named(name.clone(), data, span, line, column, lines)
            }
            None => MietteSpanContents::new(data, span, line, column, lines),
        }))
    }
}

/// A diagnostic shown through a [`Snippet`] of its first label: what a config error is
/// rendered as, since its TOML can hold a line of any length.
pub struct Clipped<'a> {
    inner: &'a dyn Diagnostic,
    snippet: Option<(Snippet, LabeledSpan)>,
}

impl<'a> Clipped<'a> {
    pub fn new(inner: &'a dyn Diagnostic) -> Clipped<'a> {
        let snippet = inner.source_code().and_then(|source| {
            let label = inner.labels()?.next()?;
            let span = label.offset()..label.offset() + label.len();
            let snippet = Snippet::new(source, span, 1)?;
            let text = label.label().map(clip_text);
            let labeled = if label.primary() {
                LabeledSpan::new_primary_with_span(text, snippet.label())
            } else {
                LabeledSpan::new_with_span(text, snippet.label())
            };
            Some((snippet, labeled))
        });
        Clipped { inner, snippet }
    }
}

/// `text` cut to [`MAX_LINE`] characters.
pub(crate) fn clip_text(text: &str) -> String {
    match text.char_indices().nth(MAX_LINE) {
        Some((i, _)) => format!("{}{CUT}", &text[..i]),
        None => text.to_string(),
    }
}

impl Display for Clipped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Display::fmt(self.inner, f)
    }
}

impl fmt::Debug for Clipped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Display::fmt(self.inner, f)
    }
}

impl std::error::Error for Clipped<'_> {}

impl Diagnostic for Clipped<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn Display + 'b>> {
        self.inner.code()
    }

    fn severity(&self) -> Option<Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn Display + 'b>> {
        self.inner.help()
    }

    fn url<'b>(&'b self) -> Option<Box<dyn Display + 'b>> {
        self.inner.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.as_ref().map(|(s, _)| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, label) = self.snippet.as_ref()?;
        Some(Box::new(std::iter::once(label.clone())))
    }
}

#[cfg(test)]
mod tests {
    use miette::NamedSource;

    use super::*;

    fn shown(snippet: &Snippet) -> &str {
        &snippet.text[snippet.label()]
    }

    #[test]
    fn short_lines_are_kept_whole_with_their_line_numbers() {
        let text = "one\ntwo\nthree x\nfour\nfive\n";
        let at = text.find('x').unwrap();
        let snippet =
            Snippet::new(&NamedSource::new("f", text.to_string()), at..at + 1, 1).unwrap();
        assert_eq!(snippet.text, "two\nthree x\nfour\n");
        assert_eq!((snippet.first_line, snippet.label_line), (1, 1));
        assert_eq!(shown(&snippet), "x");
        let header = snippet.read_span(&snippet.label().into(), 0, 0).unwrap();
        assert_eq!((header.line(), header.column()), (2, 6));
        assert_eq!(header.name(), Some("f"));
    }

    #[test]
    fn long_lines_are_cut_to_a_window_around_the_label() {
        let line = format!("{}target{}", "a".repeat(100_000), "é".repeat(100_000));
        let text = format!("{line}\n{line}\rlast");
        let at = line.find("target").unwrap();
        let start = line.len() + 1 + at;
        let snippet = Snippet::new(&text.as_str(), start..start + 6, 1).unwrap();
        let lines: Vec<&str> = snippet.text.lines().collect();
        assert_eq!(lines.len(), 3, "a lone CR ends a line");
        assert_eq!(lines[0], format!("{}{CUT}", "a".repeat(MAX_LINE)));
        assert_eq!(lines[2], "last");
        assert_eq!(shown(&snippet), "target");
        assert_eq!(
            lines[1],
            format!("{CUT}{}target{}{CUT}", "a".repeat(100), "é".repeat(394))
        );
        let header = snippet.read_span(&snippet.label().into(), 0, 0).unwrap();
        assert_eq!(
            (header.line(), header.column()),
            (1, at),
            "the column of the file"
        );
        assert_eq!(header.name(), None);
    }

    #[test]
    fn a_snippet_of_a_file_is_the_one_miette_reads_from_the_whole_text() {
        let long = "é".repeat(MAX_LINE + 3);
        let text = format!("a\r\nbc\rd\n\n{long}\r\n\ref\n\rg\r\n");
        let lines = LineIndex::new(&text);
        let whole = NamedSource::new("f", text.clone());
        for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in [start, (start + 2).min(text.len())] {
                let a = Snippet::new(&whole, start..end, 1).unwrap();
                let b = Snippet::in_file("f".into(), &text, &lines, start..end, 1).unwrap();
                let fields = |s: &Snippet| {
                    let (n, t) = (s.name.clone(), s.text.clone());
                    (n, t, s.first_line, s.label_line, s.label(), s.cut_before)
                };
                assert_eq!(fields(&a), fields(&b), "{start}..{end}");
            }
        }
    }

    #[test]
    fn labels_at_the_end_or_inside_a_character_do_not_panic() {
        let text = "é\n";
        for span in [2..2, 3..3, 1..2] {
            let snippet = Snippet::new(&text, span.clone(), 1).unwrap();
            assert!(snippet.text.get(snippet.label()).is_some(), "{span:?}");
        }
        assert_eq!(
            clip_text(&"x".repeat(MAX_LINE + 5)).chars().count(),
            MAX_LINE + 1
        );
    }
}
