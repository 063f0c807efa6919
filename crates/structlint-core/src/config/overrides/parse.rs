//! `[[overrides]]` as written, checked with errors at the offending TOML line.

use std::ops::Range;
use std::path::Path;
use std::rc::Rc;

use globset::GlobSet;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::merge;
use crate::config::load::{
    given_options, option_error, rule_file_options, rule_setting, unknown_rule,
};
use crate::config::{ConfigError, closest};
use crate::rule::{Level, RuleImpl, RuleSpec};
use crate::{RuleOptions, glob};

/// One override as written: its files, and what it sets.
pub(crate) struct Parsed<'de> {
    pub files: GlobSet,
    pub levels: Vec<(String, Level)>,
    /// The rules it gives options, with the options table (without `level`).
    pub options: Vec<(String, Spanned<DeValue<'de>>)>,
}

const KEYS: [&str; 2] = ["files", "rules"];

/// Reads the `overrides` array. `ids` are the built-in rules, `loaded` the rules of rule
/// files (which take no options).
pub(crate) fn parse<'de>(
    path: &Path,
    text: &str,
    value: Spanned<DeValue<'de>>,
    ids: &[&str],
    loaded: &[&str],
) -> Result<Vec<Parsed<'de>>, ConfigError> {
    let at = |span: Range<usize>, message: String, label: &str| {
        ConfigError::at(path, text, span, message, label)
    };
    let span = value.span();
    let DeValue::Array(entries) = value.into_inner() else {
        return Err(at(span, "`overrides` must be an array of tables".into(), "expected `[[overrides]]`")
            .with_help("write each override as `[[overrides]]` with `files = [\"packages/legacy/**\"]`, followed by `[overrides.rules]` and the rule levels and options for those files"));
    };
    let mut parsed = Vec::new();
    for entry in entries {
        let span = entry.span();
        let DeValue::Table(mut table) = entry.into_inner() else {
            return Err(at(
                span,
                "an override must be a table".into(),
                "expected a table",
            )
            .with_help(
                "write `[[overrides]]` followed by `files = [...]` and `[overrides.rules]`",
            ));
        };
        if let Some((key, _)) = table
            .iter()
            .find(|(k, _)| !KEYS.contains(&k.get_ref().as_ref()))
        {
            let name = key.get_ref().as_ref();
            let hint = closest(name, KEYS)
                .map(|near| format!("did you mean `{near}`? "))
                .unwrap_or_default();
            return Err(at(key.span(), format!("unknown key `{name}` in an override"), "not an override setting")
                .with_help(format!("{hint}An override has `files` (the globs of the files it applies to) and `rules` (their levels and options); `[files]`, `[[layers]]` and the other sections hold for the whole workspace")));
        }
        let Some(files) = table.remove("files") else {
            return Err(at(span, "an override has no `files`".into(), "this override")
                .with_help("add `files = [\"packages/legacy/**\"]`: globs, relative to the workspace root, of the files whose findings it changes"));
        };
        let files = globs(path, text, files)?;
        let Some(rules) = table.remove("rules") else {
            return Err(at(span, "an override has no `rules`".into(), "this override")
                .with_help("add `[overrides.rules]` after its `files`, with lines like `max-file-lines = \"off\"` or `max-file-lines = { max = 800 }`"));
        };
        let (levels, options) = rules_of(path, text, rules, ids, loaded)?;
        parsed.push(Parsed {
            files,
            levels,
            options,
        });
    }
    Ok(parsed)
}

fn globs(path: &Path, text: &str, value: Spanned<DeValue<'_>>) -> Result<GlobSet, ConfigError> {
    let span = value.span();
    let list = Vec::<Spanned<String>>::deserialize(ValueDeserializer::from(value))
        .map_err(|e| ConfigError::from_toml(path, text, &e))?;
    if list.is_empty() {
        return Err(ConfigError::at(
            path,
            text,
            span,
            "an override's `files` is empty",
            "matches no file",
        )
        .with_help("list the globs of the files it applies to, such as \"packages/legacy/**\""));
    }
    for g in &list {
        let pattern = g.get_ref();
        let outside = pattern.starts_with('/')
            || pattern.starts_with("./")
            || pattern.split('/').any(|part| part == "..");
        if outside {
            return Err(ConfigError::at(path, text, g.span(), "an override's glob can never match", "not relative to the workspace root")
                .with_help("globs match paths relative to the folder of structlint.toml, written without `./`, `/` or `..`: \"packages/legacy/**\""));
        }
    }
    glob::glob_set(list.iter().map(|g| g.get_ref().as_str())).map_err(|bad| {
        let span = list.get(bad.index).map_or(span, Spanned::span);
        ConfigError::at(path, text, span, "invalid glob", bad.message)
            .with_help("globs are gitignore-like: `*` matches within one directory, `**` across directories, e.g. \"packages/legacy/**\"")
    })
}

type Settings<'de> = (Vec<(String, Level)>, Vec<(String, Spanned<DeValue<'de>>)>);

fn rules_of<'de>(
    path: &Path,
    text: &str,
    value: Spanned<DeValue<'de>>,
    ids: &[&str],
    loaded: &[&str],
) -> Result<Settings<'de>, ConfigError> {
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        return Err(ConfigError::at(
            path,
            text,
            span,
            "an override's `rules` must be a table",
            "expected a table",
        )
        .with_help("write `[overrides.rules]` followed by lines like `max-file-lines = \"off\"`"));
    };
    let (mut levels, mut options) = (Vec::new(), Vec::new());
    for (key, value) in table {
        let id = key.get_ref().as_ref();
        if !ids.contains(&id) && !loaded.contains(&id) {
            let all: Vec<&str> = ids.iter().chain(loaded).copied().collect();
            return Err(unknown_rule(path, text, key.span(), id, &all));
        }
        let (level, table) = rule_setting(path, text, id, value)?;
        levels.extend(level.map(|level| (id.to_string(), level)));
        let Some(table) = given_options(table) else {
            continue;
        };
        if loaded.contains(&id) {
            return Err(rule_file_options(path, text, id, table.span()));
        }
        options.push((id.to_string(), table));
    }
    Ok((levels, options))
}

/// Builds each rule an override gives options with the options it would have in a file that
/// override matches, and with those of every override that sets them at once, so a bad value
/// is an error here and not in the middle of a run. A rule over the whole workspace takes no
/// options in an override.
pub(crate) fn validate_options(
    path: &Path,
    text: &str,
    parsed: &[Parsed<'_>],
    registry: &[RuleSpec],
) -> Result<(), ConfigError> {
    let doc = DeTable::parse(text)
        .map_err(|e| ConfigError::from_toml(path, text, &e))?
        .into_inner();
    for spec in registry {
        let from: Vec<usize> = (0..parsed.len())
            .filter(|&i| parsed[i].options.iter().any(|(id, _)| id == spec.id))
            .collect();
        let build = |from: &[usize]| {
            let options = merge::merged(&doc, spec.id, from);
            let sections = merge::sections(&doc, spec.sections);
            (spec.build)(RuleOptions::new(options, Rc::new(sections)))
        };
        for &i in &from {
            let span = parsed[i]
                .options
                .iter()
                .find(|(id, _)| id == spec.id)
                .map(|(_, t)| t.span());
            match build(&[i]).map_err(|e| option_error(path, text, spec.id, &e))? {
                RuleImpl::File(_) => {}
                _ => return Err(ConfigError::at(path, text, span.unwrap_or(0..0), format!("rule `{}` cannot have other options in an override", spec.id), "only `level` can be set here")
                    .with_help(format!("`{}` checks the workspace as a whole: its findings relate files to each other, so its options hold for every file. Set them in [rules]; an override may turn it off or change its level for some files.", spec.id))),
            }
        }
        if from.len() > 1 {
            build(&from).map_err(|e| option_error(path, text, spec.id, &e))?;
        }
    }
    Ok(())
}
