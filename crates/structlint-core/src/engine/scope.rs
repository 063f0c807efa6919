//! What one run covers: which rules, and whether it may replay the cached workspace phase.

/// Whether a run may take its workspace phase from the result cache: not when the caller
/// keeps the context for its artifacts, which only a phase that runs builds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Replay {
    Allowed,
    Never,
}

/// Which rules a run checks: all of them (the CLI), the per-file rules only (an editor's
/// keystroke: one file, no workspace phase), or the workspace rules only (the editor's
/// background pass over the whole workspace).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    All,
    FileRules,
    WorkspaceRules,
}

impl Scope {
    pub(super) fn file_rules(self) -> bool {
        self != Scope::WorkspaceRules
    }
    pub(super) fn workspace_rules(self) -> bool {
        self != Scope::FileRules
    }
}
