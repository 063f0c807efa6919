//! What the rules over the TypeScript import graph share: they all collect a module's facts
//! (once per file, whichever rule asks first) and read one graph, built once per run.

use std::sync::Arc;

use structlint_core::{
    Diagnostic, Edit, FileContext, FileFacts, Input, Language, Needs, Position, Replacement, Span,
    WorkspaceContext, WorkspaceRule,
};
use structlint_graph::{ImportGraph, ModuleFacts, ModuleRef, paths};

pub(crate) const TS_FAMILY: [Language; 3] =
    [Language::TypeScript, Language::Tsx, Language::JavaScript];

/// A rule that checks the import graph.
pub(crate) trait GraphRule: Send + Sync {
    fn check_graph(&self, graph: &ImportGraph, out: &mut Vec<Diagnostic>);
}

/// Runs a [`GraphRule`] as a workspace rule.
pub(crate) struct OnGraph<R>(pub R);

impl<R: GraphRule> WorkspaceRule for OnGraph<R> {
    type Facts = Arc<ModuleFacts>;

    fn languages(&self) -> &[Language] {
        &TS_FAMILY
    }

    fn needs(&self) -> Needs {
        Needs::new(Input::Tree)
    }

    fn collect(&self, cx: &FileContext<'_>) -> Option<Self::Facts> {
        Some(cx.shared(ModuleFacts::extract))
    }

    fn check(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<Self::Facts>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let graph = cx.shared(|| ImportGraph::build(cx, &files));
        self.0.check_graph(&graph, out);
    }
}

/// The import graph of the modules a rule collected next to its own facts, for advice that
/// names an import; shared with the graph rules when they run.
pub(crate) fn graph_of<'f>(
    cx: &WorkspaceContext,
    modules: impl Iterator<Item = (&'f String, Option<&'f Arc<ModuleFacts>>)>,
) -> Option<Arc<ImportGraph>> {
    let modules: Vec<FileFacts<Arc<ModuleFacts>>> = modules
        .filter_map(|(path, facts)| {
            Some(FileFacts {
                path: path.clone(),
                facts: Arc::clone(facts?),
            })
        })
        .collect();
    (!modules.is_empty()).then(|| cx.shared(|| ImportGraph::build(cx, &modules)))
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
pub(crate) fn specifier_edit(r: &ModuleRef, new: &str, description: String) -> Edit {
    let q = r.quote;
    Edit {
        description,
        replacements: vec![Replacement {
            span: r.specifier_span.clone(),
            text: format!("{q}{new}{q}"),
        }],
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
        path: path.to_string(),
        start: 0,
        end: 0,
        start_pos: start,
        end_pos: start,
    }
}
