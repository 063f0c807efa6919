//! # canonical-helpers
//!
//! Each shared helper (retry, sleep, bounded concurrency, debounce, deep equality…) has one
//! implementation, in the file the config names; every other module imports it.
//!
//! ## Why
//!
//! A helper implemented twice gets fixed once: the copy keeps the bug, edge case or missing
//! option the canonical one already handles (jitter, abort signals, a cap on attempts), and
//! readers cannot tell which one a call site uses. Agents write a fresh `sleep` or
//! `withRetry` next to the code they work on instead of finding the shared one.
//!
//! ## What it reports
//!
//! For each `[[helpers]]` entry, a function declared outside its `canonical` file:
//!
//! - a module-level function (`function f`, `const f = () => …`, a free Rust `fn`) whose name
//!   matches one of `names` (globs over names, compared without `_` and case, so `*Retry*`
//!   also matches `with_retry`). Methods, constructors, class fields and object-literal
//!   methods are never matched by name (`proc.wait()` and `stream.pause()` belong to their
//!   type), nor are variables (`retryCount`). A function that calls the canonical helper is a
//!   wrapper and is not reported;
//! - or a function (not a method) whose code equals the helper's own function once local
//!   names, types and constants are abstracted, whatever its name: a structural copy.
//!   Regular expressions are compared as written, since they are the code of a text helper.
//!   Bodies under 14 tokens (`(x) => x + 1` is 7) are too small to be called copies.
//!
//! The helper's own functions are the canonical file's module-level functions that its
//! `names` match, or, when none does, the ones the file exports. Other functions of that file
//! are not the helper: a copy of them is not reported. Copies are looked for in files of the
//! canonical file's language family (TypeScript/JavaScript, or Rust).
//!
//! The fix names the import to write and how each call changes: the same arguments when both
//! functions take as many parameters, and both signatures when they differ.
//!
//! ```toml
//! [[helpers]]
//! name = "retry"
//! canonical = "packages/async/src/retry.ts"
//! names = ["retry", "withRetry", "retryWithBackoff", "*Retry*"]
//!
//! [[helpers]]
//! name = "sleep"                      # built-in names: sleep, sleep*, delay, pause, wait…
//! canonical = "packages/async/src/sleep.ts"
//! ```
//!
//! Without `names`, the built-in patterns of `retry`, `sleep`, `concurrency`, `debounce`,
//! `throttle`, `deep-equal` and `deep-clone` apply. A canonical file that does not exist is a
//! configuration note, so a typo never makes the rule pass silently.
//!
//! ## Example
//!
//! ```ts
//! // packages/billing/src/remote.ts
//! async function retryFetch(url: string) { … }   // reported: re-implements `withRetry`
//! import { withRetry } from "@acme/async";        // correct
//! ```
//!
//! ## Tests and examples
//!
//! Files under `[files] tests` (tests, examples, benchmarks, fixtures) are not checked, unless
//! one is itself a helper's canonical file.
//!
//! ## Options
//!
//! None besides `level`; the helpers are the top-level `[[helpers]]` entries.

mod advice;
mod function_shape;
mod options;
pub(crate) use options::HelperConfig;

use std::collections::HashMap;

use structlint_core::{
    Diagnostic, FileContext, FileFacts, Language, Level, Needs, Note, NoteKind, RuleImpl, RuleSpec,
    WorkspaceContext, WorkspaceRule,
};

use crate::NoOptions;
use crate::canonical_helpers::advice::{Copy, diagnostic};
use crate::canonical_helpers::function_shape::{Function, Place, functions};
use crate::canonical_helpers::options::{Helper, helpers};
use crate::shared::import_graph::graph_of;
use structlint_cargo::{CARGO_WORKSPACE, CargoWorkspaceProvider};
use structlint_core::AnyProvider;
use structlint_graph::IMPORT_GRAPH;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "canonical-helpers",
    name: "CanonicalHelpers",
    summary: "Shared helpers (retry, sleep, concurrency…) implemented outside their one canonical file",
    default_level: Level::Error,
    tags: &["maintainability", "duplication"],
    precision: "high",
    sections: &["helpers"],
    source: include_str!("mod.rs"),
    build: |options| {
        options.parse::<NoOptions>()?;
        let helpers = helpers(&options)?;
        // Copies are looked for in the canonical file's own family only: a family without
        // a helper is not parsed for this rule.
        let languages = Language::ALL
            .into_iter()
            .filter(|l| helpers.iter().any(|h| h.rust == (*l == Language::Rust)))
            .collect();
        Ok(RuleImpl::Workspace(Box::new(CanonicalHelpers {
            helpers,
            languages,
        })))
    },
};

struct CanonicalHelpers {
    helpers: Vec<Helper>,
    languages: Vec<Language>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct HelperFacts {
    functions: Vec<Function>,
}

impl WorkspaceRule for CanonicalHelpers {
    type Facts = HelperFacts;

    fn languages(&self) -> &[Language] {
        &self.languages
    }

    fn needs(&self) -> Needs {
        Needs::always()
    }

    /// The import graph decides the import of the canonical helper: an index that re-exports
    /// it is the place to import from.
    fn providers(&self) -> Vec<&'static dyn AnyProvider> {
        let mut providers: Vec<&'static dyn AnyProvider> = Vec::new();
        if self.helpers.iter().any(|h| !h.rust) {
            providers.push(&IMPORT_GRAPH);
        }
        // The crates and their library roots give a Rust copy its `use` line.
        if self.helpers.iter().any(|h| h.rust) {
            providers.push(&CARGO_WORKSPACE);
        }
        providers
    }

    fn collect(&self, cx: &FileContext<'_>) -> Option<HelperFacts> {
        // Tests and examples may sketch a helper; only production code is held to one copy.
        if cx.is_test() && !self.helpers.iter().any(|h| h.canonical == cx.path()) {
            return None;
        }
        let rust = cx.language() == Language::Rust;
        let canonical = self.helpers.iter().any(|h| h.canonical == cx.path());
        let mut functions = functions(cx);
        if !canonical {
            // Keep what can be a copy; the calls matter only for name matches.
            functions.retain_mut(|f| {
                let named = f.place == Place::ModuleLevel
                    && self
                        .helpers
                        .iter()
                        .any(|h| h.rust == rust && h.matches(&f.name));
                if !named {
                    f.calls = Vec::new();
                }
                named || (f.place != Place::Method && f.fingerprint.is_some())
            });
        }
        Some(HelperFacts { functions })
    }

    fn check(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<HelperFacts>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let graph = graph_of(cx);
        let cargo = cx.artifact::<CargoWorkspaceProvider>();
        let by_path: HashMap<&str, &[Function]> = files
            .iter()
            .map(|f| (f.path.as_str(), f.facts.functions.as_slice()))
            .collect();
        // Per helper: its canonical functions, those matching its names first.
        let mut canonicals: Vec<Vec<&Function>> = Vec::new();
        for helper in &self.helpers {
            let Some(&all) = by_path
                .get(helper.canonical.as_str())
                .filter(|f| !f.is_empty())
            else {
                cx.note(Note {
                    path: helper.canonical.clone(),
                    kind: NoteKind::Config,
                    message: format!("the canonical file of helper `{}` has no functions or is not in the workspace: copies of it are not looked for", helper.name),
                });
                canonicals.push(Vec::new());
                continue;
            };
            let ordered = own_functions(helper, all);
            if ordered.is_empty() {
                cx.note(Note {
                    path: helper.canonical.clone(),
                    kind: NoteKind::Config,
                    message: format!("the canonical file of helper `{}` declares no module-level function: copies of it are not looked for", helper.name),
                });
            }
            canonicals.push(ordered);
        }
        let mut by_fingerprint: HashMap<u64, (usize, &Function)> = HashMap::new();
        for (h, functions) in canonicals.iter().enumerate() {
            for f in functions {
                if let Some(fingerprint) = f.fingerprint {
                    by_fingerprint.entry(fingerprint).or_insert((h, f));
                }
            }
        }
        for file in &files {
            let rust = Language::from_path(file.path.as_ref()) == Some(Language::Rust);
            for f in &file.facts.functions {
                if let Some((h, copy)) =
                    self.copy_of(&file.path, rust, f, &canonicals, &by_fingerprint)
                {
                    out.push(diagnostic(
                        graph.as_deref(),
                        cargo.as_deref(),
                        &self.helpers[h],
                        &file.path,
                        f,
                        copy,
                    ));
                }
            }
        }
    }
}

/// The helper's own functions in its canonical file: the module-level ones its names match,
/// or, when none does, the ones the file exports. Other functions of that file are not the
/// helper, so a copy of one of them is not a copy of the helper.
fn own_functions<'a>(helper: &Helper, all: &'a [Function]) -> Vec<&'a Function> {
    let module_level = || all.iter().filter(|f| f.place == Place::ModuleLevel);
    let named: Vec<&Function> = module_level().filter(|f| helper.matches(&f.name)).collect();
    let mut own = if named.is_empty() {
        module_level().filter(|f| f.exported).collect()
    } else {
        named
    };
    own.sort_by_key(|f| (!f.exported, f.span.start));
    own
}

impl CanonicalHelpers {
    fn copy_of<'a>(
        &self,
        path: &str,
        rust: bool,
        f: &Function,
        canonicals: &'a [Vec<&'a Function>],
        by_fingerprint: &HashMap<u64, (usize, &'a Function)>,
    ) -> Option<(usize, Copy<'a>)> {
        for (h, helper) in self.helpers.iter().enumerate() {
            let Some(first) = canonicals[h].first() else {
                continue;
            };
            if helper.rust != rust
                || helper.canonical == path
                || f.place != Place::ModuleLevel
                || !helper.matches(&f.name)
            {
                continue;
            }
            let delegates = f
                .calls
                .iter()
                .any(|c| canonicals[h].iter().any(|k| k.name == *c));
            if !delegates {
                return Some((h, Copy::Named { canonical: first }));
            }
        }
        let &(h, canonical) = by_fingerprint.get(&f.fingerprint?)?;
        let helper = &self.helpers[h];
        (helper.rust == rust && helper.canonical != path)
            .then_some((h, Copy::Structural { canonical }))
    }
}

#[cfg(test)]
mod tests;
