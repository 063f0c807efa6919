//! The options for adopting structlint on a large workspace (baseline, changed files,
//! buffers from stdin, statistics), kept apart from `cli.rs` so each feature's flags stay
//! together.

use std::path::PathBuf;

use clap::Args;

/// Options of `check` for adopting structlint on code that has findings today.
#[derive(Debug, Args)]
pub struct AdoptArgs {
    /// Leave out the findings listed in FILE (default: structlint-baseline.json at the
    /// workspace root, when it exists); see `structlint baseline`.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Check the text on stdin as the file PATH of the workspace (for editors, hooks and
    /// agents checking a buffer before it is written).
    #[arg(long, value_name = "PATH", conflicts_with = "paths")]
    pub stdin_filename: Option<PathBuf>,
    /// Report only findings in files changed since the git revision REF (and untracked
    /// files), and workspace findings that involve them; the whole workspace is still read.
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Print the number of findings per rule, most first, instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Print on stderr where the run's time went: each phase, the parses, and each rule and
    /// provider (the output itself is unchanged).
    #[arg(long)]
    pub timing: bool,
    /// Keep each file's findings and facts in .structlint-cache/ at the workspace root, so
    /// that the next run parses only the files that changed.
    #[arg(long, conflicts_with = "stdin_filename")]
    pub cache: bool,
    /// Keep the cache in DIR instead of .structlint-cache/ (implies --cache).
    #[arg(long, value_name = "DIR", conflicts_with = "stdin_filename")]
    pub cache_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// The workspace (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Use this config file instead of the nearest structlint.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// The baseline file (default: structlint-baseline.json at the workspace root).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Drop the entries whose findings are gone; never add new ones.
    #[arg(long, conflicts_with = "update")]
    pub prune: bool,
    /// Rewrite the baseline with today's findings, new ones included.
    #[arg(long)]
    pub update: bool,
}
