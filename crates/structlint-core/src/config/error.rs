use std::fmt;
use std::ops::Range;
use std::path::Path;

use miette::{LabeledSpan, NamedSource, SourceCode};

/// A problem with the configuration or a rule file: exit code 2, shown with the offending
/// TOML line when there is one.
pub struct ConfigError {
    pub message: String,
    pub help: Option<String>,
    pub label: Option<(Range<usize>, String)>,
    pub source: Option<Box<NamedSource<String>>>,
}

impl ConfigError {
    /// An error without a place in a file (an unreadable file, a bad command-line value).
    pub fn plain(message: impl Into<String>) -> ConfigError {
        ConfigError {
            message: message.into(),
            help: None,
            label: None,
            source: None,
        }
    }

    /// An error at `span` of the TOML file `path` whose text is `text`.
    pub fn at(
        path: &Path,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> ConfigError {
        let span = clamp(text, span);
        ConfigError {
            message: message.into(),
            help: None,
            label: Some((span, label.into())),
            source: Some(Box::new(NamedSource::new(
                path.display().to_string(),
                text.to_string(),
            ))),
        }
    }

    /// A `toml` parse or deserialisation error, placed where `toml` says it is.
    pub fn from_toml(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
        let message = error.message().trim_end().to_string();
        match error.span() {
            Some(span) => ConfigError::at(path, text, span, message.clone(), "here"),
            None => ConfigError::plain(format!("{}: {message}", path.display())),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> ConfigError {
        self.help = Some(help.into());
        self
    }
}

fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let end = span.end.min(text.len());
    span.start.min(end)..end
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// `{:?}` is what a failing `#[test]` prints (an `Err` returned from the test, `expect`,
/// `unwrap`): the report the CLI prints (file, line, caret, message, help), not the fields.
impl fmt::Debug for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // miette panics on a label past column 65,535; the CLI clips such lines, this says
        // where the error is instead.
        if self.label_line_len() <= LONGEST_SHOWN_LINE {
            let handler =
                miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::none())
                    .with_links(false);
            let mut text = String::new();
            if handler.render_report(&mut text, self).is_ok() {
                return f.write_str(text.trim_end());
            }
        }
        write!(f, "error: {}", self.message)?;
        if let (Some(source), Some((span, label))) = (&self.source, &self.label)
            && let Some(before) = source.inner().get(..span.start)
        {
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            write!(f, "\n  at {}:{line}:{column}: {label}", source.name())?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Lines longer than this are not drawn with a caret under them.
const LONGEST_SHOWN_LINE: usize = 1_000;

impl ConfigError {
    fn label_line_len(&self) -> usize {
        let (Some(source), Some((span, _))) = (&self.source, &self.label) else {
            return 0;
        };
        let text = source.inner();
        let (Some(before), Some(after)) = (text.get(..span.start), text.get(span.start..)) else {
            return usize::MAX;
        };
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let end = after.find('\n').map_or(text.len(), |i| span.start + i);
        end - start
    }
}

impl std::error::Error for ConfigError {}

impl miette::Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("structlint::config"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_deref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (span, label) = self.label.as_ref()?;
        let labeled = LabeledSpan::new_with_span(Some(label.clone()), span.clone());
        Some(Box::new(std::iter::once(labeled)))
    }
}

/// The candidate closest to `name` by edit distance, if it is close enough to be a typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // The distance takes time in the product of the lengths: two rule ids of 100,000
    // characters (one in a rule file, one in a suppression comment) took minutes. Nobody
    // mistypes a name that long.
    if name.len() > MAX_SUGGESTED {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| c.len() <= MAX_SUGGESTED)
        .map(|c| (edit_distance(name, c), c))
        .filter(|&(d, c)| d <= (c.len().max(name.len()) / 2).max(2))
        .min()
        .map(|(_, c)| c)
}

/// The longest name, in bytes, that [`closest`] suggests for or suggests.
const MAX_SUGGESTED: usize = 256;

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let ids = ["max-file-lines", "suppressions"];
        assert_eq!(closest("max-lines", ids), Some("max-file-lines"));
        assert_eq!(closest("max-file-line", ids), Some("max-file-lines"));
        assert_eq!(closest("supressions", ids), Some("suppressions"));
        assert_eq!(closest("layers", ids), None);
    }

    #[test]
    fn spans_are_clamped_to_the_text() {
        let e = ConfigError::at(Path::new("x.toml"), "abc", 1..99, "m", "l");
        assert_eq!(e.label.unwrap().0, 1..3);
    }
}
