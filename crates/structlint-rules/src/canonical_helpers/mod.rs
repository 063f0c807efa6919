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
//! - whose name matches one of `names` (globs over names, compared without `_` and case, so
//!   `*Retry*` also matches `with_retry`) — functions only: a `retryCount` variable is not a
//!   helper; a function that calls the canonical helper is a wrapper and is not reported;
//! - or whose code equals a canonical function's once local names and literals are
//!   abstracted, whatever its name (a structural copy).
//!
//! Functions are declarations, `const f = () => …` and function expressions, class methods
//! and arrow-function fields, and Rust `fn` items; copies are looked for in files of the
//! canonical file's language family (TypeScript/JavaScript, or Rust).
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

mod function_shape;
mod options;

use std::collections::HashMap;

use structlint_core::{
    Diagnostic, FileContext, FileFacts, Language, Level, Needs, Note, NoteKind, RuleImpl, RuleSpec,
    WorkspaceContext, WorkspaceRule,
};
use structlint_graph::ImportGraph;

use crate::NoOptions;
use crate::canonical_helpers::function_shape::{Function, functions};
use crate::canonical_helpers::options::{Helper, helpers};
use crate::shared::import_advice::Import;
use crate::shared::import_graph::graph_of;
use structlint_core::AnyProvider;
use structlint_graph::IMPORT_GRAPH;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "canonical-helpers",
    summary: "Shared helpers (retry, sleep, concurrency…) implemented outside their one canonical file",
    default_level: Level::Error,
    tags: &["maintainability", "duplication"],
    precision: "high",
    sections: &["helpers"],
    source: include_str!("mod.rs"),
    build: |options| {
        options.parse::<NoOptions>()?;
        Ok(RuleImpl::Workspace(Box::new(CanonicalHelpers {
            helpers: helpers(&options)?,
        })))
    },
};

struct CanonicalHelpers {
    helpers: Vec<Helper>,
}

struct HelperFacts {
    functions: Vec<Function>,
}

/// A function found to re-implement a helper.
enum Copy<'a> {
    Named { canonical: &'a Function },
    Structural { canonical: &'a Function },
}

impl WorkspaceRule for CanonicalHelpers {
    type Facts = HelperFacts;

    fn languages(&self) -> &[Language] {
        if self.helpers.is_empty() {
            &[]
        } else {
            &Language::ALL
        }
    }

    fn needs(&self) -> Needs {
        Needs::always()
    }

    /// The import graph decides the import of the canonical helper: an index that re-exports
    /// it is the place to import from.
    fn providers(&self) -> Vec<&'static dyn AnyProvider> {
        if self.helpers.is_empty() {
            Vec::new()
        } else {
            vec![&IMPORT_GRAPH]
        }
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
                let named = self
                    .helpers
                    .iter()
                    .any(|h| h.rust == rust && h.matches(&f.name));
                if !named {
                    f.calls = Vec::new();
                }
                named || f.fingerprint.is_some()
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
            let mut ordered: Vec<&Function> = all.iter().collect();
            ordered.sort_by_key(|f| (!helper.matches(&f.name), !f.exported, f.span.start));
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
            if helper.rust != rust || helper.canonical == path || !helper.matches(&f.name) {
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

fn diagnostic(
    graph: Option<&ImportGraph>,
    helper: &Helper,
    path: &str,
    f: &Function,
    copy: Copy<'_>,
) -> Diagnostic {
    let (canonical, structural) = match copy {
        Copy::Named { canonical } => (canonical, false),
        Copy::Structural { canonical } => (canonical, true),
    };
    let (name, k) = (&f.name, &canonical.name);
    let summary = if structural {
        format!(
            "`{name}` has the same code as `{k}` in {}, under another name: import `{k}` instead",
            helper.canonical
        )
    } else {
        format!(
            "`{name}` re-implements `{k}` from {}; import it",
            helper.canonical
        )
    };
    let mut span = f.span.clone();
    span.path = path.to_string();
    let mut related_span = canonical.span.clone();
    related_span.path = helper.canonical.clone();
    let mut d = Diagnostic::new(span, summary)
        .label(format!("second implementation of the `{}` helper", helper.name))
        .why("A helper implemented twice gets fixed once: the copy keeps the bug, edge case or missing option the canonical one already handles (jitter, abort signals, a cap on attempts), and readers cannot tell which one a call site uses. One implementation, imported everywhere, gets every fix.");
    let import = Import::of(graph, path, &helper.canonical, k, helper.rust);
    if let Some(step) = import.prerequisite {
        d = d.step(step);
    }
    d = d.step(if helper.rust {
        format!("Delete `{name}` and `use` `{k}` from {} (its module in this crate, or its crate's public path when it lives in another crate); call it where `{name}` was called.", helper.canonical)
    } else {
        format!("Delete `{name}` and import the canonical helper: `import {{ {k} }} from \"{}\";`; call `{k}` where `{name}` was called.", import.specifier)
    });
    d = d.step(format!("If `{name}` does something `{k}` cannot (an option, another policy), add that to {} instead of keeping a second implementation.", helper.canonical));
    if !structural {
        d = d.step(format!(
            "If `{name}` is not a {} helper at all, rename it: the [[helpers]] entry `{}` treats functions named {} as copies.",
            helper.name,
            helper.name,
            helper.patterns.iter().take(6).map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    d.related(related_span, format!("canonical `{k}`"))
}

#[cfg(test)]
mod tests;
