//! structlint as a library: the same checks as `structlint check`, for `#[test]`s and tools.
//!
//! In a Cargo project, a test that fails with the agent-format report when the workspace has
//! an error finding:
//!
//! ```no_run
//! #[test]
//! fn structure() -> Result<(), structlint::ConfigError> {
//!     structlint::Check::workspace(env!("CARGO_MANIFEST_DIR")).run()?.assert_clean();
//!     Ok(())
//! }
//! ```
//!
//! The [`Findings`] of a run are a [`Report`]: count, filter or render them as the CLI does.
//!
//! ```no_run
//! let findings = structlint::Check::workspace(".").run().expect("config is valid");
//! assert_eq!(findings.errors(), 0);
//! ```

use std::path::PathBuf;

pub use structlint_core::{
    AnyProvider, CONFIG_FILE, Config, ConfigError, Diagnostic, Engine, Note, NoteKind, Report,
    RuleSpec, Severity, Span, Text, WorkspaceContext,
};
pub use structlint_output::{
    Clipped, FindingKey, OutputFormat, OutputOptions, finding_keys, sarif_config_error,
};

use structlint_session::ConfigPath;
pub use structlint_session::builtin_rules;

/// Where the JSON Schema of this version's `structlint.toml` is published: the target of the
/// `#:schema` line that `structlint init` writes, which Taplo and Even Better TOML read.
pub const CONFIG_SCHEMA_URL: &str = concat!(
    "https://raw.githubusercontent.com/structlint/structlint/v",
    env!("CARGO_PKG_VERSION"),
    "/docs/structlint.schema.json"
);

/// The JSON Schema of `structlint.toml` with the built-in rules, as `structlint schema`
/// prints it and `docs/structlint.schema.json` holds it.
pub fn config_schema() -> String {
    let schema = structlint_rules::config_schema();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A check of some paths, configured like `structlint check`.
#[derive(Debug, Clone, Default)]
pub struct Check {
    inputs: Vec<PathBuf>,
    config: Option<PathBuf>,
    cache: Option<CacheAt>,
}

/// Where a check keeps its result cache.
#[derive(Debug, Clone)]
enum CacheAt {
    /// [`CACHE_DIR`] at the workspace root, which is known only once the config is found.
    Root,
    Dir(PathBuf),
}

/// The folder of the result cache at the workspace root (`check --cache`).
pub const CACHE_DIR: &str = ".structlint-cache";

impl Check {
    /// Check the directory (or file) at `path` with the nearest `structlint.toml`.
    pub fn workspace(path: impl Into<PathBuf>) -> Check {
        Check {
            inputs: vec![path.into()],
            ..Check::default()
        }
    }

    /// Check several files or directories of one workspace: its config (or root) is found from
    /// any of them alike, and the paths only choose which findings are reported.
    pub fn paths(paths: impl IntoIterator<Item = impl Into<PathBuf>>) -> Check {
        Check {
            inputs: paths.into_iter().map(Into::into).collect(),
            ..Check::default()
        }
    }

    /// Use this config file instead of looking for one.
    pub fn config(mut self, path: impl Into<PathBuf>) -> Check {
        self.config = Some(path.into());
        self
    }

    /// Keep each file's outcome in [`CACHE_DIR`] at the workspace root between runs, so that
    /// a run parses only the files that changed; the report is the same as without.
    pub fn cache(mut self) -> Check {
        self.cache = Some(CacheAt::Root);
        self
    }

    /// [`Check::cache`] in `dir` instead.
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Check {
        self.cache = Some(CacheAt::Dir(dir.into()));
        self
    }

    /// The engine of this check, with its cache if asked for.
    fn engine(&self) -> Result<Engine, ConfigError> {
        let engine = Engine::new(self.load_config()?);
        Ok(match &self.cache {
            None => engine,
            Some(CacheAt::Root) => {
                let dir = engine.root().join(CACHE_DIR);
                // A checked-out repository decides what sits at this path: a symlink there
                // would have the cache written wherever it points, outside the workspace.
                let real_folder = dir.symlink_metadata().map_or(true, |m| m.is_dir());
                if !real_folder {
                    return Err(ConfigError::plain(format!(
                        "{} is not a folder (a symlink or a file); the cache is written only into a real folder of the workspace",
                        dir.display()
                    ))
                    .with_help("remove it, or pass --cache-dir with a folder of your own"));
                }
                engine.with_cache(dir)
            }
            Some(CacheAt::Dir(dir)) => engine.with_cache(dir.clone()),
        })
    }

    /// The configuration this check would use.
    pub fn load_config(&self) -> Result<Config, ConfigError> {
        structlint_session::load(
            &self.inputs,
            self.config.as_deref(),
            ConfigPath::RelativeToCwd,
        )
    }

    /// Runs the check and keeps the workspace context, with the artifacts of `providers`
    /// built whether or not a rule declares them (the import graph for `structlint graph`).
    pub fn run_with_context(
        &self,
        providers: &[&'static dyn AnyProvider],
    ) -> Result<(Report, WorkspaceContext), ConfigError> {
        let mut engine = self.engine()?;
        for provider in providers {
            engine.provide(*provider);
        }
        engine.check_with_context(&self.inputs)
    }

    /// Runs the check. `Err` is a configuration or usage problem (exit code 2 in the CLI);
    /// findings, skipped files and internal errors are in the report.
    pub fn run(&self) -> Result<Findings, ConfigError> {
        let engine = self.engine()?;
        Ok(Findings(engine.check(&self.inputs)?))
    }

    /// [`Check::run`], telling `progress` how many files it reads and when each is done.
    pub fn run_with_progress(
        &self,
        progress: std::sync::Arc<dyn structlint_core::Progress>,
    ) -> Result<Findings, ConfigError> {
        let mut engine = self.engine()?;
        engine.set_progress(progress);
        Ok(Findings(engine.check(&self.inputs)?))
    }
}

/// The report of a run, with [`Findings::assert_clean`] for tests; it derefs to [`Report`].
#[derive(Debug)]
pub struct Findings(Report);

impl Findings {
    /// Panics when the run found an error (warnings pass, as with `structlint check`) or hit
    /// an internal error; the panic message is the agent-format report, which says what to
    /// fix and how.
    #[track_caller]
    pub fn assert_clean(&self) {
        if self.0.errors() > 0 || !self.0.internal_errors.is_empty() {
            let options = OutputOptions {
                base: self.0.root.clone(),
                max_per_rule: 0,
                ..OutputOptions::default()
            };
            let text = OutputFormat::Agent.render(&self.0, &options);
            panic!("structlint found problems:\n\n{text}");
        }
    }

    pub fn into_report(self) -> Report {
        self.0
    }
}

impl std::ops::Deref for Findings {
    type Target = Report;

    fn deref(&self) -> &Report {
        &self.0
    }
}
