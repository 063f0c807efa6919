//! From a rule as written to a rule that can run: languages, globs, the matcher compiled for
//! each grammar, and templates checked against what the matcher captures.

use std::sync::Arc;

use globset::GlobSet;
use regex::Regex;
use structlint_core::{ConfigError, Language, Level, Text};
use structlint_lang::Grammar;
use toml::Spanned;

use crate::def::{RuleDef, TestsDef};
use crate::message::{Template, example_step, paragraphs};
use crate::pattern::{Pattern, metavariables};
use crate::query::{self, NodeTest};
pub(crate) use crate::source::Source;
use crate::source::{CompiledConstraint, constraint, globs, list};
use crate::source_test::{FilesTest, ImportsTest, SourceTest};

pub struct CompiledRule {
    pub id: String,
    /// The 1-based line of the id in its rule file.
    pub line: usize,
    pub languages: Vec<Language>,
    pub default_level: Level,
    pub files: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    pub message: Template,
    pub message_source: String,
    /// In paragraphs, as findings and docs show it; one text that every finding shares.
    pub why: Option<Text>,
    pub fix: Vec<Template>,
    pub example: Option<String>,
    /// The example as the last fix step of every finding, shared by them.
    pub example_step: Option<Text>,
    pub docs: Option<String>,
    pub matcher: Matcher,
    pub tests: Vec<TestsDef>,
}

pub enum Matcher {
    /// The query source, compiled once per grammar with every other rule's query; with the
    /// number of patterns it has, to tell whose a match is.
    Query {
        source: String,
        patterns: usize,
    },
    Pattern {
        per_grammar: Vec<(Grammar, Arc<Pattern>)>,
        conditions: Vec<Condition>,
        constraints: Vec<(String, CompiledConstraint)>,
    },
    Regex(Regex),
    /// A source test over the import graph (`kind = "imports"`).
    Imports(ImportsTest),
    /// A source test over the workspace's paths (`kind = "files"`).
    Files(FilesTest),
}

pub struct Condition {
    pub has: bool,
    pub negate: bool,
    pub per_grammar: Vec<(Grammar, NodeTest)>,
}

impl CompiledRule {
    pub fn grammars(&self) -> Vec<Grammar> {
        let mut grammars: Vec<Grammar> = Vec::new();
        for l in &self.languages {
            if !grammars.contains(&l.grammar()) {
                grammars.push(l.grammar());
            }
        }
        grammars
    }

    pub fn applies_to(&self, path: &str, language: Language) -> bool {
        self.languages.contains(&language)
            && self.files.as_ref().is_none_or(|f| f.is_match(path))
            && !self.exclude.as_ref().is_some_and(|e| e.is_match(path))
    }
}

pub(crate) fn compile(
    def: Spanned<RuleDef>,
    src: &Source<'_>,
) -> Result<CompiledRule, ConfigError> {
    let table_span = def.span();
    let mut def = def.into_inner();
    let id = def.id.get_ref().clone();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(src
            .error(
                def.id.span(),
                format!("invalid rule id `{id}`"),
                "ids are kebab-case",
            )
            .with_help("use lowercase letters, digits and `-`, e.g. \"no-await-in-loop\""));
    }
    let default_level = match &def.level {
        None => Level::Error,
        Some(level) => Level::parse(level.get_ref()).ok_or_else(|| {
            src.error(
                level.span(),
                format!("invalid level `{}`", level.get_ref()),
                "expected \"error\", \"warn\" or \"off\"",
            )
        })?,
    };
    if def.kind.is_some() {
        let (test, languages, names) = crate::source_test::compile(&def, &id, src)?;
        let matcher = match test {
            SourceTest::Imports(t) => Matcher::Imports(t),
            SourceTest::Files(t) => Matcher::Files(t),
        };
        return finish(def, id, languages, default_level, matcher, &names, src);
    }
    let Some(language) = &def.language else {
        return Err(src
            .error(
                table_span,
                format!("rule `{id}` needs a `language`"),
                "no language",
            )
            .with_help("\"typescript\", \"tsx\", \"javascript\", \"rust\", or a list of them"));
    };
    let names = language.get_ref().list();
    if names.is_empty() {
        return Err(src
            .error(
                language.span(),
                format!("rule `{id}` lists no language"),
                "an empty list: the rule would never run",
            )
            .with_help("\"typescript\", \"tsx\", \"javascript\", \"rust\", or a list of them"));
    }
    let mut languages = Vec::new();
    for name in names {
        let l = Language::from_name(name).ok_or_else(|| {
            src.error(language.span(), format!("unknown language `{name}` in rule `{id}`"), "not a language structlint reads").with_help("languages are \"typescript\" (.ts), \"tsx\" (.tsx), \"javascript\" (.js, .jsx) and \"rust\"; list several as [\"typescript\", \"tsx\"]")
        })?;
        languages.push(l);
    }
    let matchers = [&def.query, &def.pattern, &def.regex]
        .iter()
        .filter(|m| m.is_some())
        .count();
    if matchers != 1 {
        return Err(src.error(def.id.span(), format!("rule `{id}` needs exactly one of `query`, `pattern` or `regex`"), if matchers == 0 { "no matcher" } else { "more than one matcher" })
            .with_help("`query` is a tree-sitter query, `pattern` a code snippet with $METAVARIABLES, `regex` a regular expression over lines"));
    }
    let grammars = {
        let mut g: Vec<Grammar> = Vec::new();
        for l in &languages {
            if !g.contains(&l.grammar()) {
                g.push(l.grammar());
            }
        }
        g
    };
    let (matcher, names) = if let Some(q) = &def.query {
        let mut names = Vec::new();
        let mut patterns = 0;
        for &grammar in &grammars {
            let compiled = query::compile(q.get_ref(), grammar).map_err(|p| {
                let e = src.error(
                    src.inside(&q.span(), p.offset),
                    format!("rule `{id}`: {}", p.message),
                    "here",
                );
                match p.help {
                    Some(help) => e.with_help(help),
                    None => e,
                }
            })?;
            names = compiled
                .capture_names()
                .iter()
                .map(|n| n.to_string())
                .collect();
            patterns = compiled.pattern_count();
            if names.is_empty() {
                return Err(src
                    .error(
                        q.span(),
                        format!("rule `{id}`: the query captures nothing to report"),
                        "no capture",
                    )
                    .with_help(
                        "capture the node to report with `@match`, e.g. (call_expression) @match",
                    ));
            }
        }
        (
            Matcher::Query {
                source: q.get_ref().clone(),
                patterns,
            },
            names,
        )
    } else if let Some(p) = &def.pattern {
        let compile_for = |source: &Spanned<String>, grammar: Grammar| {
            Pattern::compile(source.get_ref(), grammar)
                .map_err(|e| src.error(source.span(), format!("rule `{id}`: {e}"), "this pattern"))
        };
        let mut per_grammar = Vec::new();
        for &grammar in &grammars {
            per_grammar.push((grammar, Arc::new(compile_for(p, grammar)?)));
        }
        let mut conditions = Vec::new();
        for (source, has, negate) in [
            (&def.inside, false, false),
            (&def.not_inside, false, true),
            (&def.has, true, false),
            (&def.not_has, true, true),
        ] {
            let Some(source) = source else { continue };
            let mut tests = Vec::new();
            for &grammar in &grammars {
                tests.push((
                    grammar,
                    NodeTest::Pattern(Arc::new(compile_for(source, grammar)?)),
                ));
            }
            conditions.push(Condition {
                has,
                negate,
                per_grammar: tests,
            });
        }
        let mut names = metavariables(p.get_ref());
        names.push("match".to_string());
        let mut constraints = Vec::new();
        for (name, c) in std::mem::take(&mut def.constraints) {
            if !names.contains(&name) {
                return Err(src
                    .error(
                        c.span(),
                        format!("rule `{id}`: `where.{name}` names no metavariable of the pattern"),
                        "unknown metavariable",
                    )
                    .with_help(format!("the pattern binds {}", list(&names))));
            }
            let span = c.span();
            constraints.push((name, constraint(c.into_inner(), src, span, &grammars)?));
        }
        (
            Matcher::Pattern {
                per_grammar,
                conditions,
                constraints,
            },
            names,
        )
    } else {
        let r = def.regex.as_ref().expect("one matcher is set");
        let regex = Regex::new(r.get_ref()).map_err(|e| {
            src.error(
                r.span(),
                format!("rule `{id}`: invalid regex"),
                e.to_string()
                    .lines()
                    .last()
                    .unwrap_or("invalid")
                    .to_string(),
            )
        })?;
        let names = regex
            .capture_names()
            .flatten()
            .map(str::to_string)
            .chain(["match".to_string()])
            .collect();
        (Matcher::Regex(regex), names)
    };
    if !matches!(matcher, Matcher::Pattern { .. })
        && [&def.inside, &def.not_inside, &def.has, &def.not_has]
            .iter()
            .any(|c| c.is_some())
    {
        return Err(src
            .error(
                table_span,
                format!(
                    "rule `{id}`: `inside`, `not-inside`, `has` and `not-has` go with `pattern`"
                ),
                "here",
            )
            .with_help("in a query, use the predicates (#inside? @cap \"…\") and friends"));
    }
    finish(def, id, languages, default_level, matcher, &names, src)
}

/// The parts every kind of rule has: the prompt's templates, checked against what the matcher
/// captures, and the `files`/`exclude` globs.
fn finish(
    def: RuleDef,
    id: String,
    languages: Vec<Language>,
    default_level: Level,
    matcher: Matcher,
    names: &[String],
    src: &Source<'_>,
) -> Result<CompiledRule, ConfigError> {
    let template = |t: &Spanned<String>| -> Result<Template, ConfigError> {
        let parsed = Template::parse(t.get_ref());
        if let Some(unknown) = parsed.holes().find(|h| !names.iter().any(|n| n == h)) {
            return Err(src
                .error(
                    t.span(),
                    format!("rule `{id}`: `{{{{{unknown}}}}}` is not a capture of the matcher"),
                    "unknown capture",
                )
                .with_help(format!("the matcher captures {}", list(names))));
        }
        Ok(parsed)
    };
    crate::source::test_files(&def.tests, &id, src)?;
    let message = template(&def.message)?;
    let fix = def
        .fix
        .iter()
        .map(template)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CompiledRule {
        line: src.line_of(def.id.span().start),
        id,
        languages,
        default_level,
        files: globs(&def.files, src)?,
        exclude: globs(&def.exclude, src)?,
        message,
        message_source: def.message.into_inner(),
        why: def.why.as_deref().map(|why| paragraphs(why).into()),
        fix,
        example_step: def.example.as_deref().map(example_step),
        example: def.example,
        docs: def.docs,
        matcher,
        tests: def.tests,
    })
}
