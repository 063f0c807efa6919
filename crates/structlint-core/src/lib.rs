//! The model and engine of structlint.
//!
//! A run has two phases. The **file phase** (parallel, rayon) reads each discovered file,
//! runs the per-file rules on one shared parse, and extracts the facts workspace rules need;
//! the tree is dropped when the file is done, so memory stays flat. The **workspace phase**
//! runs rules over the facts of every file. Suppression comments are applied last, and the
//! findings are sorted (path, line, column, rule) so output never depends on thread count.
//!
//! - [`Diagnostic`]: a finding as a prompt (summary, why, numbered fix steps, related
//!   locations, an optional machine-applicable [`Edit`]).
//! - [`Config`]: `structlint.toml`, validated with errors that point at the TOML line.
//! - [`FileRule`] / [`WorkspaceRule`]: what rules implement; [`RuleSpec`]: the registry entry.
//! - [`Provider`]: an artifact several rules read (the import graph), built once per run.
//! - [`Engine`]: discovery, the two phases, suppressions; returns a [`Report`].
//! - [`read_inside`]: the one way to read a file a config or manifest names;
//!   [`write_atomic`]: the one way to write a report or snapshot.

mod atomic;
mod clip;
pub mod config;
mod diagnostic;
mod engine;
mod fix;
mod gitignore;
pub mod glob;
mod inside;
mod looked;
mod provider;
mod report;
mod rule;
mod rule_options;
mod source;
pub mod suppress;
#[cfg(feature = "test-support")]
pub mod test_support;
mod text;
mod workspace;

pub use atomic::{write_atomic, write_atomic_with};
pub use clip::clip;
pub use config::{
    CONFIG_FILE, Config, ConfigError, FilesConfig, ResolveConfig, closest, config_schema,
    enclosing_config, find_config, nested_config, schema_generator,
};
pub use diagnostic::{
    Applicability, Diagnostic, Edit, Position, Related, Replacement, Severity, Span, Suppression,
    plural,
};
pub use engine::paths::normalize;
pub use engine::read::too_large;
pub use engine::{Engine, Progress, Timing};
pub use fix::{FileEdits, apply_edits};
pub use inside::{ReadError, ReadErrorKind, check_relative, read_inside, resolve_inside};
pub use provider::{AnyProvider, Provider};
pub use report::{Note, NoteKind, Report, RuleRun, Stats};
pub use rule::{
    ActiveRule, AnyWorkspaceRule, FileFacts, FileRule, Level, LoadedRule, Needs, RuleImpl,
    RuleLoader, RuleMeta, RuleSpec, WorkspaceRule, is_url,
};
pub use rule_options::RuleOptions;
pub use source::{FileContext, SourceFile};
pub use structlint_lang::{Language, LineIndex, NodeNames, tree_sitter};
pub use text::Text;
pub use workspace::{FileIndex, WorkspaceContext};
