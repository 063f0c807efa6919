//! Providers: the artifacts several rules share (the import graph, the Cargo workspace, every
//! Rust file's facts). A rule declares the providers it reads; the engine collects each
//! provider's facts once per file in the file phase, whatever the rules' prefilter literals,
//! builds each artifact once from all files before any workspace rule runs, and hands it out
//! read-only through [`WorkspaceContext::artifact`]. So an artifact never depends on which
//! rule asked first, and no lock is held while one is built.

use std::any::{Any, TypeId};
use std::sync::Arc;

use structlint_lang::Language;

use crate::{FileContext, FileFacts, WorkspaceContext};

/// A named artifact built once per run from the facts of every file of its languages.
pub trait Provider: Send + Sync + 'static {
    /// What one file contributes; serializable so that the result cache can keep it.
    type Facts: Send + serde::Serialize + serde::de::DeserializeOwned + 'static;
    /// What rules read.
    type Artifact: Send + Sync + 'static;
    /// A short name for messages and tests, e.g. `import-graph`.
    fn name(&self) -> &'static str;
    /// The languages whose files contribute facts; none for an artifact read from manifests.
    fn languages(&self) -> &[Language];
    fn collect(&self, cx: &FileContext<'_>) -> Option<Self::Facts>;
    /// Builds the artifact; `files` are in path order.
    fn build(&self, cx: &WorkspaceContext, files: Vec<FileFacts<Self::Facts>>) -> Self::Artifact;
}

/// Type-erased [`Provider`], so rules can list providers of different types.
pub trait AnyProvider: Send + Sync {
    fn name(&self) -> &'static str;
    fn languages(&self) -> &[Language];
    /// The provider's type, which keys its artifact.
    fn key(&self) -> TypeId;
    fn collect_any(&self, cx: &FileContext<'_>) -> Option<Box<dyn Any + Send>>;
    /// The cache's bytes of facts `collect_any` returned; `None` for another type.
    fn encode_facts(&self, facts: &(dyn Any + Send)) -> Option<Vec<u8>>;
    /// Facts back from [`AnyProvider::encode_facts`]' bytes; `None` when they do not decode.
    fn decode_facts(&self, bytes: &[u8]) -> Option<Box<dyn Any + Send>>;
    fn build_any(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<Box<dyn Any + Send>>>,
    ) -> Arc<dyn Any + Send + Sync>;
}

impl<P: Provider> AnyProvider for P {
    fn name(&self) -> &'static str {
        Provider::name(self)
    }
    fn languages(&self) -> &[Language] {
        Provider::languages(self)
    }
    fn key(&self) -> TypeId {
        TypeId::of::<P>()
    }
    fn collect_any(&self, cx: &FileContext<'_>) -> Option<Box<dyn Any + Send>> {
        self.collect(cx).map(|f| Box::new(f) as Box<dyn Any + Send>)
    }
    fn encode_facts(&self, facts: &(dyn Any + Send)) -> Option<Vec<u8>> {
        crate::engine::encode_any::<P::Facts>(facts)
    }
    fn decode_facts(&self, bytes: &[u8]) -> Option<Box<dyn Any + Send>> {
        crate::engine::decode_any::<P::Facts>(bytes)
    }
    fn build_any(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<Box<dyn Any + Send>>>,
    ) -> Arc<dyn Any + Send + Sync> {
        let typed = files
            .into_iter()
            .filter_map(|f| {
                Some(FileFacts {
                    path: f.path,
                    facts: *f.facts.downcast::<P::Facts>().ok()?,
                })
            })
            .collect();
        Arc::new(self.build(cx, typed))
    }
}

/// The providers a set of rules declares, each once, in the order first declared.
pub(crate) fn distinct<'a>(
    declared: impl IntoIterator<Item = &'a dyn AnyProvider>,
) -> Vec<&'a dyn AnyProvider> {
    let mut out: Vec<&dyn AnyProvider> = Vec::new();
    for p in declared {
        if !out.iter().any(|q| q.key() == p.key()) {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::rule::{ActiveRule, Needs, RuleImpl, RuleMeta, WorkspaceRule};
    use crate::{Config, Diagnostic, Engine, Severity, SourceFile};

    static BUILDS: AtomicUsize = AtomicUsize::new(0);
    static COLLECTS: AtomicUsize = AtomicUsize::new(0);

    /// The paths of every Rust file, counting its builds and per-file collections.
    struct RustPaths;
    static RUST_PATHS: RustPaths = RustPaths;

    impl Provider for RustPaths {
        type Facts = ();
        type Artifact = Vec<String>;
        fn name(&self) -> &'static str {
            "rust-paths"
        }
        fn languages(&self) -> &[Language] {
            &[Language::Rust]
        }
        fn collect(&self, _: &FileContext<'_>) -> Option<()> {
            COLLECTS.fetch_add(1, Ordering::SeqCst);
            Some(())
        }
        fn build(&self, _: &WorkspaceContext, files: Vec<FileFacts<()>>) -> Vec<String> {
            BUILDS.fetch_add(1, Ordering::SeqCst);
            files.into_iter().map(|f| f.path).collect()
        }
    }

    /// Reports how many files the artifact holds; runs only on files with its literal.
    struct CountPaths(&'static str);

    impl WorkspaceRule for CountPaths {
        type Facts = ();
        fn needs(&self) -> Needs {
            Needs::literals(&[self.0])
        }
        fn providers(&self) -> Vec<&'static dyn AnyProvider> {
            vec![&RUST_PATHS]
        }
        fn collect(&self, _: &FileContext<'_>) -> Option<()> {
            None
        }
        fn check(&self, cx: &WorkspaceContext, _: Vec<FileFacts<()>>, out: &mut Vec<Diagnostic>) {
            let paths = cx.artifact::<RustPaths>().expect("declared, so built");
            let file = SourceFile::new(paths[0].clone(), PathBuf::new(), Language::Rust, "".into());
            out.push(Diagnostic::new(file.span(0..0), paths.join(" ")));
        }
    }

    fn rule(id: &str, literal: &'static str) -> ActiveRule {
        ActiveRule {
            meta: RuleMeta::named(id),
            severity: Severity::Error,
            imp: RuleImpl::Workspace(Box::new(CountPaths(literal))),
        }
    }

    #[test]
    fn each_artifact_is_built_once_from_every_file_whatever_the_literals() {
        let mut config = Config::defaults(PathBuf::from("/ws"), &[]).unwrap();
        config.rules = vec![rule("a", "alpha"), rule("b", "beta")];
        let engine = Engine::new(config);
        let source = |path: &str, text: &str| {
            SourceFile::new(path.into(), PathBuf::new(), Language::Rust, text.into())
        };
        let files = [
            source("a.rs", "// alpha\n"),
            source("b.rs", "// beta\n"),
            source("c.rs", "// neither\n"),
        ];
        for threads in [1, 2, 8] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let (builds, collects) = (
                BUILDS.load(Ordering::SeqCst),
                COLLECTS.load(Ordering::SeqCst),
            );
            let report = pool.install(|| engine.check_sources(&files));
            assert_eq!(
                BUILDS.load(Ordering::SeqCst) - builds,
                1,
                "{threads} threads"
            );
            assert_eq!(
                COLLECTS.load(Ordering::SeqCst) - collects,
                3,
                "{threads} threads"
            );
            let summaries: Vec<_> = report.diagnostics.iter().map(|d| &d.summary).collect();
            assert_eq!(summaries, ["a.rs b.rs c.rs", "a.rs b.rs c.rs"]);
        }
    }
}
