//! The result of a run: findings, notes about files, and counts.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::{Diagnostic, RuleMeta, Severity};

/// What a note is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum NoteKind {
    /// A file was not checked: binary, not UTF-8, too large, unreadable, unsupported.
    Skipped,
    /// The walk could not enter a path (permissions, a symlink loop).
    Walk,
    /// tree-sitter recovered from syntax errors; the file was linted best-effort.
    SyntaxErrors,
    /// syn rejected a Rust file; rules that need it fell back or skipped it.
    SynRejected,
    /// A workspace file rules read (`package.json`, `tsconfig.json`, `pnpm-workspace.yaml`,
    /// `Cargo.toml`) is malformed; the run went on without it.
    Config,
    /// A rule ran out of its budget of steps on the file (a query, pattern or predicate that
    /// backtracks) and gave up on it; the run went on.
    RuleBudget,
}

/// Something about a file the reader should know, that is not a finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Note {
    pub path: String,
    pub kind: NoteKind,
    pub message: String,
}

impl Note {
    /// Notes shown only with `--verbose`: the file was still checked.
    pub fn is_verbose(&self) -> bool {
        matches!(self.kind, NoteKind::SyntaxErrors | NoteKind::SynRejected)
    }
}

/// A rule that ran, as outputs list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRun {
    pub meta: RuleMeta,
    pub severity: Severity,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Files read and checked.
    pub files: usize,
    /// Bytes of those files.
    pub bytes: u64,
    /// Files parsed with tree-sitter.
    pub parsed: usize,
    /// Files skipped (see the notes).
    pub skipped: usize,
    /// Findings left out because the baseline lists them (`structlint-baseline.json`).
    pub baselined: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The project root: every path in the report is relative to it.
    pub root: PathBuf,
    /// Sorted by path, line, column, rule. Includes suppressed findings, flagged.
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<Note>,
    /// Bugs in structlint (a rule panicked, a grammar failed to load): exit code 2.
    pub internal_errors: Vec<String>,
    pub stats: Stats,
    pub rules: Vec<RuleRun>,
    /// The text of files checked from memory rather than disk (`--stdin-filename`), by path:
    /// outputs quote these instead of the file on disk.
    pub buffers: BTreeMap<String, Arc<String>>,
    /// Where the run's time went (`check --timing`).
    pub timing: crate::engine::Timing,
}

impl Report {
    /// Findings that are not suppressed.
    pub fn active(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_suppressed())
    }

    pub fn errors(&self) -> usize {
        self.active()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.active()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn suppressed(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.is_suppressed())
            .count()
    }
}
