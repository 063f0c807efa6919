//! # package-privacy
//!
//! Code in one workspace package may use another package only through its public entry
//! points, and only when it declares the dependency.
//!
//! ## Why
//!
//! A package's public entry points are its contract with the rest of the monorepo. Code that
//! reaches into another package's internals breaks when the owners refactor them, couples
//! packages in ways nobody reviewed, and bypasses the validation the public API does. Agents
//! reach for whatever file has the function they need, so this boundary has to be mechanical.
//!
//! ## What it reports
//!
//! - A subpath that is not public: `@acme/billing/src/internal/db` when billing's `exports`
//!   map does not list it, or `null`s it; without an `exports` map, anything but the main
//!   entry (`types`/`main`, else `src/index.ts`).
//! - A relative path or tsconfig alias into another package: `../../billing/src/db`. A
//!   tsconfig alias that maps to the package's public entry is fine.
//! - With `require-declared-dependencies` (on by default), an import of a workspace package
//!   that the importer's `package.json` does not declare, once per pair of packages.
//!
//! A subpath with no file behind it is left to `unresolved-import`, so the import is reported
//! once.
//!
//! Re-exports (`export … from`, `export * from`), `import()`, `require()` and type-only
//! imports count like imports. Tests, examples and fixtures (`[files] tests`) are not part of
//! any package's contract: their imports, and imports of them (shared test helpers), are not
//! checked. A tool's config beside a package.json (`vite.config.ts`, `tsdown.config.ts`:
//! `<tool>.config.<ext>`) builds or tests the package from the repository and ships with none
//! of it: what it loads from another package's folder is not checked, but the workspace
//! packages it imports by name must be declared. Files outside every workspace member (a
//! monorepo root's scripts and configs) belong to no package, and neither do files under a
//! named package.json the workspace does not list (a scaffolding template's project).
//!
//! An application (a package that is `private` and has no entry at all: no `exports`, `main`,
//! `types` or `module`, no index file) is no library: it offers no contract to go through, so
//! a file shared with it by path (a docs site and its image service sharing the schema of
//! their URLs) is not reported, and nothing of it is internal when imported by name.
//!
//! The finding names the public entry to import instead and whether the imported names are
//! exported there; when they are, a machine-applicable edit rewrites the specifier. When they
//! are not, it says what to add to the public entry, or to ask why the code is internal.
//!
//! ## Example
//!
//! ```ts
//! // packages/reports/src/export-csv.ts
//! import { fetchInvoices } from "@acme/billing/src/repo/invoice-repo"; // reported
//! import { listInvoices } from "@acme/billing";                        // fine
//! ```
//!
//! ## Rust workspaces
//!
//! Between the crates of a Cargo workspace, a use of another crate's path that matches an
//! `internal` pattern (`acme_repo::internal::pool`) is an error, with the public path to use
//! when the crate re-exports the item. So is a use of a `#[doc(hidden)]` item by a crate that
//! is published with a requirement admitting other releases (`acme-repo = "1.2"`): hidden
//! items are outside the semver promise, so such a release may change them. A sibling that
//! always builds with the workspace's copy (`publish = false`, a path-only dependency, `=1.2.3`
//! or `0.0.z`) is who they are for, as serde's derive crate pins serde.
//!
//! With `unreachable-pub` (off by default: rustc's own `unreachable_pub` lint is the
//! authority), a library's `pub` item that its public API cannot reach (in a private module,
//! re-exported nowhere, named in no reachable signature) is a warning, with the edit to
//! `pub(crate)`.
//!
//! ## Options
//!
//! | option | default | meaning |
//! | --- | --- | --- |
//! | `require-declared-dependencies` | `true` | also report imports of workspace packages missing from the importer's `package.json` |
//! | `internal` | `["*::internal::*", "*::imp::*"]` | Rust paths other crates may not use; `*` is any run of characters |
//! | `unreachable-pub` | `false` | also report a Rust library's `pub` items its public API cannot reach |
//!
//! ```toml
//! [rules]
//! package-privacy = { level = "error", require-declared-dependencies = false }
//! ```

mod advice;
mod reach;
mod rust;
mod undeclared;

use std::collections::BTreeMap;

use serde::Deserialize;
use structlint_core::{Diagnostic, Level, RuleImpl, RuleSpec};
use structlint_graph::{Access, ImportGraph, ModuleRef, Target, Via};

use crate::package_privacy::reach::{by_path, internal};
use crate::package_privacy::rust::{RustPrivacy, internal_pattern};
use crate::package_privacy::undeclared::{declares, undeclared_dependency};
use crate::shared::bilingual::Bilingual;
use crate::shared::import_graph::{GraphRule, OnGraph};
use serde::de::Error as _;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "package-privacy",
    name: "PackagePrivacy",
    summary: "Workspace packages use each other only through public entry points and declared dependencies",
    default_level: Level::Error,
    tags: &["architecture", "modularity"],
    precision: "very-high",
    sections: &[],
    source: include_str!("mod.rs"),
    build: |options| {
        let options: Options = options.parse()?;
        let internal = options
            .internal
            .iter()
            .map(|p| {
                internal_pattern(p).map_err(|e| {
                    toml::de::Error::custom(format!("invalid `internal` pattern `{p}`: {e}"))
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(RuleImpl::Workspace(Box::new(Bilingual {
            ts: OnGraph(PackagePrivacy {
                require_declared: options.require_declared_dependencies,
            }),
            rust: RustPrivacy {
                internal,
                unreachable_pub: options.unreachable_pub,
            },
        })))
    },
};

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// Also report imports of workspace packages missing from the importer's package.json
    /// (default true).
    require_declared_dependencies: bool,
    /// Rust paths other crates may not use; `*` is any run of characters (default
    /// ["*::internal::*", "*::imp::*"]).
    internal: Vec<String>,
    /// Also report a Rust library's `pub` items its public API cannot reach (default false).
    unreachable_pub: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            require_declared_dependencies: true,
            internal: vec!["*::internal::*".into(), "*::imp::*".into()],
            unreachable_pub: false,
        }
    }
}

struct PackagePrivacy {
    require_declared: bool,
}

impl GraphRule for PackagePrivacy {
    fn check_graph(&self, graph: &ImportGraph, out: &mut Vec<Diagnostic>) {
        // (importer package, imported package) → the references without a declared dependency.
        let mut undeclared: BTreeMap<(usize, usize), Vec<&ModuleRef>> = BTreeMap::new();
        // Tests, examples and fixtures are not part of a package's contract: their imports,
        // and imports of them (shared test helpers), are not checked.
        for file in graph.files.iter().filter(|f| !f.test) {
            let Some(from) = file.package else { continue };
            let tooling = graph.is_tool_config(file);
            for (_, r, resolution) in file.refs() {
                if let Target::File(target) = &resolution.target
                    && graph.file(target).is_some_and(|t| t.test)
                {
                    continue;
                }
                let to = match (&resolution.via, &resolution.target) {
                    (Via::Package { package, .. }, _) => *package,
                    (Via::Relative | Via::Alias, Target::File(target)) => {
                        match graph.package_of(target) {
                            Some(to) => to,
                            None => continue,
                        }
                    }
                    _ => continue,
                };
                if to == from {
                    continue;
                }
                let declared = !self.require_declared || declares(graph, from, to);
                // No contract is crossed when a tool's config loads what builds the package
                // from another package's folder, or when code is shared with an application,
                // which has no entry to go through. What is imported by name must still be
                // declared.
                if tooling || graph.is_application(to) {
                    if !declared && matches!(resolution.via, Via::Package { .. }) {
                        undeclared.entry((from, to)).or_default().push(r);
                    }
                    continue;
                }
                match (&resolution.via, &resolution.target) {
                    (
                        Via::Package {
                            access: Access::Public(_),
                            ..
                        },
                        _,
                    ) if !declared => undeclared.entry((from, to)).or_default().push(r),
                    (
                        Via::Package {
                            access: Access::Public(_),
                            ..
                        },
                        _,
                    ) => {}
                    // A subpath with nothing behind it is unresolved-import's finding; one the
                    // exports map makes private by `null` is this rule's.
                    (
                        Via::Package {
                            access: Access::Internal,
                            ..
                        },
                        Target::Unresolved(_),
                    ) => {}
                    (Via::Package { access, .. }, target) => {
                        out.push(internal(graph, file, r, to, target, access, declared))
                    }
                    (Via::Alias, Target::File(target)) if graph.entry_of(target).is_some() => {}
                    (_, Target::File(target)) => {
                        out.push(by_path(graph, file, r, to, target, declared))
                    }
                    _ => {}
                }
            }
        }
        for ((from, to), refs) in undeclared {
            out.push(undeclared_dependency(graph, from, to, &refs));
        }
    }
}

#[cfg(test)]
mod tests;
