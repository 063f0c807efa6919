//! `[[overrides]]`: rule levels and options for the files some globs match, applied in order
//! after `[rules]` (ESLint's flat config: the last override that names a setting wins, and an
//! override changes only what it names). One config per workspace, so a package's exceptions
//! live next to everyone else's instead of in a nested `structlint.toml`.
//!
//! A finding takes the level of the file it is reported in, whichever phase found it; a rule
//! that is off for a file reports nothing there. Options can differ per file only for rules
//! that judge one file at a time: a workspace rule relates files to each other, so its options
//! hold for the whole workspace and an override may set only its level.

mod merge;
mod parse;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use globset::GlobSet;

pub(crate) use parse::{Parsed, parse, validate_options};

use crate::rule::{FileRule, Level, RuleImpl, RuleSpec};
use crate::{RuleOptions, Severity};

/// One `[[overrides]]` entry, compiled.
#[derive(Debug)]
struct Entry {
    files: GlobSet,
    /// The levels it sets, by rule id.
    levels: Vec<(String, Level)>,
    /// The rules whose options it sets.
    options: Vec<String>,
}

/// What a rule with per-file options needs to build a copy with other options.
#[derive(Clone, Copy)]
struct Builder {
    build: fn(RuleOptions<'_>) -> Result<RuleImpl, toml::de::Error>,
    sections: &'static [&'static str],
}

/// The `[[overrides]]` of a config, in order. Empty for a config without any.
#[derive(Clone, Default)]
pub struct Overrides {
    entries: Arc<Vec<Entry>>,
    /// Rules off in `[rules]` that an override turns on: elsewhere they stay off.
    off_by_default: Vec<String>,
    /// The config's text: option values borrow from it, so a rule with the options of a set
    /// of overrides is built from it again, when a file first needs that set.
    text: Arc<str>,
    builders: Arc<Vec<(String, Builder)>>,
}

impl Overrides {
    pub(crate) fn new(
        parsed: &[Parsed<'_>],
        text: &str,
        off_by_default: Vec<String>,
        registry: &[RuleSpec],
    ) -> Overrides {
        let entries: Vec<Entry> = parsed
            .iter()
            .map(|p| Entry {
                files: p.files.clone(),
                levels: p.levels.clone(),
                options: p.options.iter().map(|(id, _)| id.clone()).collect(),
            })
            .collect();
        let builders = registry
            .iter()
            .filter(|spec| {
                entries
                    .iter()
                    .any(|e| e.options.iter().any(|id| id == spec.id))
            })
            .map(|spec| {
                let builder = Builder {
                    build: spec.build,
                    sections: spec.sections,
                };
                (spec.id.to_string(), builder)
            })
            .collect();
        Overrides {
            entries: Arc::new(entries),
            off_by_default,
            text: Arc::from(text),
            builders: Arc::new(builders),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The overrides whose `files` match `path` (root-relative), in config order.
    pub fn matching(&self, path: &str) -> Vec<usize> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.files.is_match(path))
            .map(|(i, _)| i)
            .collect()
    }

    /// The severity of rule `id`'s findings in a file matched by `matching`, given its
    /// severity in `[rules]`; `None` when the rule is off there.
    pub fn severity(&self, matching: &[usize], id: &str, base: Severity) -> Option<Severity> {
        let set = matching
            .iter()
            .rev()
            .find_map(|&i| self.entries[i].levels.iter().find(|(r, _)| r == id))
            .map(|(_, level)| *level);
        match set {
            Some(level) => level.severity(),
            None if self.off_by_default.iter().any(|r| r == id) => None,
            None => Some(base),
        }
    }

    /// Of the overrides in `matching`, those that set options of rule `id`: a file with none
    /// uses the rule as `[rules]` configures it.
    pub fn options_from(&self, matching: &[usize], id: &str) -> Vec<usize> {
        matching
            .iter()
            .copied()
            .filter(|&i| self.entries[i].options.iter().any(|r| r == id))
            .collect()
    }

    /// Rule `id` (a rule that judges one file at a time) with its `[rules]` options and, over
    /// them key by key, the options of overrides `from`, in order.
    pub fn build(&self, id: &str, from: &[usize]) -> Result<Box<dyn FileRule>, String> {
        let failed = |why: String| {
            format!("rule `{id}` could not be built with the options of its overrides: {why}")
        };
        let builder = self
            .builders
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, b)| *b)
            .ok_or_else(|| failed("no override sets its options".into()))?;
        let doc = toml::de::DeTable::parse(&self.text)
            .map_err(|e| failed(e.to_string()))?
            .into_inner();
        let options = merge::merged(&doc, id, from);
        let sections = merge::sections(&doc, builder.sections);
        match (builder.build)(RuleOptions::new(options, std::rc::Rc::new(sections))) {
            Ok(RuleImpl::File(rule)) => Ok(rule),
            Ok(_) => Err(failed("it is not a per-file rule".into())),
            Err(e) => Err(failed(e.message().to_string())),
        }
    }
}

impl std::fmt::Debug for Overrides {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Overrides")
            .field("entries", &self.entries)
            .field("off_by_default", &self.off_by_default)
            .finish_non_exhaustive()
    }
}
