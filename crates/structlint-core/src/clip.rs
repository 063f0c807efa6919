//! Bounds on what a prompt repeats from its input. A specifier, a path or a package name comes
//! from files a pull request controls; one import a megabyte long, repeated in a summary, a fix
//! step and a related label of every finding, must not turn into a report of gigabytes.

use std::borrow::Cow;

use crate::{Diagnostic, Text};

/// A run of characters without whitespace longer than this is cut: no real specifier, path or
/// name comes near it.
const MAX_WORD: usize = 300;
/// What is kept of a longer run, before the ellipsis.
const KEEP_WORD: usize = 240;
/// A text of a prompt longer than this, in characters, is cut.
const MAX_TEXT: usize = 8_000;

/// `text` with each run of more than 300 characters without whitespace cut to its first 240
/// and an ellipsis, and the whole cut at 8,000 characters; borrowed when nothing is cut.
pub fn clip(text: &str) -> Cow<'_, str> {
    let fits = text.len() <= MAX_WORD
        || text.chars().count() <= MAX_TEXT
            && text
                .split_whitespace()
                .all(|w| w.chars().count() <= MAX_WORD);
    if fits {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut kept = 0;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        // The next run: whitespace, or a word up to the next whitespace.
        let space = c.is_whitespace();
        let end = rest
            .find(|c: char| c.is_whitespace() != space)
            .unwrap_or(rest.len());
        let (run, after) = rest.split_at(end);
        rest = after;
        let chars = run.chars().count();
        let run: Cow<'_, str> = if !space && chars > MAX_WORD {
            let cut = run
                .char_indices()
                .nth(KEEP_WORD)
                .map_or(run.len(), |(i, _)| i);
            Cow::Owned(format!("{}…", &run[..cut]))
        } else {
            Cow::Borrowed(run)
        };
        let chars = run.chars().count();
        if kept + chars > MAX_TEXT {
            let room = MAX_TEXT.saturating_sub(kept);
            let cut = run.char_indices().nth(room).map_or(run.len(), |(i, _)| i);
            out.push_str(&run[..cut]);
            out.push('…');
            return Cow::Owned(out);
        }
        kept += chars;
        out.push_str(&run);
    }
    Cow::Owned(out)
}

impl Diagnostic {
    /// Clips the texts of the prompt (see [`clip`]). The replacement text of an edit is code,
    /// and is kept whole.
    pub fn clip_texts(&mut self) {
        fn fit(text: &mut String) {
            if let Cow::Owned(clipped) = clip(text) {
                *text = clipped;
            }
        }
        // A literal is ours and short; only text made from the input can need clipping.
        fn fit_text(text: &mut Text) {
            if let Text::Shared(shared) = text
                && let Cow::Owned(clipped) = clip(shared)
            {
                *text = Text::from(clipped);
            }
        }
        fit(&mut self.summary);
        if let Some(label) = &mut self.label {
            fit_text(label);
        }
        fit_text(&mut self.why);
        self.fix.iter_mut().for_each(fit_text);
        for related in &mut self.related {
            fit_text(&mut related.label);
        }
        if let Some(edit) = &mut self.edit {
            fit(&mut edit.description);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_and_long_texts_are_cut_with_an_ellipsis() {
        let short = "import `pkg/a` from src/a.ts";
        assert!(matches!(clip(short), Cow::Borrowed(_)));
        let specifier = format!("pkg/{}", "é".repeat(10_000));
        let text = format!("`{specifier}` in src/a.ts does not resolve");
        let clipped = clip(&text);
        assert!(clipped.starts_with("`pkg/éé"), "{clipped}");
        assert!(
            clipped.ends_with("… in src/a.ts does not resolve"),
            "{clipped}"
        );
        assert_eq!(
            clipped.chars().count(),
            KEEP_WORD + 1 + " in src/a.ts does not resolve".len()
        );
        let many = "word ".repeat(10_000);
        let clipped = clip(&many);
        assert_eq!(clipped.chars().count(), MAX_TEXT + 1);
        assert!(clipped.ends_with('…'));
        let fits = "a ".repeat(1_000);
        assert!(matches!(clip(&fits), Cow::Borrowed(_)));
    }
}
