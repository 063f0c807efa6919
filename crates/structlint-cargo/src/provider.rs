//! The Cargo side as providers: the workspace's member crates, read from the manifests once
//! per run, and every Rust file's facts from syn.

use std::sync::Arc;

use structlint_core::{FileContext, FileFacts, Language, Provider, WorkspaceContext};

use crate::{CargoWorkspace, RustFacts};

/// Provides the run's [`CargoWorkspace`]; declare it with `&CARGO_WORKSPACE`.
pub struct CargoWorkspaceProvider;

/// The one instance rules declare.
pub static CARGO_WORKSPACE: CargoWorkspaceProvider = CargoWorkspaceProvider;

impl Provider for CargoWorkspaceProvider {
    type Facts = ();
    type Artifact = CargoWorkspace;

    fn name(&self) -> &'static str {
        "Cargo workspace"
    }

    /// The manifests are read when the artifact is built, not per source file.
    fn languages(&self) -> &[Language] {
        &[]
    }

    fn collect(&self, _: &FileContext<'_>) -> Option<()> {
        None
    }

    fn build(&self, cx: &WorkspaceContext, _: Vec<FileFacts<()>>) -> CargoWorkspace {
        CargoWorkspace::discover(cx)
    }
}

/// A Rust file's facts, as rules read them.
pub type RustFile = FileFacts<Arc<RustFacts>>;

/// Provides every Rust file's [`RustFacts`] in path order; declare it with `&RUST_FACTS`.
/// Files syn cannot parse are left out.
pub struct RustFactsProvider;

/// The one instance rules declare.
pub static RUST_FACTS: RustFactsProvider = RustFactsProvider;

impl Provider for RustFactsProvider {
    type Facts = Arc<RustFacts>;
    type Artifact = Vec<RustFile>;

    fn name(&self) -> &'static str {
        "Rust facts"
    }

    fn languages(&self) -> &[Language] {
        &[Language::Rust]
    }

    fn collect(&self, cx: &FileContext<'_>) -> Option<Arc<RustFacts>> {
        RustFacts::extract(cx).map(Arc::new)
    }

    fn build(&self, _: &WorkspaceContext, files: Vec<RustFile>) -> Vec<RustFile> {
        files
    }
}
