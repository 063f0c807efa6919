//! How every entry point of structlint (the CLI, the library's `Check`, the language server)
//! gets its configuration, written once: the config file named explicitly, else the nearest
//! `structlint.toml` at or above the checked paths, read with every built-in rule and the TOML
//! rules of its `rule-files`; with no config file, the defaults, rooted at the workspace that
//! holds the checked paths. Which paths are named, and in which order,
//! never changes the workspace: they only choose what is reported.

use std::path::{Path, PathBuf};

use structlint_core::{Config, ConfigError, RuleSpec};
use workspace::Workspace;

mod workspace;

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

/// The configuration of a check of `inputs` (files or directories; the current directory
/// when empty), read from `explicit` when given. Inputs in different workspaces are an error.
pub fn load(
    inputs: &[PathBuf],
    explicit: Option<&Path>,
    shown: ConfigPath,
) -> Result<Config, ConfigError> {
    let workspace = match explicit {
        Some(explicit) => Workspace::Config(explicit.to_path_buf()),
        None => workspace::common(inputs)?,
    };
    match workspace {
        Workspace::Config(file) => Config::load_with(
            &match shown {
                ConfigPath::RelativeToCwd => relative_to_cwd(&file),
                ConfigPath::AsFound => file,
            },
            builtin_rules(),
            &structlint_toml_rules::TomlRules,
        ),
        Workspace::Root(root) => Config::defaults(root, builtin_rules()),
    }
}

/// `path` relative to the current directory when it is under it, so messages show the path
/// the way the user would type it.
pub(crate) fn relative_to_cwd(path: &Path) -> PathBuf {
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
