//! What a rule is: its registry entry ([`RuleSpec`]), what it needs from a file ([`Needs`]),
//! and the two kinds of checks, per file ([`FileRule`]) and over the whole workspace
//! ([`WorkspaceRule`]).

use std::any::Any;
use structlint_lang::Language;

use crate::{
    AnyProvider, ConfigError, Diagnostic, FileContext, RuleOptions, Severity, Text,
    WorkspaceContext,
};

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warn,
    Off,
}

impl Level {
    pub const NAMES: [&'static str; 3] = ["error", "warn", "off"];

    pub fn parse(name: &str) -> Option<Level> {
        match name {
            "error" => Some(Level::Error),
            "warn" => Some(Level::Warn),
            "off" => Some(Level::Off),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Level::NAMES[self as usize]
    }

    /// The severity of findings at this level; `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warn => Some(Severity::Warning),
            Level::Off => None,
        }
    }
}

/// What a rule needs from a file: the literals without which it cannot match. The engine skips
/// a rule on a file that contains none of them (one aho-corasick pass over the bytes for all
/// rules together). Trees are parsed only when a rule asks for one ([`FileContext::tree`]), so
/// a rule that needs a tree only sometimes (`max-file-lines`, for files over the limit) costs
/// nothing on the other files.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Needs {
    /// The rule cannot match a file without at least one of these strings. Empty: always run.
    pub literals: Vec<String>,
}

impl Needs {
    /// Runs on every file of the rule's languages.
    pub fn always() -> Needs {
        Needs::default()
    }

    /// Runs only on files that contain at least one of `literals`.
    pub fn literals(literals: &[&str]) -> Needs {
        Needs {
            literals: literals.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// A rule that looks at one file at a time. Runs in parallel across files.
pub trait FileRule: Send + Sync {
    fn languages(&self) -> &[Language] {
        &Language::ALL
    }
    fn needs(&self) -> Needs;
    fn check(&self, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>);
}

/// The facts one file contributed to a workspace rule.
#[derive(Debug)]
pub struct FileFacts<F> {
    pub path: String,
    pub facts: F,
}

/// A rule over facts collected from every file: facts are extracted in the parallel file
/// phase (while the tree is alive), then `check` sees all of them once every file is done.
pub trait WorkspaceRule: Send + Sync {
    /// Serializable so that the result cache can keep a file's facts between runs.
    type Facts: Send + serde::Serialize + serde::de::DeserializeOwned + 'static;
    fn languages(&self) -> &[Language] {
        &Language::ALL
    }
    fn needs(&self) -> Needs;
    /// The providers whose artifacts `check` reads from the context.
    fn providers(&self) -> Vec<&'static dyn AnyProvider> {
        Vec::new()
    }
    fn collect(&self, cx: &FileContext<'_>) -> Option<Self::Facts>;
    fn check(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<Self::Facts>>,
        out: &mut Vec<Diagnostic>,
    );
    /// Whether the rule's findings in a file come from that file alone, with only advice
    /// taken from the rest of the workspace (`fetch-retry-timeout` points at the wrappers'
    /// definitions): then an editor runs [`WorkspaceRule::check_file`] as the user types.
    fn runs_per_file(&self) -> bool {
        false
    }
    /// Checks one file as an editor types, with the advice the rule kept from its last
    /// `check`; called only when [`WorkspaceRule::runs_per_file`].
    fn check_file(&self, _cx: &FileContext<'_>, _out: &mut Vec<Diagnostic>) {}
}

/// Type-erased [`WorkspaceRule`], so rules with different fact types share one list.
pub trait AnyWorkspaceRule: Send + Sync {
    fn languages(&self) -> &[Language];
    fn needs(&self) -> Needs;
    fn providers(&self) -> Vec<&'static dyn AnyProvider>;
    fn collect_any(&self, cx: &FileContext<'_>) -> Option<Box<dyn Any + Send>>;
    /// The cache's bytes of facts `collect_any` returned; `None` for another type.
    fn encode_facts(&self, facts: &(dyn Any + Send)) -> Option<Vec<u8>>;
    /// Facts back from [`AnyWorkspaceRule::encode_facts`]' bytes; `None` when they do not
    /// decode (a cache written by other code).
    fn decode_facts(&self, bytes: &[u8]) -> Option<Box<dyn Any + Send>>;
    fn check_any(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<Box<dyn Any + Send>>>,
        out: &mut Vec<Diagnostic>,
    );
    fn runs_per_file(&self) -> bool;
    fn check_file(&self, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>);
}

impl<R: WorkspaceRule> AnyWorkspaceRule for R {
    fn languages(&self) -> &[Language] {
        WorkspaceRule::languages(self)
    }
    fn needs(&self) -> Needs {
        WorkspaceRule::needs(self)
    }
    fn providers(&self) -> Vec<&'static dyn AnyProvider> {
        WorkspaceRule::providers(self)
    }
    fn collect_any(&self, cx: &FileContext<'_>) -> Option<Box<dyn Any + Send>> {
        self.collect(cx).map(|f| Box::new(f) as Box<dyn Any + Send>)
    }
    fn encode_facts(&self, facts: &(dyn Any + Send)) -> Option<Vec<u8>> {
        crate::engine::encode_any::<R::Facts>(facts)
    }
    fn decode_facts(&self, bytes: &[u8]) -> Option<Box<dyn Any + Send>> {
        crate::engine::decode_any::<R::Facts>(bytes)
    }
    fn runs_per_file(&self) -> bool {
        WorkspaceRule::runs_per_file(self)
    }
    fn check_file(&self, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        WorkspaceRule::check_file(self, cx, out)
    }
    fn check_any(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<Box<dyn Any + Send>>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let typed = files
            .into_iter()
            .filter_map(|f| {
                let facts = *f.facts.downcast::<R::Facts>().ok()?;
                Some(FileFacts {
                    path: f.path,
                    facts,
                })
            })
            .collect();
        self.check(cx, typed, out);
    }
}

/// A configured rule, ready to run.
pub enum RuleImpl {
    File(Box<dyn FileRule>),
    Workspace(Box<dyn AnyWorkspaceRule>),
    /// Checks the suppression comments themselves; implemented by the engine, which is the
    /// only place that sees every finding and every directive.
    Suppressions,
}

/// A rule as the registry knows it, before configuration.
pub struct RuleSpec {
    pub id: &'static str,
    /// A PascalCase name that says what is checked (SARIF `name`), unlike the id even
    /// ignoring case: `layers` is `LayerDependency`.
    pub name: &'static str,
    /// One line, for `structlint rules`.
    pub summary: &'static str,
    pub default_level: Level,
    /// A few words that classify the rule (SARIF `properties.tags`), e.g. `maintainability`.
    pub tags: &'static [&'static str],
    /// How often a finding is right: `very-high`, `high`, `medium` or `low` (SARIF precision).
    pub precision: &'static str,
    /// Top-level config sections the rule reads (`layers` for `[[layers]]`).
    pub sections: &'static [&'static str],
    /// The rule's own source file: its leading `//!` comment is the rule's documentation.
    pub source: &'static str,
    pub build: fn(RuleOptions<'_>) -> Result<RuleImpl, toml::de::Error>,
}

impl RuleSpec {
    /// The rule's documentation in Markdown, taken from its source file's `//!` comment.
    pub fn documentation(&self) -> String {
        let mut doc = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            doc.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            doc.push('\n');
        }
        doc
    }

    /// The rule's documentation page on the web. A path would name a file of our repository
    /// inside the user's checkout, where it does not exist.
    pub fn docs_url(&self) -> String {
        format!("{BUILTIN_DOCS}{}.md", self.id)
    }
}

/// Where the built-in rules' pages live.
pub(crate) const BUILTIN_DOCS: &str =
    concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules/");

/// Whether `docs` can be opened from anywhere (a link), rather than a path in the workspace.
pub fn is_url(docs: &str) -> bool {
    docs.starts_with("https://") || docs.starts_with("http://")
}

/// What outputs say about a rule: SARIF's `rules[]`, JUnit suites, the agent format.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RuleMeta {
    /// Shared by every finding of the rule.
    pub id: Text,
    /// PascalCase, never equal to the id ignoring case (SARIF validators warn on that).
    pub name: String,
    /// One line.
    pub summary: String,
    /// The full documentation in Markdown (why, example, how to fix, options).
    pub documentation: String,
    /// Where the documentation lives: a URL for built-in rules, a URL or a path relative to
    /// the workspace root for team rules (their `docs` field, or their rule file).
    pub docs: Text,
    pub tags: Vec<String>,
    pub precision: String,
}

impl RuleMeta {
    pub fn of(spec: &RuleSpec) -> RuleMeta {
        RuleMeta {
            id: spec.id.into(),
            name: spec.name.to_string(),
            summary: spec.summary.to_string(),
            documentation: spec.documentation(),
            docs: spec.docs_url().into(),
            tags: spec.tags.iter().map(|t| t.to_string()).collect(),
            precision: spec.precision.to_string(),
        }
    }

    /// The name of a rule that has none of its own: `no-console` → `NoConsole`, and a
    /// one-word id gets `Rule` so that the name is not the id in other case (`todo` →
    /// `TodoRule`).
    pub fn name_of(id: &str) -> String {
        let mut name: String = id
            .split(|c: char| !c.is_alphanumeric())
            .flat_map(|w| {
                let mut c = w.chars();
                c.next().into_iter().flat_map(char::to_uppercase).chain(c)
            })
            .collect();
        if name.eq_ignore_ascii_case(id) || name.is_empty() {
            name.push_str("Rule");
        }
        name
    }

    /// Metadata with only an id, for rules built outside the registry (tests, benchmarks).
    pub fn named(id: &str) -> RuleMeta {
        RuleMeta {
            id: id.to_string().into(),
            name: RuleMeta::name_of(id),
            summary: id.to_string(),
            precision: "high".to_string(),
            ..RuleMeta::default()
        }
    }
}

/// A rule defined in a file the config lists under `rule-files` (a TOML rule), compiled.
pub struct LoadedRule {
    pub meta: RuleMeta,
    pub default_level: Level,
    pub imp: RuleImpl,
    /// The text of the rule file that defines it: the settings hash covers it, so that the
    /// result cache is not used under an edited rule.
    pub file_text: std::sync::Arc<str>,
}

/// Reads the rule files a config lists under `rule-files`; the TOML rule engine implements it.
pub trait RuleLoader {
    /// `patterns` are globs relative to `root`, the config's directory; `taken` are the ids of
    /// the built-in rules, which a loaded rule may not reuse.
    fn load(
        &self,
        root: &std::path::Path,
        patterns: &[String],
        taken: &[&str],
    ) -> Result<Vec<LoadedRule>, ConfigError>;
}

/// A rule that will run: what it is, the severity its findings get, and its implementation.
pub struct ActiveRule {
    pub meta: RuleMeta,
    pub severity: Severity,
    pub imp: RuleImpl,
}

#[cfg(test)]
pub(crate) mod tests;
