use std::path::Path;
use std::rc::Rc;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::files::{FilesConfig, FilesSection};
use super::overrides::{self, Overrides};
use super::resolve::{ResolveConfig, ResolveSection};
use super::{Config, ConfigError, closest};
use crate::rule::{ActiveRule, Level, LoadedRule, RuleLoader, RuleMeta, RuleSpec};
use crate::{RuleOptions, Severity};

pub(super) fn parse(
    path: &Path,
    text: &str,
    registry: &[RuleSpec],
    loader: Option<&dyn RuleLoader>,
) -> Result<Config, ConfigError> {
    let toml_error = |e: toml::de::Error| ConfigError::from_toml(path, text, &e);
    let root = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    // The rules are built once, below, each with its configured options.
    let mut config = Config::unbuilt(crate::normalize(&root).unwrap_or(root), registry);
    config.file = Some(path.to_path_buf());
    config.settings_hash = super::settings_hash(text, &[]);
    let mut keys = vec!["files", "resolve", "rules", "rule-files", "overrides"];
    for section in registry
        .iter()
        .flat_map(|spec| spec.sections.iter().copied())
    {
        if !keys.contains(&section) {
            keys.push(section);
        }
    }
    let doc = DeTable::parse(text).map_err(toml_error)?.into_inner();
    let mut rules_table = None;
    let mut overrides_value = None;
    let mut sections = Vec::new();
    let mut loaded = Vec::new();
    for (key, value) in doc {
        let key_span = key.span();
        match key.get_ref().as_ref() {
            "files" => {
                let section = FilesSection::deserialize(ValueDeserializer::from(value))
                    .map_err(toml_error)?;
                config.files = FilesConfig::compile(&section).map_err(|bad| {
                    let list = match bad.list {
                        "exclude" => &section.exclude,
                        "tests" => section.tests.as_ref().unwrap_or(&section.include),
                        _ => &section.include,
                    };
                    let span = list.get(bad.bad.index).map_or(key_span.clone(), |g| g.span());
                    ConfigError::at(path, text, span, "invalid glob", bad.bad.message)
                        .with_help("globs are gitignore-like: `*` matches within one directory, `**` across directories, e.g. \"packages/**/generated/**\"")
                })?;
            }
            "resolve" => {
                let section = ResolveSection::deserialize(ValueDeserializer::from(value))
                    .map_err(toml_error)?;
                config.resolve = ResolveConfig::compile(section).map_err(|bad| {
                    ConfigError::at(path, text, bad.span, "invalid `[resolve] external` prefix", bad.label)
                        .with_help("list the prefixes of specifiers a framework or bundler provides, such as \"astro:\" or \"~icons/\"; to stop checking imports, turn `unresolved-import` off in [rules]")
                })?;
            }
            "rules" => rules_table = Some(value),
            "overrides" => overrides_value = Some(value),
            "rule-files" => {
                let patterns = Vec::<String>::deserialize(ValueDeserializer::from(value))
                    .map_err(toml_error)?;
                let Some(loader) = loader else {
                    return Err(ConfigError::at(path, text, key_span, "`rule-files` is not supported here", "rule files need the TOML rule engine")
                        .with_help("run the `structlint` command, or load the config with `structlint::Check`, which reads rule files"));
                };
                let taken: Vec<&str> = registry.iter().map(|s| s.id).collect();
                loaded = loader.load(&config.root, &patterns, &taken)?;
                config.settings_hash = super::settings_hash(text, &loaded);
            }
            name if keys.contains(&name) => sections.push((name.to_string(), value)),
            other => {
                let list = keys
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let hint = closest(other, keys.iter().copied())
                    .map(|near| format!("did you mean `{near}`? "))
                    .unwrap_or_default();
                return Err(ConfigError::at(
                    path,
                    text,
                    key_span,
                    format!("unknown key `{other}` in {}", path.display()),
                    "not a structlint setting",
                )
                .with_help(format!("{hint}The top-level keys are {list}.")));
            }
        }
    }
    config
        .known_rules
        .extend(loaded.iter().map(|r| r.meta.id.to_string()));
    let parsed = match overrides_value {
        Some(value) => {
            let ids: Vec<&str> = registry.iter().map(|s| s.id).collect();
            let loaded_ids: Vec<&str> = loaded.iter().map(|r| r.meta.id.as_str()).collect();
            overrides::parse(path, text, value, &ids, &loaded_ids)?
        }
        None => Vec::new(),
    };
    // A rule off in [rules] still runs when an override turns it on for some files.
    let turned_on = |id: &str| {
        parsed
            .iter()
            .flat_map(|p| &p.levels)
            .find_map(|(r, level)| (r == id).then(|| level.severity()).flatten())
    };
    let (rules, off_by_default) = rules(
        path,
        text,
        rules_table,
        Rc::new(sections),
        registry,
        loaded,
        &turned_on,
    )?;
    config.rules = rules;
    if !parsed.is_empty() {
        overrides::validate_options(path, text, &parsed, registry)?;
        config.overrides = Overrides::new(&parsed, text, off_by_default, registry);
    }
    Ok(config)
}

/// Builds the `[rules]` table: each known rule at its configured level and options, every
/// other rule at its defaults. A rule that is off runs at the severity `turned_on` gives it,
/// if any: the second list names these rules.
fn rules<'de>(
    path: &Path,
    text: &str,
    value: Option<Spanned<DeValue<'de>>>,
    sections: Rc<Vec<(String, Spanned<DeValue<'de>>)>>,
    registry: &[RuleSpec],
    loaded: Vec<LoadedRule>,
    turned_on: &dyn Fn(&str) -> Option<Severity>,
) -> Result<(Vec<ActiveRule>, Vec<String>), ConfigError> {
    let value = value.unwrap_or_else(|| Spanned::new(0..0, DeValue::Table(DeTable::default())));
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        return Err(ConfigError::at(
            path,
            text,
            span,
            "`rules` must be a table",
            "expected a table",
        )
        .with_help("write `[rules]` followed by lines like `max-file-lines = \"warn\"`"));
    };
    let mut configured: Vec<(usize, Option<Level>, Option<Spanned<DeValue<'de>>>)> = Vec::new();
    let mut loaded_levels: Vec<Option<Level>> = vec![None; loaded.len()];
    for (key, value) in table {
        let id = key.get_ref().as_ref();
        if let Some(at) = loaded.iter().position(|r| r.meta.id == id) {
            let (level, options) = rule_setting(path, text, id, value)?;
            if let Some(options) = given_options(options) {
                return Err(rule_file_options(path, text, id, options.span()));
            }
            loaded_levels[at] = level;
            continue;
        }
        let Some(index) = registry.iter().position(|s| s.id == id) else {
            let mut ids: Vec<&str> = registry.iter().map(|s| s.id).collect();
            ids.extend(loaded.iter().map(|r| r.meta.id.as_str()));
            return Err(unknown_rule(path, text, key.span(), id, &ids));
        };
        let (level, options) = rule_setting(path, text, id, value)?;
        configured.push((index, level, options));
    }
    let mut active = Vec::new();
    let mut off_by_default = Vec::new();
    let mut severity_of = |id: &str, level: Level| {
        level.severity().or_else(|| {
            let on = turned_on(id);
            off_by_default.extend(on.map(|_| id.to_string()));
            on
        })
    };
    for (index, spec) in registry.iter().enumerate() {
        let (level, options) = match configured.iter().position(|(i, ..)| *i == index) {
            Some(at) => {
                let (_, level, options) = configured.swap_remove(at);
                (level.unwrap_or(spec.default_level), options)
            }
            None => (spec.default_level, None),
        };
        let options = RuleOptions::new(options, Rc::clone(&sections));
        let imp = (spec.build)(options).map_err(|e| option_error(path, text, spec.id, &e))?;
        if let Some(severity) = severity_of(spec.id, level) {
            active.push(ActiveRule {
                meta: RuleMeta::of(spec),
                severity,
                imp,
            });
        }
    }
    for (rule, level) in loaded.into_iter().zip(loaded_levels) {
        if let Some(severity) = severity_of(&rule.meta.id, level.unwrap_or(rule.default_level)) {
            active.push(ActiveRule {
                meta: rule.meta,
                severity,
                imp: rule.imp,
            });
        }
    }
    Ok((active, off_by_default))
}

/// The options table of a rule setting, unless it sets nothing but the level.
pub(super) fn given_options(options: Option<Spanned<DeValue<'_>>>) -> Option<Spanned<DeValue<'_>>> {
    options.filter(|o| matches!(o.get_ref(), DeValue::Table(t) if !t.is_empty()))
}

/// Options given to a rule of a rule file, which takes only a level.
pub(super) fn rule_file_options(
    path: &Path,
    text: &str,
    id: &str,
    span: std::ops::Range<usize>,
) -> ConfigError {
    ConfigError::at(
        path,
        text,
        span,
        format!("rule `{id}` takes no options"),
        "only `level` can be set here",
    )
    .with_help(format!(
        "`{id}` comes from a rule file: change its `files`, `exclude` or matcher there"
    ))
}

/// `rule = "warn"` or `rule = { level = "warn", option = ... }`.
pub(super) fn rule_setting<'de>(
    path: &Path,
    text: &str,
    id: &str,
    value: Spanned<DeValue<'de>>,
) -> Result<(Option<Level>, Option<Spanned<DeValue<'de>>>), ConfigError> {
    let span = value.span();
    match value.into_inner() {
        DeValue::String(level) => Ok((Some(parse_level(path, text, id, &level, span)?), None)),
        DeValue::Table(mut table) => {
            let level = match table.remove("level") {
                Some(level) => match level.get_ref() {
                    DeValue::String(name) => Some(parse_level(path, text, id, name, level.span())?),
                    _ => return Err(bad_level(path, text, id, level.span())),
                },
                None => None,
            };
            Ok((level, Some(Spanned::new(span, DeValue::Table(table)))))
        }
        _ => Err(ConfigError::at(path, text, span, format!("invalid setting for rule `{id}`"), "expected a level or a table")
            .with_help(format!("write `{id} = \"warn\"` (\"error\", \"warn\" or \"off\"), or a table such as `{id} = {{ level = \"error\" }}` with the rule's options (see `structlint explain {id}`)"))),
    }
}

fn parse_level(
    path: &Path,
    text: &str,
    id: &str,
    name: &str,
    span: std::ops::Range<usize>,
) -> Result<Level, ConfigError> {
    Level::parse(name).ok_or_else(|| bad_level(path, text, id, span))
}

fn bad_level(path: &Path, text: &str, id: &str, span: std::ops::Range<usize>) -> ConfigError {
    ConfigError::at(path, text, span, format!("invalid level for rule `{id}`"), "expected \"error\", \"warn\" or \"off\"")
        .with_help("a level is one of the strings \"error\" (fails the check), \"warn\" (reported, does not fail) or \"off\"")
}

pub(super) fn unknown_rule(
    path: &Path,
    text: &str,
    span: std::ops::Range<usize>,
    id: &str,
    ids: &[&str],
) -> ConfigError {
    let hint = match closest(id, ids.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? "),
        None => String::new(),
    };
    ConfigError::at(
        path,
        text,
        span,
        format!("unknown rule `{id}`"),
        "no rule has this id",
    )
    .with_help(format!(
        "{hint}Known rules: {}. `structlint rules` lists them.",
        ids.join(", ")
    ))
}

pub(super) fn option_error(
    path: &Path,
    text: &str,
    id: &str,
    error: &toml::de::Error,
) -> ConfigError {
    let mut err = ConfigError::from_toml(path, text, error);
    err.message = format!("invalid options for rule `{id}`: {}", err.message);
    if err.message.contains("unknown field") {
        err.message.push_str(", or `level`");
    }
    err.with_help(format!(
        "`structlint explain {id}` lists the rule's options and their defaults"
    ))
}
