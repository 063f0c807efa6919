//! The diagnostic model: a finding is a prompt that says what is wrong, why, and how to fix it.

use std::cmp::Ordering;

pub use structlint_lang::Position;

use crate::Text;

/// How bad a finding is. `Error` fails `structlint check`; `Warning` does not (unless
/// `--max-warnings` is exceeded).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A range of a source file: byte offsets plus the resolved start and end positions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// Path relative to the project root, `/`-separated; shared by the spans of one file.
    pub path: Text,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    pub start_pos: Position,
    pub end_pos: Position,
}

/// Another place the reader should look at: the canonical code, the other end of an edge.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Related {
    pub span: Span,
    pub label: Text,
}

/// One text replacement of a machine-applicable fix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Replacement {
    pub span: Span,
    pub text: String,
}

/// Whether `structlint check --fix` may apply an edit unasked (as ruff's `Applicability`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Applicability {
    /// Cannot change what the code does, and the rule checked that it is right.
    Safe,
    /// Probably right, but it changes behaviour or rests on a guess: only with
    /// `--unsafe-fixes`, and a person should review it.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// A fix that a tool can apply without judgement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Edit {
    /// What applying it does, e.g. "Delete the unused suppression".
    pub description: String,
    pub replacements: Vec<Replacement>,
    pub applicability: Applicability,
}

/// An in-source suppression that covers a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Suppression {
    /// The reason given after `--`, if any.
    pub justification: Option<String>,
    /// 1-based line of the suppression comment.
    pub line: u32,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Stable rule id, e.g. `max-file-lines`. Set by the engine from the rule that ran.
    pub rule: Text,
    pub severity: Severity,
    pub span: Span,
    /// One specific line naming the things involved.
    pub summary: String,
    /// A few words shown at the primary span in snippets ("line 351 is past the limit").
    pub label: Option<Text>,
    /// The principle behind the rule, in one or two sentences.
    pub why: Text,
    /// Concrete steps, in order; rendered as a numbered list.
    pub fix: Vec<Text>,
    pub related: Vec<Related>,
    /// Boxed, as `suppression` is: most findings have neither, and thousands are kept.
    pub edit: Option<Box<Edit>>,
    /// Where the rule's documentation lives (a path in this repository or a URL).
    pub docs: Text,
    /// Set when an in-source comment suppresses this finding.
    pub suppression: Option<Box<Suppression>>,
    /// The most severe this finding may be, whatever the rule's level: a rule reports its
    /// weaker findings (a near-duplicate beside exact duplicates) as warnings.
    pub cap: Option<Severity>,
}

impl Diagnostic {
    /// A diagnostic at `span`. The engine fills in the rule id, severity and docs of the rule
    /// that reported it, so rules do not repeat their own configuration.
    pub fn new(span: Span, summary: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule: Text::default(),
            severity: Severity::Error,
            span,
            summary: summary.into(),
            label: None,
            why: Text::default(),
            fix: Vec::new(),
            related: Vec::new(),
            edit: None,
            docs: Text::default(),
            suppression: None,
            cap: None,
        }
    }

    /// Never more severe than `severity`, whatever the rule's configured level.
    pub fn at_most(mut self, severity: Severity) -> Self {
        self.cap = Some(severity);
        self
    }

    pub fn label(mut self, label: impl Into<Text>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// A literal is kept as it is, never copied per finding.
    pub fn why(mut self, why: impl Into<Text>) -> Self {
        self.why = why.into();
        self
    }

    // A finding's lists hold a handful and are kept until the report is written; a list
    // pushed to once would hold room for four (for `related`, 350 bytes a finding).
    pub fn step(mut self, step: impl Into<Text>) -> Self {
        self.fix.reserve_exact(1);
        self.fix.push(step.into());
        self
    }

    /// The steps, in order, after those already given.
    pub fn steps(mut self, steps: impl ExactSizeIterator<Item = Text>) -> Self {
        self.fix.reserve_exact(steps.len());
        self.fix.extend(steps);
        self
    }

    pub fn related(mut self, span: Span, label: impl Into<Text>) -> Self {
        self.related.reserve_exact(1);
        self.related.push(Related {
            span,
            label: label.into(),
        });
        self
    }

    pub fn edit(mut self, edit: Edit) -> Self {
        self.edit = Some(Box::new(edit));
        self
    }

    pub fn is_suppressed(&self) -> bool {
        self.suppression.is_some()
    }

    /// The order of output: path, line, column, rule id. Output never depends on thread count.
    pub fn output_order(&self, other: &Diagnostic) -> Ordering {
        let key = |d: &Diagnostic| {
            (
                d.span.start_pos.line,
                d.span.start_pos.column,
                d.span.end_pos.line,
                d.span.end_pos.column,
            )
        };
        self.span
            .path
            .cmp(&other.span.path)
            .then_with(|| key(self).cmp(&key(other)))
            .then_with(|| self.rule.cmp(&other.rule))
            .then_with(|| self.summary.cmp(&other.summary))
    }

    /// The fix steps as a numbered list, one step per line.
    pub fn numbered_fix(&self) -> String {
        self.fix
            .iter()
            .enumerate()
            .map(|(i, step)| format!("{}. {step}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `1 line`, `2 lines`: counts in messages read as sentences.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(path: &str, line: u32, column: u32) -> Span {
        let p = Position {
            line,
            column,
            column_utf16: column,
        };
        Span {
            path: path.to_string().into(),
            start: 0,
            end: 0,
            start_pos: p,
            end_pos: p,
        }
    }

    #[test]
    fn output_order_is_path_line_column_rule() {
        let mut ds = [
            Diagnostic::new(span("b.ts", 1, 1), "x"),
            Diagnostic::new(span("a.ts", 2, 1), "x"),
            Diagnostic::new(span("a.ts", 1, 5), "x"),
            Diagnostic::new(span("a.ts", 1, 5), "x"),
        ];
        ds[2].rule = "z".into();
        ds[3].rule = "a".into();
        ds.sort_by(Diagnostic::output_order);
        let got: Vec<_> = ds
            .iter()
            .map(|d| (d.span.path.as_str(), d.span.start_pos.line, d.rule.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("a.ts", 1, "a"),
                ("a.ts", 1, "z"),
                ("a.ts", 2, ""),
                ("b.ts", 1, "")
            ]
        );
    }

    #[test]
    fn fix_steps_are_numbered() {
        let d = Diagnostic::new(span("a.ts", 1, 1), "x")
            .step("first")
            .step("second");
        assert_eq!(d.numbered_fix(), "1. first\n2. second");
    }
}
