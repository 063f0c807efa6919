use std::fmt;
use std::ops::Range;
use std::path::Path;

use miette::{LabeledSpan, NamedSource, SourceCode};

/// A problem with the configuration or a rule file: exit code 2, shown with the offending
/// TOML line when there is one.
#[derive(Debug)]
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
