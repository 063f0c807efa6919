//! The import graph as a provider: every TypeScript/JavaScript file's module facts, resolved
//! into one graph per run that every rule over imports reads.

use std::sync::Arc;

use structlint_core::{FileContext, FileFacts, Language, Provider, WorkspaceContext};

use crate::{ImportGraph, ModuleFacts};

/// The languages whose files are modules of the graph.
pub const MODULE_LANGUAGES: [Language; 3] =
    [Language::TypeScript, Language::Tsx, Language::JavaScript];

/// Provides the run's [`ImportGraph`]; declare it with `&IMPORT_GRAPH`.
pub struct ImportGraphProvider;

/// The one instance rules declare.
pub static IMPORT_GRAPH: ImportGraphProvider = ImportGraphProvider;

impl Provider for ImportGraphProvider {
    type Facts = Arc<ModuleFacts>;
    type Artifact = ImportGraph;

    fn name(&self) -> &'static str {
        "import graph"
    }

    fn languages(&self) -> &[Language] {
        &MODULE_LANGUAGES
    }

    fn collect(&self, cx: &FileContext<'_>) -> Option<Arc<ModuleFacts>> {
        // Shared with rules that keep a module's facts next to their own.
        Some(cx.shared(ModuleFacts::extract))
    }

    fn build(&self, cx: &WorkspaceContext, files: Vec<FileFacts<Arc<ModuleFacts>>>) -> ImportGraph {
        ImportGraph::build(cx, &files)
    }
}
