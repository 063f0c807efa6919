//! Rules that check both languages: the TypeScript side on the import graph, the Rust side
//! on the facts syn gives of each Rust file (`layers`, `package-privacy`).

use std::sync::Arc;

use structlint_cargo::RustFacts;
use structlint_core::{
    Diagnostic, FileContext, FileFacts, Input, Language, Needs, WorkspaceContext, WorkspaceRule,
};
use structlint_graph::ModuleFacts;

use crate::shared::import_graph::{GraphRule, OnGraph};

/// A Rust file's facts, shared by the rules that read them.
pub(crate) type RustFile = FileFacts<Arc<RustFacts>>;

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

pub(crate) enum SourceFacts {
    Ts(Arc<ModuleFacts>),
    Rust(Arc<RustFacts>),
}

impl<T: GraphRule, R: RustCheck> WorkspaceRule for Bilingual<T, R> {
    type Facts = SourceFacts;

    fn needs(&self) -> Needs {
        Needs::new(Input::Tree)
    }

    fn collect(&self, cx: &FileContext<'_>) -> Option<SourceFacts> {
        if cx.language() != Language::Rust {
            return self.ts.collect(cx).map(SourceFacts::Ts);
        }
        if !self.rust.active() {
            return None;
        }
        // Extracted once per file for every rule that reads them.
        let facts = cx.shared(|cx| RustFacts::extract(cx).map(Arc::new));
        facts.as_ref().clone().map(SourceFacts::Rust)
    }

    fn check(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<SourceFacts>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let (mut ts, mut rust) = (Vec::new(), Vec::new());
        for f in files {
            match f.facts {
                SourceFacts::Ts(facts) => ts.push(FileFacts {
                    path: f.path,
                    facts,
                }),
                SourceFacts::Rust(facts) => rust.push(FileFacts {
                    path: f.path,
                    facts,
                }),
            }
        }
        if !ts.is_empty() {
            self.ts.check(cx, ts, out);
        }
        if self.rust.active() && !rust.is_empty() {
            self.rust.check_rust(cx, &rust, out);
        }
    }
}
