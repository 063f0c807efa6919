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
    "tests",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub rule: Vec<Spanned<RuleDef>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleDef {
    pub id: Spanned<String>,
    pub language: Spanned<OneOrMany>,
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
    #[serde(default)]
    pub tests: Vec<TestsDef>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
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
pub struct Constraint {
    #[serde(default)]
    pub regex: Option<String>,
    #[serde(default)]
    pub not_regex: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
}

/// `[[rule.tests]]`: snippets the rule must not report, and snippets it must.
#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct TestsDef {
    #[serde(default)]
    pub valid: Vec<String>,
    #[serde(default)]
    pub invalid: Vec<String>,
}
