//! Rules written in TOML. A rule file holds `[[rule]]` tables, each with an id, languages,
//! a prompt (message, why, fix, example) and one matcher: a tree-sitter `query`, a code
//! `pattern` with metavariables, or a `regex` over lines. docs/authoring-rules.md is the guide.
//!
//! [`TomlRules`] loads the files a config lists under `rule-files`; [`load_file`] compiles one
//! file for `structlint test`.

mod budget;
mod capture_glob;
mod compile;
mod def;
mod files;
mod message;
mod pattern;
mod query;
mod rule;
mod set;
mod source;
mod source_check;
mod source_test;
pub mod testing;

use std::path::Path;
use std::sync::Arc;

use structlint_core::{ConfigError, LoadedRule, RuleImpl, RuleLoader};

pub use compile::CompiledRule;
pub use def::RULE_FIELDS;
pub use files::{expand, load_file};
pub use query::Problem;
pub use query::run::run_query;
pub use set::RuleSet;

/// Reads `rule-files` for the config loader.
pub struct TomlRules;

impl RuleLoader for TomlRules {
    fn load(
        &self,
        root: &Path,
        patterns: &[String],
        taken: &[&str],
    ) -> Result<Vec<LoadedRule>, ConfigError> {
        let mut all: Vec<(String, CompiledRule)> = Vec::new();
        let mut texts: Vec<Arc<str>> = Vec::new();
        for file in expand(root, patterns)? {
            let shown = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            let text: Arc<str> = files::read_rule_file(root, &file)?.into();
            for rule in files::compile_file(&file, &text)? {
                if taken.contains(&rule.id.as_str()) {
                    return Err(ConfigError::plain(format!(
                        "{shown}: rule id `{}` is a built-in rule's; choose another id",
                        rule.id
                    )));
                }
                if let Some((other, _)) = all.iter().find(|(_, r)| r.id == rule.id) {
                    return Err(ConfigError::plain(format!(
                        "rule id `{}` is defined twice: in {other} and in {shown}",
                        rule.id
                    ))
                    .with_help("rule ids are unique across every rule file; rename one"));
                }
                all.push((shown.clone(), rule));
                texts.push(Arc::clone(&text));
            }
        }
        let origins: Vec<(String, usize)> = all
            .iter()
            .map(|(file, rule)| (file.clone(), rule.line))
            .collect();
        let metas: Vec<_> = all
            .iter()
            .map(|(file, rule)| (rule::meta(rule, file), rule.default_level))
            .collect();
        let set = Arc::new(RuleSet::new(all.into_iter().map(|(_, r)| r).collect()));
        Ok(metas
            .into_iter()
            .zip(origins)
            .zip(texts)
            .enumerate()
            .map(
                |(index, (((meta, default_level), origin), file_text))| LoadedRule {
                    meta,
                    default_level,
                    imp: rule_impl(&set, index, origin),
                    file_text,
                },
            )
            .collect())
    }
}

/// The engine's view of rule `index` of `set`: a file rule over code, or a workspace rule for
/// a source test; `origin` is its rule file and line.
pub fn rule_impl(set: &Arc<RuleSet>, index: usize, origin: (String, usize)) -> RuleImpl {
    match set.rules[index].matcher {
        compile::Matcher::Imports(_) | compile::Matcher::Files(_) => {
            RuleImpl::Workspace(Box::new(source_check::SourceTest {
                set: Arc::clone(set),
                index,
                origin,
            }))
        }
        _ => RuleImpl::File(Box::new(rule::TomlRule {
            set: Arc::clone(set),
            index,
        })),
    }
}
