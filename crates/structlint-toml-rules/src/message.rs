//! `{{capture}}` interpolation in a rule's message and fix steps, and the texts of a rule
//! that every finding shares (its why, its example as a step).

use structlint_core::Text;

/// A text with `{{name}}` holes.
#[derive(Debug, Clone)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    Text(String),
    Hole(String),
}

impl Template {
    /// Parses `text`; an unclosed `{{` is kept as text.
    pub fn parse(text: &str) -> Template {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find("{{") {
            let Some(close) = rest[open + 2..].find("}}") else {
                break;
            };
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_string()));
            }
            parts.push(Part::Hole(
                rest[open + 2..open + 2 + close].trim().to_string(),
            ));
            rest = &rest[open + 2 + close + 2..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Template { parts }
    }

    /// The names of the holes, for validation.
    pub fn holes(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Hole(name) => Some(name.as_str()),
            Part::Text(_) => None,
        })
    }

    /// The text with each hole replaced by `value(name)`: the captured code on one line,
    /// shortened when long.
    pub fn render<'a>(&self, value: impl Fn(&str) -> Option<&'a str>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Hole(name) => out.push_str(&one_line(value(name).unwrap_or(""))),
            }
        }
        out
    }
}

/// Code as it reads inside a sentence: whitespace runs collapsed, at most 80 characters.
pub(crate) fn one_line(code: &str) -> String {
    let flat = code.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

/// Text wrapped in the TOML file, as paragraphs: single line breaks become spaces.
pub(crate) fn paragraphs(text: &str) -> String {
    text.trim()
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The rule's correct example as the last fix step of its findings.
pub(crate) fn example_step(example: &str) -> Text {
    let example = example.trim();
    if example.contains('\n') {
        format!("Correct code looks like:\n{example}").into()
    } else {
        format!("Correct code looks like: `{example}`").into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_are_found_and_filled() {
        let t = Template::parse("`{{ call }}` inside {{loop}} {{ unclosed");
        assert_eq!(t.holes().collect::<Vec<_>>(), ["call", "loop"]);
        let rendered = t.render(|n| {
            if n == "call" {
                Some("await\n   fetch(url)")
            } else {
                None
            }
        });
        assert_eq!(rendered, "`await fetch(url)` inside  {{ unclosed");
        assert_eq!(one_line(&"x".repeat(90)).chars().count(), 81);
    }
}
