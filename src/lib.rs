//! structlint as a library: the same checks as `structlint check`, for `#[test]`s and tools.
//!
//! ```no_run
//! let report = structlint::Check::workspace(".").run().expect("config is valid");
//! assert_eq!(report.errors(), 0);
//! ```

use std::path::{Path, PathBuf};

pub use structlint_core::{
    CONFIG_FILE, Config, ConfigError, Diagnostic, Engine, Note, NoteKind, Report, RuleSpec,
    Severity, Span, WorkspaceContext,
};
pub use structlint_output::{
    OutputOptions, agent, github, human, json, junit, sarif, sarif_config_error,
};

/// Every built-in rule.
pub fn builtin_rules() -> &'static [RuleSpec] {
    structlint_rules::builtin()
}

/// A check of some paths, configured like `structlint check`.
#[derive(Debug, Clone, Default)]
pub struct Check {
    inputs: Vec<PathBuf>,
    config: Option<PathBuf>,
}

impl Check {
    /// Check the directory (or file) at `path` with the nearest `structlint.toml`.
    pub fn workspace(path: impl Into<PathBuf>) -> Check {
        Check {
            inputs: vec![path.into()],
            config: None,
        }
    }

    /// Check several files or directories; the config is found from the first.
    pub fn paths(paths: impl IntoIterator<Item = impl Into<PathBuf>>) -> Check {
        Check {
            inputs: paths.into_iter().map(Into::into).collect(),
            config: None,
        }
    }

    /// Use this config file instead of looking for one.
    pub fn config(mut self, path: impl Into<PathBuf>) -> Check {
        self.config = Some(path.into());
        self
    }

    /// The configuration this check would use.
    pub fn load_config(&self) -> Result<Config, ConfigError> {
        let start = self
            .inputs
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        let file = match &self.config {
            Some(explicit) => Some(explicit.clone()),
            None => structlint_core::find_config(&start),
        };
        match file {
            Some(file) => Config::load_with(
                &relative_to_cwd(&file),
                builtin_rules(),
                &structlint_toml_rules::TomlRules,
            ),
            None => {
                let root = if start.is_file() {
                    start.parent().map(Path::to_path_buf).unwrap_or_default()
                } else {
                    start
                };
                let root = structlint_core::normalize(&root).map_err(|e| {
                    ConfigError::plain(format!("cannot resolve {}: {e}", root.display()))
                })?;
                Config::defaults(root, builtin_rules())
            }
        }
    }

    /// Runs the check and keeps the workspace context, whose artifacts (the import graph)
    /// tools reuse.
    pub fn run_with_context(&self) -> Result<(Report, WorkspaceContext), ConfigError> {
        let engine = Engine::new(self.load_config()?);
        engine.check_with_context(&self.inputs)
    }

    /// Runs the check. `Err` is a configuration or usage problem (exit code 2 in the CLI);
    /// findings, skipped files and internal errors are in the report.
    pub fn run(&self) -> Result<Report, ConfigError> {
        let engine = Engine::new(self.load_config()?);
        engine.check(&self.inputs)
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
