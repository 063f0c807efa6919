//! `fetch-retry-timeout` as a workspace rule: facts per file, then the callers followed across
//! files; and, as an editor types, one file checked against the last run's other files.

use std::collections::BTreeMap;
use std::sync::{Arc, PoisonError, RwLock};

use globset::GlobSet;
use structlint_cargo::{CARGO_WORKSPACE, CargoWorkspace, CargoWorkspaceProvider};
use structlint_core::{
    AnyProvider, Diagnostic, FileContext, FileFacts, Language, Needs, WorkspaceContext,
    WorkspaceRule,
};
use structlint_graph::{IMPORT_GRAPH, ImportGraph, ModuleFacts, RefKind};

use crate::fetch_retry_timeout::advice::Advisor;
use crate::fetch_retry_timeout::callers::{Callers, Origins};
use crate::fetch_retry_timeout::model::{Definition, FetchFacts, Wrappers, last_segment};
use crate::fetch_retry_timeout::workspace::{docs_sites, in_docs_site, origins};
use crate::shared::import_graph::graph_of;
use crate::shared::outline::outline;
use crate::shared::provenance::provenance;

pub(crate) struct FetchRetryTimeout {
    wrappers: Wrappers,
    allow_in: GlobSet,
    /// What the last workspace run found, for a file an editor checks as the user types.
    last: RwLock<Last>,
}

#[derive(Default)]
struct Last {
    files: Vec<FileFacts<FetchFacts>>,
    origins: Origins,
    docs_sites: Vec<String>,
    definitions: BTreeMap<String, Definition>,
    graph: Option<Arc<ImportGraph>>,
    cargo: Option<Arc<CargoWorkspace>>,
}

impl FetchRetryTimeout {
    pub fn new(wrappers: Wrappers, allow_in: GlobSet) -> FetchRetryTimeout {
        FetchRetryTimeout {
            wrappers,
            allow_in,
            last: RwLock::default(),
        }
    }

    /// The findings over `files`, with what the workspace run found (`last`) and the wrapper
    /// definitions to point at; only those in the file `only`, when given. Written straight
    /// into `out`: a second list of thousands of findings would double the peak memory.
    fn report(
        &self,
        last: &Last,
        definitions: &BTreeMap<String, Definition>,
        files: Vec<&FileFacts<FetchFacts>>,
        only: Option<&str>,
        out: &mut Vec<Diagnostic>,
    ) {
        let advisor = Advisor {
            wrappers: &self.wrappers,
            definitions,
            graph: last.graph.as_deref(),
            cargo: last.cargo.as_deref(),
            import_steps: Default::default(),
        };
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let mut findings = Callers::new(files, &last.origins, &self.wrappers).findings();
        findings.retain(|(f, _)| {
            only.is_none_or(|p| p == paths[*f]) && !in_docs_site(&last.docs_sites, paths[*f])
        });
        // Exactly: thousands of findings in a list grown by doubling hold room for as many
        // again at the run's peak.
        out.reserve_exact(findings.len());
        out.extend(findings.iter().map(|(_, found)| advisor.diagnostic(found)));
    }
}

/// The wrapper definitions of `files`: for each name, the one in the first file by path.
fn definitions<'a>(
    files: impl Iterator<Item = &'a FileFacts<FetchFacts>>,
) -> BTreeMap<String, Definition> {
    let mut definitions: BTreeMap<String, Definition> = BTreeMap::new();
    for file in files {
        for d in &file.facts.definitions {
            match definitions.get(&d.name) {
                Some(kept) if kept.span.path <= d.span.path => {}
                _ => {
                    definitions.insert(d.name.clone(), d.clone());
                }
            }
        }
    }
    definitions
}

impl WorkspaceRule for FetchRetryTimeout {
    type Facts = FetchFacts;

    /// Every file: the uses of a function that makes a network call are in files that need
    /// not mention the call.
    fn needs(&self) -> Needs {
        Needs::always()
    }

    fn providers(&self) -> Vec<&'static dyn AnyProvider> {
        vec![&IMPORT_GRAPH, &CARGO_WORKSPACE]
    }

    fn collect(&self, cx: &FileContext<'_>) -> Option<FetchFacts> {
        let text = cx.text();
        let w = &self.wrappers;
        let names: Vec<&str> = w
            .retry
            .iter()
            .chain(&w.timeout)
            .map(|n| last_segment(n))
            .collect();
        let definitions: Vec<Definition> = if names.iter().any(|n| text.contains(n)) {
            outline(cx)
                .into_iter()
                .filter(|item| {
                    matches!(item.kind, "function" | "fn" | "const")
                        && names.contains(&item.name.as_str())
                })
                .map(|item| Definition {
                    name: item.name,
                    span: cx.span(item.name_start..item.name_end),
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut facts = FetchFacts {
            definitions,
            ..FetchFacts::default()
        };
        // Tests, examples and fixtures call fetch against mocks or on purpose, and their
        // calls of a function are not its uses.
        if !cx.is_test() {
            // Generated and vendored code is fixed where it comes from.
            let check = !self.allow_in.is_match(cx.path()) && provenance(text).is_none();
            if cx.language() == Language::Rust {
                if check {
                    facts.unwrapped = crate::fetch_retry_timeout::rust::unwrapped(cx, w);
                }
            } else {
                let makes_calls = check && w.calls.iter().any(|c| text.contains(last_segment(c)));
                let imported = imported_names(cx, w);
                if makes_calls || !imported.is_empty() {
                    let (unwrapped, uses) = crate::fetch_retry_timeout::typescript::facts(
                        cx,
                        w,
                        &imported,
                        makes_calls,
                    );
                    facts.unwrapped = unwrapped;
                    facts.uses = uses;
                }
            }
        }
        // Kept until the workspace phase for every file: no room to grow.
        facts.uses.shrink_to_fit();
        facts.unwrapped.shrink_to_fit();
        (!facts.unwrapped.is_empty() || !facts.uses.is_empty() || !facts.definitions.is_empty())
            .then_some(facts)
    }

    fn check(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<FetchFacts>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let graph = graph_of(cx);
        let refs: Vec<&FileFacts<FetchFacts>> = files.iter().collect();
        let mut last = Last {
            origins: graph
                .as_deref()
                .map(|g| origins(g, &refs))
                .unwrap_or_default(),
            docs_sites: graph.as_deref().map(docs_sites).unwrap_or_default(),
            definitions: definitions(files.iter()),
            cargo: cx.artifact::<CargoWorkspaceProvider>(),
            graph,
            files: Vec::new(),
        };
        self.report(&last, &last.definitions, refs, None, out);
        last.files = files;
        *self.last.write().unwrap_or_else(PoisonError::into_inner) = last;
    }

    /// A finding is a call in this file or a call of this file's functions; the rest of the
    /// workspace (who calls what, where the wrappers are) is as the last workspace run saw it.
    fn runs_per_file(&self) -> bool {
        true
    }

    fn check_file(&self, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(fresh) = self.collect(cx) else {
            return;
        };
        let fresh = FileFacts {
            path: cx.path().to_string(),
            facts: fresh,
        };
        let last = self.last.read().unwrap_or_else(PoisonError::into_inner);
        let files: Vec<&FileFacts<FetchFacts>> = last
            .files
            .iter()
            .filter(|f| f.path != fresh.path)
            .chain([&fresh])
            .collect();
        // This file's own definitions are as the user has them now.
        let definitions = definitions(files.iter().copied());
        self.report(&last, &definitions, files, Some(cx.path()), out);
    }
}

/// The local names of the functions a module imports. Capitalised names are components,
/// classes and namespaces: rendered, constructed or reached into, never a function whose
/// call a retry wraps. The wrappers themselves are left out: they make no call the rule
/// reports, and their uses, the most common of all, would be kept for every file.
fn imported_names(cx: &FileContext<'_>, w: &Wrappers) -> Vec<String> {
    let facts = cx.shared(ModuleFacts::extract);
    let mut names: Vec<String> = facts
        .refs
        .iter()
        .filter(|r| r.kind == RefKind::Import && !r.type_only)
        .flat_map(|r| &r.names)
        .filter(|n| !n.type_only && n.name != "*" && !w.is_wrapper(&n.name))
        .map(|n| n.alias.clone().unwrap_or_else(|| n.name.clone()))
        .filter(|n| !n.starts_with(|c: char| c.is_ascii_uppercase()))
        .collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use structlint_core::{FileContext, Language, SourceFile, WorkspaceRule};

    use super::*;

    /// The facts every file keeps until the workspace phase hold no uses of the wrappers:
    /// they are the most used names of all, and no finding is ever about them.
    #[test]
    fn a_files_facts_keep_the_uses_of_imported_functions_but_not_of_the_wrappers() {
        let list = |names: &[&str]| names.iter().map(|s| s.to_string()).collect();
        let rule = FetchRetryTimeout::new(
            Wrappers {
                calls: list(&["fetch"]),
                retry: list(&["withRetry"]),
                timeout: list(&["net.withTimeout"]),
                retry_callers: Vec::new(),
                methods: list(&["GET"]),
            },
            GlobSet::empty(),
        );
        let text = "import { withRetry, withTimeout as bounded, load } from \"@acme/net\";\n\
                    export const a = () => withRetry(() => bounded(() => load(1)));\n\
                    export const b = () => load(2);\n";
        let file = SourceFile::new(
            "src/a.ts".into(),
            "src/a.ts".into(),
            Language::TypeScript,
            text.into(),
        );
        let facts = rule
            .collect(&FileContext::new(&file))
            .expect("uses of load");
        let names: Vec<(&str, u32)> = facts
            .uses
            .iter()
            .map(|u| (u.name.as_str(), u.span.start_pos.line))
            .collect();
        assert_eq!(names, [("load", 2), ("load", 3)]);
    }
}
