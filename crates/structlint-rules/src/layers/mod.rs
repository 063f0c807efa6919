//! # layers
//!
//! Inside a domain, a file may import only its own layer, the layers below it, and the
//! cross-cutting ones; and no edge a `forbid` entry names.
//!
//! ## Why
//!
//! Layers keep dependencies flowing one way (for example types → config → repo → service →
//! runtime → ui): lower layers stay reusable and testable without the ones above, a change in
//! the ui cannot break the repository code, and cross-cutting concerns enter only through
//! providers. Agents import whatever file has the function they need; this keeps them honest.
//!
//! ## Configuration
//!
//! ```toml
//! [[layers]]
//! name = "domain"
//! modules = "packages/*/src"        # each match is one domain; its subfolders are the layers
//! order = ["types", "config", "repo", "service", "runtime", "ui"]   # bottom first
//! cross-cutting = ["providers"]     # any layer may import these
//! cross-cutting-may-use = ["types", "config"]   # what providers may import (default: the two lowest)
//! allow-type-only = false           # true: `import type` is not checked
//! forbid = [{ from = "ui", to = "repo" }]   # extra edges: layer names or path globs
//! ```
//!
//! ## What it reports
//!
//! - an import upward: `repo/` importing `service/` of the same domain;
//! - an import of the package's own public entry (`src/index.ts`) from inside its layers: the
//!   entry sits above all layers because it re-exports them. An entry for a subpath outside
//!   the layer folders (`src/http.ts` exported as `./http`) sits as high as what it imports:
//!   importing it is reported only when it imports a layer above the importer;
//! - any import matching a `forbid` entry, e.g. `ui` skipping `service` to reach `repo`.
//!
//! The finding draws the stack with both ends marked, lists the layers the importer may use,
//! and gives the fixes in order: move the code down, invert the dependency through an
//! interface in a lower layer, or call the module that already wraps the target (named when
//! one exists). Files in no layer folder are `unclassified-layer`'s business.
//!
//! ## Rust workspaces
//!
//! The same stacks order Cargo crates: list them by layer in the entry, or tag a crate in its
//! own manifest.
//!
//! ```toml
//! [[layers]]
//! name = "acme"
//! order = ["types", "repo", "service", "cli"]
//! crates = { "acme-types" = "types", "acme-repo" = "repo" }   # `modules` is optional here
//! ```
//!
//! ```toml
//! # crates/acme-cli/Cargo.toml
//! [package.metadata.structlint]
//! layer = "cli"
//! ```
//!
//! A crate may use only crates of its own layer or below (and `forbid` edges between layers
//! apply). A use is reported where the code names the other crate (`use acme_service::…` or a
//! qualified path); a dependency in Cargo.toml that no code uses, at its manifest line.
//!
//! Inside a crate, when `modules` matches its source directory (`modules = "crates/*/src"`),
//! the top-level modules are the layers: `crate::repo` may not use `crate::ui` (through
//! `crate::`, `self::` or `super::` paths).
//!
//! ## Options
//!
//! None besides the level; the stacks are the `[[layers]]` entries.

mod advice;
mod rust;

use std::collections::HashSet;
use std::sync::Arc;

use structlint_core::{Diagnostic, Level, RuleImpl, RuleSpec};
use structlint_graph::{ImportGraph, ModuleRef, Target};

use crate::layers::advice::{Problem, diagnostic};
use crate::layers::rust::RustLayers;
use crate::shared::bilingual::Bilingual;
use crate::shared::import_graph::{GraphRule, OnGraph};
use crate::shared::layer_stacks::{Place, Stack, classify, stacks};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "layers",
    name: "LayerDependency",
    summary: "Imports inside a domain go down the layer stack only, and never along a forbidden edge",
    default_level: Level::Error,
    tags: &["architecture", "layers"],
    precision: "very-high",
    sections: &["layers"],
    source: include_str!("mod.rs"),
    build: |options| {
        // Everything is in [[layers]]; a key under [rules.layers] is a mistake to report.
        options.parse::<crate::NoOptions>()?;
        let stacks = Arc::new(stacks(&options)?);
        Ok(RuleImpl::Workspace(Box::new(Bilingual {
            ts: OnGraph(Layers {
                stacks: Arc::clone(&stacks),
            }),
            rust: RustLayers { stacks },
        })))
    },
};

pub(crate) struct Layers {
    stacks: Arc<Vec<Stack>>,
}

impl GraphRule for Layers {
    fn check_graph(&self, graph: &ImportGraph, out: &mut Vec<Diagnostic>) {
        if self.stacks.is_empty() {
            return;
        }
        for file in &graph.files {
            let from = classify(&self.stacks, graph, &file.path);
            for (_, r, resolution) in file.refs() {
                let Target::File(target) = &resolution.target else {
                    continue;
                };
                let to = classify(&self.stacks, graph, target);
                if let Some(problem) =
                    self.problem(graph, &file.path, from.as_ref(), r, target, to.as_ref())
                {
                    out.push(diagnostic(
                        graph,
                        file,
                        r,
                        target,
                        from.as_ref(),
                        to.as_ref(),
                        problem,
                    ));
                }
            }
        }
    }
}

impl Layers {
    fn problem<'a>(
        &'a self,
        graph: &ImportGraph,
        path: &str,
        from: Option<&Place<'a>>,
        r: &ModuleRef,
        target: &str,
        to: Option<&Place<'a>>,
    ) -> Option<Problem<'a>> {
        if let Some(f) = self
            .stacks
            .iter()
            .flat_map(|s| &s.forbid)
            .find(|f| f.from.matches(path, from) && f.to.matches(target, to))
        {
            let stack = self
                .stacks
                .iter()
                .find(|s| s.forbid.iter().any(|x| std::ptr::eq(x, f)))?;
            if !(r.type_only && stack.allow_type_only) {
                return Some(Problem::Forbidden(f));
            }
        }
        let (
            Some(Place::Layer {
                stack,
                domain,
                layer,
            }),
            Some(to),
        ) = (from, to)
        else {
            return None;
        };
        if to.domain() != domain || (r.type_only && stack.allow_type_only) {
            return None;
        }
        match to {
            Place::Layer {
                layer: to_layer, ..
            } if !stack.allows(layer, to_layer) => Some(Problem::Upward),
            Place::Entry { .. } => match graph.entry_of(target) {
                Some(subpath) if subpath != "." => self
                    .reached_above(graph, stack, layer, target, &mut HashSet::new())
                    .map(Problem::EntryReaches),
                _ => Some(Problem::OwnEntry),
            },
            _ => None,
        }
    }

    /// What above `layer` the package entry `entry` imports, following the
    /// entries it imports in turn. An entry for a subpath (`http.ts` as `./http`) outside the
    /// layer folders re-exports what it imports and sits no higher; only the main entry and
    /// the domain's index, which re-export the package, sit above every layer.
    fn reached_above(
        &self,
        graph: &ImportGraph,
        stack: &Stack,
        layer: &str,
        entry: &str,
        seen: &mut HashSet<String>,
    ) -> Option<String> {
        if !seen.insert(entry.to_string()) {
            return None;
        }
        let file = graph.file(entry)?;
        file.refs().find_map(|(_, r, resolution)| {
            let Target::File(next) = &resolution.target else {
                return None;
            };
            if r.type_only && stack.allow_type_only {
                return None;
            }
            match classify(&self.stacks, graph, next)? {
                Place::Layer { layer: to, .. } if !stack.allows(layer, &to) => {
                    Some(format!("the {to} layer"))
                }
                Place::Entry { .. } => match graph.entry_of(next) {
                    Some(subpath) if subpath != "." => {
                        self.reached_above(graph, stack, layer, next, seen)
                    }
                    _ => Some("the package's main entry".to_string()),
                },
                _ => None,
            }
        })
    }
}

#[cfg(test)]
mod tests;
