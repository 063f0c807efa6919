//! What the rules over the TypeScript import graph share: they declare the import graph
//! provider and read its one graph, built once per run before any of them runs.

use std::sync::Arc;

use structlint_core::{
    AnyProvider, Applicability, Diagnostic, Edit, FileContext, FileFacts, Language, Needs,
    Position, Replacement, Span, WorkspaceContext, WorkspaceRule,
};
use structlint_graph::{
    IMPORT_GRAPH, ImportGraph, ImportGraphProvider, MODULE_LANGUAGES, ModuleRef, paths,
};

/// A rule that checks the import graph.
pub(crate) trait GraphRule: Send + Sync {
    fn check_graph(&self, graph: &ImportGraph, out: &mut Vec<Diagnostic>);
}

/// Runs a [`GraphRule`] as a workspace rule.
pub(crate) struct OnGraph<R>(pub R);

impl<R: GraphRule> WorkspaceRule for OnGraph<R> {
    type Facts = ();

    fn languages(&self) -> &[Language] {
        &MODULE_LANGUAGES
    }

    fn needs(&self) -> Needs {
        Needs::always()
    }

    fn providers(&self) -> Vec<&'static dyn AnyProvider> {
        vec![&IMPORT_GRAPH]
    }

    fn collect(&self, _: &FileContext<'_>) -> Option<()> {
        None
    }

    fn check(&self, cx: &WorkspaceContext, _: Vec<FileFacts<()>>, out: &mut Vec<Diagnostic>) {
        if let Some(graph) = cx.artifact::<ImportGraphProvider>() {
            self.0.check_graph(&graph, out);
        }
    }
}

/// The run's import graph, for advice that names an import; `None` when the workspace has no
/// TypeScript or JavaScript module (or the rule did not declare the provider).
pub(crate) fn graph_of(cx: &WorkspaceContext) -> Option<Arc<ImportGraph>> {
    cx.artifact::<ImportGraphProvider>()
        .filter(|graph| !graph.files.is_empty())
}

/// Whether rewriting `r` (in `importer`) to import `target` is known to be right: `target` is
/// a module of the graph other than the importer, and it exports every name `r` imports. An
/// edit that could break code is worse than none.
pub(crate) fn safe_target(
    graph: &ImportGraph,
    importer: &str,
    r: &ModuleRef,
    target: &str,
) -> bool {
    if target == importer || graph.file(target).is_none() {
        return false;
    }
    let exports = graph.exports(target);
    imported_names(r)
        .iter()
        .all(|name| exports.names.contains(name))
}

/// `path:line` of a reference, for messages that name several places.
pub(crate) fn place(r: &ModuleRef) -> String {
    format!("{}:{}", r.span.path, r.span.start_pos.line)
}

/// The names a reference imports, for messages: `{ a, b }`, `* as ns`, `default`.
pub(crate) fn imported_names(r: &ModuleRef) -> Vec<String> {
    r.names
        .iter()
        .filter(|n| n.name != "*")
        .map(|n| n.name.clone())
        .collect()
}

/// The specifier `to` (a root-relative file) would have from a module in `from_dir`, without
/// its extension, as TypeScript projects write them.
pub(crate) fn relative_specifier(from_dir: &str, to: &str) -> String {
    let stem = [
        ".d.ts", ".tsx", ".ts", ".jsx", ".js", ".mts", ".cts", ".mjs", ".cjs",
    ]
    .iter()
    .find_map(|e| to.strip_suffix(e))
    .unwrap_or(to);
    let stem = stem.strip_suffix("/index").unwrap_or(stem);
    paths::relative(from_dir, stem)
}

/// A replacement of a specifier literal that keeps its quote style.
/// Callers say why their rewrite is or is not [`Applicability::Safe`].
pub(crate) fn specifier_edit(
    r: &ModuleRef,
    new: &str,
    description: String,
    applicability: Applicability,
) -> Edit {
    let q = r.quote;
    Edit {
        description,
        replacements: vec![Replacement {
            span: r.specifier_span.clone(),
            text: format!("{q}{new}{q}"),
        }],
        applicability,
    }
}

/// The start of the file `path`, for findings about a whole file or folder.
pub(crate) fn file_start(path: &str) -> Span {
    let start = Position {
        line: 1,
        column: 1,
        column_utf16: 1,
    };
    Span {
        path: path.to_string().into(),
        start: 0,
        end: 0,
        start_pos: start,
        end_pos: start,
    }
}
