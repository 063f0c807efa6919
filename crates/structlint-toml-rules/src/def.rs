//! A rule file as written: what `[[rule]]` may say. Every field keeps its place in the file so
//! that an error points at it.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// The fields of `[[rule]]`, for error messages and the reference in docs/authoring-rules.md.
pub const RULE_FIELDS: &[&str] = &[
    "id",
    "language",
    "level",
    "files",
    "exclude",
    "message",
    "why",
    "fix",
    "example",
    "docs",
    "query",
    "pattern",
    "regex",
    "inside",
    "not-inside",
    "has",
    "not-has",
    "where",
    "kind",
    "from",
    "to",
    "allow-type-only",
    "paths",
    "require",
    "names",
    "max-lines",
    "forbid",
    "tests",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleFile {
    #[serde(default)]
    pub rule: Vec<Spanned<RuleDef>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleDef {
    pub id: Spanned<String>,
    /// Required for rules over code; source tests (`kind`) do without.
    #[serde(default)]
    pub language: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    pub level: Option<Spanned<String>>,
    #[serde(default)]
    pub files: Vec<Spanned<String>>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    pub message: Spanned<String>,
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub fix: Vec<Spanned<String>>,
    #[serde(default)]
    pub example: Option<String>,
    #[serde(default)]
    pub docs: Option<String>,
    #[serde(default)]
    pub query: Option<Spanned<String>>,
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub regex: Option<Spanned<String>>,
    #[serde(default)]
    pub inside: Option<Spanned<String>>,
    #[serde(default)]
    pub not_inside: Option<Spanned<String>>,
    #[serde(default)]
    pub has: Option<Spanned<String>>,
    #[serde(default)]
    pub not_has: Option<Spanned<String>>,
    #[serde(default, rename = "where")]
    pub constraints: BTreeMap<String, Spanned<Constraint>>,
    /// `"imports"` or `"files"`: a source test over the workspace instead of a matcher.
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub from: Option<Spanned<String>>,
    #[serde(default)]
    pub to: Option<Spanned<String>>,
    #[serde(default)]
    pub allow_type_only: bool,
    #[serde(default)]
    pub paths: Vec<Spanned<String>>,
    #[serde(default)]
    pub require: Vec<String>,
    #[serde(default)]
    pub names: Option<Spanned<String>>,
    #[serde(default)]
    pub max_lines: Option<usize>,
    #[serde(default)]
    pub forbid: Vec<Spanned<String>>,
    #[serde(default)]
    pub tests: Vec<TestsDef>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn list(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many.iter().map(String::as_str).collect(),
        }
    }
}

/// `[rule.where.NAME]`: what a metavariable's node must be.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Constraint {
    #[serde(default)]
    pub regex: Option<String>,
    #[serde(default)]
    pub not_regex: Option<String>,
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
}

/// `[[rule.tests]]`: snippets the rule must not report, and snippets it must; for a source
/// test, a small workspace (`files`, path to contents) and the `path:line`s it must report.
#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct TestsDef {
    #[serde(default)]
    pub valid: Vec<String>,
    #[serde(default)]
    pub invalid: Vec<String>,
    /// Keyed with their place, so that a path leaving the test workspace is an error there.
    #[serde(default)]
    pub files: BTreeMap<Spanned<String>, String>,
    #[serde(default)]
    pub expect: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_fields_lists_what_serde_accepts() {
        let error = toml::from_str::<RuleFile>("[[rule]]\nnot-a-field = 1\n")
            .err()
            .expect("an unknown field");
        let expected = error
            .message()
            .split("expected one of ")
            .nth(1)
            .expect("serde lists the fields")
            .trim();
        let accepted: Vec<&str> = expected.split(", ").map(|f| f.trim_matches('`')).collect();
        let mut listed = RULE_FIELDS.to_vec();
        let mut accepted_sorted = accepted.clone();
        listed.sort_unstable();
        accepted_sorted.sort_unstable();
        assert_eq!(listed, accepted_sorted);
    }
}
