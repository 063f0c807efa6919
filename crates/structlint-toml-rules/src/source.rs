//! Where a rule file's errors point, and the small compilers of its globs and constraints.

use std::ops::Range;
use std::path::Path;

use globset::GlobSet;
use regex::Regex;
use structlint_core::ConfigError;
use structlint_core::glob::glob_set;
use structlint_lang::Grammar;
use toml::Spanned;

use crate::def::{Constraint, TestsDef};
use crate::query::{kind_help, node_kinds};

/// A `where` constraint on a capture, with its regexes compiled.
pub struct CompiledConstraint {
    pub regex: Option<Regex>,
    pub not_regex: Option<Regex>,
    pub kind: Option<String>,
}

/// Errors at a place in the rule file being compiled.
pub(crate) struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl Source<'_> {
    /// The 1-based line of a byte offset of the file.
    pub fn line_of(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }

    pub fn error(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> ConfigError {
        ConfigError::at(self.path, self.text, span, message, label)
    }

    /// The file offset of byte `offset` of the string value at `span` (exact for literal
    /// strings, which is what queries and patterns are written in).
    pub fn inside(&self, span: &Range<usize>, offset: usize) -> Range<usize> {
        let raw = &self.text[span.clone()];
        let delimiter = ["'''", "\"\"\"", "'", "\""]
            .into_iter()
            .find(|d| raw.starts_with(d))
            .map_or(0, str::len);
        let newline = usize::from(delimiter == 3 && raw[3..].starts_with('\n'));
        let at = (span.start + delimiter + newline + offset).min(span.end.saturating_sub(1));
        at..at + 1
    }
}

/// Compiles `c`, whose `kind` must be a node kind of one of `grammars`: any other never
/// matches, and the rule would never report.
pub(crate) fn constraint(
    c: Constraint,
    src: &Source<'_>,
    span: Range<usize>,
    grammars: &[Grammar],
) -> Result<CompiledConstraint, ConfigError> {
    if let Some(kind) = &c.kind {
        let known: Vec<String> = grammars.iter().flat_map(|&g| node_kinds(g)).collect();
        if !known.contains(kind.get_ref()) {
            return Err(src
                .error(
                    kind.span(),
                    format!("unknown node kind `{}` in `where`", kind.get_ref()),
                    "not a node kind of the rule's languages",
                )
                .with_help(kind_help(kind.get_ref(), &known)));
        }
    }
    let regex = |r: Option<String>| {
        r.map(|r| {
            Regex::new(&r).map_err(|e| {
                src.error(
                    span.clone(),
                    "invalid regex in `where`",
                    e.to_string().lines().last().unwrap_or("").to_string(),
                )
            })
        })
        .transpose()
    };
    Ok(CompiledConstraint {
        regex: regex(c.regex)?,
        not_regex: regex(c.not_regex)?,
        kind: c.kind.map(Spanned::into_inner),
    })
}

pub(crate) fn globs(
    patterns: &[Spanned<String>],
    src: &Source<'_>,
) -> Result<Option<GlobSet>, ConfigError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    glob_set(patterns.iter().map(|p| p.get_ref().as_str()))
        .map(Some)
        .map_err(|bad| {
            let at = patterns.get(bad.index).unwrap_or(&patterns[0]);
            src.error(at.span(), "invalid glob", bad.message)
        })
}

pub(crate) fn list(names: &[String]) -> String {
    if names.is_empty() {
        return "nothing".into();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks that every `[rule.tests.files]` path stays inside the temporary workspace that
/// `structlint test` writes it to: an absolute or `..` path would write anywhere the user
/// can, from a rule file a checkout commits.
pub(crate) fn test_files(
    tests: &[TestsDef],
    id: &str,
    src: &Source<'_>,
) -> Result<(), ConfigError> {
    for key in tests.iter().flat_map(|t| t.files.keys()) {
        if let Err(why) = structlint_core::check_relative(key.get_ref()) {
            return Err(src
                .error(
                    key.span(),
                    format!("rule `{id}`: test file `{}` is not a path inside the test workspace: {why}", key.get_ref().escape_default()),
                    "this path",
                )
                .with_help("name test files relative to the test workspace, with `/` and no `..`, e.g. \"src/a.ts\""));
        }
    }
    Ok(())
}
