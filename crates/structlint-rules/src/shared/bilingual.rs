//! Rules that check both languages: the TypeScript side on the import graph, the Rust side
//! on the facts syn gives of each Rust file (`layers`, `package-privacy`).

use structlint_cargo::{CARGO_WORKSPACE, RUST_FACTS, RustFactsProvider, RustFile};
use structlint_core::{
    AnyProvider, Diagnostic, FileContext, FileFacts, Needs, WorkspaceContext, WorkspaceRule,
};
use structlint_graph::IMPORT_GRAPH;

use crate::shared::import_graph::{GraphRule, OnGraph, graph_of};

/// The Rust half of a rule.
pub(crate) trait RustCheck: Send + Sync {
    /// Whether the rule has anything to check in Rust (else no file is parsed with syn).
    fn active(&self) -> bool {
        true
    }
    fn check_rust(&self, cx: &WorkspaceContext, files: &[RustFile], out: &mut Vec<Diagnostic>);
}

/// A rule with a TypeScript half on the import graph and a Rust half.
pub(crate) struct Bilingual<T, R> {
    pub ts: OnGraph<T>,
    pub rust: R,
}

impl<T: GraphRule, R: RustCheck> WorkspaceRule for Bilingual<T, R> {
    type Facts = ();

    fn needs(&self) -> Needs {
        Needs::always()
    }

    fn providers(&self) -> Vec<&'static dyn AnyProvider> {
        let mut providers: Vec<&'static dyn AnyProvider> = vec![&IMPORT_GRAPH];
        if self.rust.active() {
            providers.extend([&RUST_FACTS as &dyn AnyProvider, &CARGO_WORKSPACE]);
        }
        providers
    }

    fn collect(&self, _: &FileContext<'_>) -> Option<()> {
        None
    }

    fn check(&self, cx: &WorkspaceContext, _: Vec<FileFacts<()>>, out: &mut Vec<Diagnostic>) {
        if let Some(graph) = graph_of(cx) {
            self.ts.0.check_graph(&graph, out);
        }
        let rust = cx.artifact::<RustFactsProvider>();
        if let Some(rust) = rust.filter(|files| self.rust.active() && !files.is_empty()) {
            self.rust.check_rust(cx, &rust, out);
        }
    }
}
