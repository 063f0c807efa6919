//! How every entry point of structlint (the CLI, the library's `Check`, the language server)
//! gets its configuration, written once: the config file named explicitly, else the nearest
//! `structlint.toml` at or above where the check starts, read with every built-in rule and
//! the TOML rules of its `rule-files`; with no config file, the defaults, rooted at the
//! checked directory.

use std::path::{Path, PathBuf};

use structlint_core::{Config, ConfigError, RuleSpec};

/// Every built-in rule.
pub fn builtin_rules() -> &'static [RuleSpec] {
    structlint_rules::builtin()
}

/// How the config file's path appears in messages and in [`Config::file`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigPath {
    /// Relative to the current directory when under it, as a user in a terminal types it.
    RelativeToCwd,
    /// As found: absolute when found by searching an absolute path. For an editor, whose
    /// current directory means nothing to the user.
    AsFound,
}

/// The configuration of a check that starts at `start` (a file or directory), read from
/// `explicit` when given.
pub fn load(
    start: &Path,
    explicit: Option<&Path>,
    shown: ConfigPath,
) -> Result<Config, ConfigError> {
    let file = match explicit {
        Some(explicit) => Some(explicit.to_path_buf()),
        None => structlint_core::find_config(start),
    };
    match file {
        Some(file) => Config::load_with(
            &match shown {
                ConfigPath::RelativeToCwd => relative_to_cwd(&file),
                ConfigPath::AsFound => file,
            },
            builtin_rules(),
            &structlint_toml_rules::TomlRules,
        ),
        None => {
            let root = if start.is_file() {
                start.parent().map(Path::to_path_buf).unwrap_or_default()
            } else {
                start.to_path_buf()
            };
            let root = structlint_core::normalize(&root).map_err(|e| {
                ConfigError::plain(format!("cannot resolve {}: {e}", root.display()))
            })?;
            Config::defaults(root, builtin_rules())
        }
    }
}

/// `path` relative to the current directory when it is under it, so messages show the path
/// the way the user would type it.
fn relative_to_cwd(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|cwd| structlint_core::normalize(&cwd).ok());
    match cwd {
        Some(cwd) => path
            .strip_prefix(&cwd)
            .map_or_else(|_| path.to_path_buf(), Path::to_path_buf),
        None => path.to_path_buf(),
    }
}
