//! Finding rule files and reading them.

use std::path::{Path, PathBuf};

use structlint_core::ConfigError;
use structlint_core::glob::matcher;

use crate::compile::{CompiledRule, Source, compile};
use crate::def::{RULE_FIELDS, RuleFile};

/// The files under `root` that `patterns` match, sorted. A pattern that matches no file is an
/// error: a typo must not turn rules off silently; so is one that leaves `root`, since a
/// checkout's config must not make structlint read (and echo) files outside it.
pub fn expand(root: &Path, patterns: &[String]) -> Result<Vec<PathBuf>, ConfigError> {
    let mut found = Vec::new();
    for pattern in patterns {
        if pattern.starts_with('/')
            || Path::new(pattern).has_root()
            || pattern.split(['/', '\\']).any(|p| p == "..")
        {
            return Err(ConfigError::plain(format!(
                "`rule-files` pattern `{pattern}` leaves the workspace {}",
                root.display()
            ))
            .with_help("rule files live inside the workspace: write patterns relative to the config file, without `..`, e.g. \"rules/**/*.toml\""));
        }
        let matcher = matcher(pattern).map_err(|e| {
            ConfigError::plain(format!("invalid glob `{pattern}` in `rule-files`: {e}"))
        })?;
        // Walk only below the pattern's literal prefix, not the whole workspace.
        let literal: Vec<&str> = pattern
            .split('/')
            .take_while(|part| !part.contains(['*', '?', '[', '{']))
            .collect();
        let base = root.join(literal.join("/"));
        let before = found.len();
        if base.is_file() {
            found.push(base);
        } else {
            walk(&base, &mut |path| {
                let relative = path
                    .strip_prefix(root)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .replace('\\', "/");
                if matcher.is_match(&relative) {
                    found.push(path.to_path_buf());
                }
            });
        }
        if found.len() == before {
            return Err(ConfigError::plain(format!(
                "`rule-files` pattern `{pattern}` matches no file under {}",
                root.display()
            ))
            .with_help("patterns are relative to the config file, e.g. \"rules/**/*.toml\""));
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn walk(dir: &Path, visit: &mut dyn FnMut(&Path)) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        match entry.file_type() {
            Ok(t)
                if t.is_dir()
                    && entry.file_name() != "node_modules"
                    && !entry.file_name().to_string_lossy().starts_with('.') =>
            {
                walk(&path, visit)
            }
            Ok(t) if t.is_file() => visit(&path),
            _ => {}
        }
    }
}

/// Reads and compiles the rules of one file, which must resolve to a file under `root`: a
/// parse error shows the file's lines, so a rule file that is a symlink to a secret outside
/// the workspace is refused before it is read. `path` is joined onto `root` already, as
/// [`expand`] returns it.
pub fn load_file(root: &Path, path: &Path) -> Result<Vec<CompiledRule>, ConfigError> {
    compile_file(path, &read_rule_file(root, path)?)
}

/// The text of the rule file at `path`, read as [`load_file`] reads it.
pub(crate) fn read_rule_file(root: &Path, path: &Path) -> Result<String, ConfigError> {
    read_under(root, path).map_err(|e| ConfigError::plain(format!("cannot read rule file: {e}")))
}

/// Compiles the rules of the rule file at `path`, whose text is `text`.
pub(crate) fn compile_file(path: &Path, text: &str) -> Result<Vec<CompiledRule>, ConfigError> {
    let src = Source { path, text };
    let file: RuleFile = toml::from_str(text).map_err(|e| {
        let mut error = ConfigError::from_toml(path, text, &e);
        if error.message.contains("unknown field") {
            error = error.with_help(format!(
                "a [[rule]] has the fields {}",
                RULE_FIELDS.join(", ")
            ));
        }
        error
    })?;
    if file.rule.is_empty() {
        return Err(
            ConfigError::plain(format!("{} has no [[rule]]", path.display())).with_help(
                "a rule file holds one or more [[rule]] tables; see docs/authoring-rules.md",
            ),
        );
    }
    let mut rules: Vec<CompiledRule> = Vec::new();
    for def in file.rule {
        let id_span = def.get_ref().id.span();
        let rule = compile(def, &src)?;
        if rules.iter().any(|r| r.id == rule.id) {
            return Err(src.error(
                id_span,
                format!("rule id `{}` is defined twice in this file", rule.id),
                "second definition",
            ));
        }
        rules.push(rule);
    }
    Ok(rules)
}

/// [`structlint_core::read_inside`] for a path joined onto `root` already (`rules/x.toml`
/// under the root `rules`), as the paths of `structlint test <dir>` are.
pub(crate) fn read_under(root: &Path, path: &Path) -> Result<String, structlint_core::ReadError> {
    structlint_core::read_inside(root, path.strip_prefix(root).unwrap_or(path))
}
