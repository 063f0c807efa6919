//! # unresolved-import
//!
//! Imports that look like they mean a file or package of the workspace must resolve.
//!
//! ## Why
//!
//! An import that resolves to nothing fails at build or run time, and it hides an edge from
//! every rule that checks the import graph: a mistyped path into another package's internals
//! is not reported by `package-privacy` because structlint cannot see where it goes.
//!
//! ## What it reports
//!
//! - relative imports (`./x`, `../y`) that match no file, after trying `.ts`, `.tsx`, `.d.ts`,
//!   `.js`, `.jsx`, `.mjs`, `.cjs` (and `.js` written for a `.ts` source) and index files;
//! - specifiers a tsconfig `paths` pattern maps to files that do not exist;
//! - subpaths of a workspace package that lead to no file (one its `exports` map sets to `null`
//!   is `package-privacy`'s finding instead);
//! - bare specifiers one or two edits away from a workspace package's name in its scope
//!   (`@acme/schema` for `@acme/schemas`) that the importer's `package.json` does not declare.
//!
//! Not reported:
//!
//! - imports of existing files that are not modules (`./App.css`, `./logo.svg`, data files,
//!   on disk even when gitignored);
//! - imports of build output: a package's output folder (`dist/`, `build/`, `lib/`, `out/`,
//!   `esm/`, `cjs/` or its tsconfig's `outDir`), mapped to the source it is built from, and
//!   files a `.gitignore` of the workspace keeps out of the checkout (a script's
//!   `data.output.ts`, a generated client's folder; a pattern for every `*.js` does not
//!   count); those that no source maps to are mentioned once, in one note for all;
//! - npm packages, which are not resolved (structlint does not read `node_modules`), even in
//!   the workspace's scope;
//! - modules frameworks generate, by the specifier prefixes of `[resolve] external` in
//!   structlint.toml (by default `./$types`, `$app/`, `$env/`, `astro:`, `~icons/`,
//!   `virtual:`, `@vite/`; see the README), and absolute paths a dev server serves; a
//!   bundler's query (`./worker?worker`) is not part of the path;
//! - tests and fixtures (`[files] tests`): they import what the runner provides, or nothing
//!   on purpose.
//!
//! The finding suggests the closest existing file or package name, with a machine-applicable
//! edit only when the suggested module exists, is not the importer, and exports every
//! imported name.
//!
//! ## Options
//!
//! None besides the level.

use structlint_core::config::{closest, edit_distance};
use structlint_core::{Applicability, Diagnostic, Language, Level, RuleImpl, RuleSpec};
use structlint_graph::{
    Access, Entry, GraphFile, ImportGraph, ModuleRef, Target, Via, paths, split_package,
};

use crate::shared::import_graph::{
    GraphRule, OnGraph, imported_names, relative_specifier, safe_target, specifier_edit,
};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "unresolved-import",
    name: "UnresolvedImport",
    summary: "Imports of workspace files and packages that resolve to nothing",
    default_level: Level::Warn,
    tags: &["correctness", "dependencies"],
    precision: "high",
    sections: &[],
    source: include_str!("mod.rs"),
    build: |options| {
        options.parse::<crate::NoOptions>()?;
        Ok(RuleImpl::Workspace(Box::new(OnGraph(UnresolvedImport))))
    },
};

struct UnresolvedImport;

impl GraphRule for UnresolvedImport {
    fn check_graph(&self, graph: &ImportGraph, out: &mut Vec<Diagnostic>) {
        // Tests and fixtures import what the test runner provides, or nothing on purpose.
        for file in graph.files.iter().filter(|f| !f.test) {
            for (_, r, resolution) in file.refs() {
                // A subpath the exports map makes private by `null` is package-privacy's.
                let blocked = matches!(
                    resolution.via,
                    Via::Package {
                        access: Access::Blocked,
                        ..
                    }
                );
                if let Target::Unresolved(reason) = &resolution.target
                    && !blocked
                {
                    out.push(diagnostic(graph, file, r, &resolution.via, reason));
                }
            }
        }
    }
}

fn diagnostic(
    graph: &ImportGraph,
    file: &GraphFile,
    r: &ModuleRef,
    via: &Via,
    reason: &str,
) -> Diagnostic {
    let mut d = Diagnostic::new(r.specifier_span.clone(), format!("`{}` in {} does not resolve: {reason}", r.specifier, file.path))
        .label("resolves to nothing")
        .why("An import that resolves to nothing fails at build or run time, and hides an edge from every rule that checks the import graph.");
    match via {
        Via::Relative => {
            let wanted = paths::join(paths::parent(&file.path), &r.specifier).unwrap_or_default();
            let dir = paths::parent(&wanted);
            let siblings: Vec<&str> = graph.files.iter().map(|f| f.path.as_str()).filter(|p| paths::parent(p) == dir).collect();
            let stems: Vec<String> = siblings.iter().map(|p| relative_specifier(paths::parent(&file.path), p)).collect();
            if let Some(near) = closest(&r.specifier, stems.iter().map(String::as_str)) {
                d = d.step(format!("Did you mean `{near}`? Fix the path."));
                let target = stems.iter().position(|s| s == near).map(|i| siblings[i]);
                if target.is_some_and(|t| safe_target(graph, &file.path, r, t)) {
                    // Unsafe: the nearest sibling by spelling is a guess at what was meant.
                    d = d.edit(specifier_edit(r, near, format!("Import `{near}`"), Applicability::Unsafe));
                }
            } else {
                d = d.step(format!("Fix the path: nothing in {dir} matches it."));
            }
            d = d.step("If the module is generated at build time, generate it before running structlint.");
        }
        Via::Alias => d = d.step("Fix the specifier, or the `paths` entry that matches it in the nearest tsconfig.json, so that it maps to an existing file."),
        Via::Package { package, .. } => d = package_entry_advice(d, graph, file, r, *package),
        Via::Bare => {
            let (name, subpath) = split_package(&r.specifier);
            let names: Vec<&str> = graph.packages.list.iter().filter_map(|p| p.name.as_deref()).collect();
            // Only a near-typo: a package that merely shares the scope is another package.
            match closest(name, names.iter().copied()).filter(|near| edit_distance(name, near) <= 2) {
                Some(near) => {
                    let fixed = format!("{near}{}", subpath.strip_prefix('.').unwrap_or(""));
                    d = d.step(format!("Did you mean the workspace package `{near}`?"));
                    let package = graph.packages.by_name(near);
                    let entry = package.and_then(|p| graph.entries[p].iter().find(|e| e.subpath == subpath)).and_then(|e| e.file.as_deref());
                    if entry.is_some_and(|t| safe_target(graph, &file.path, r, t)) {
                        // Unsafe: a package one or two letters away is a guess at what was meant.
                        d = d.edit(specifier_edit(r, &fixed, format!("Import `{fixed}`"), Applicability::Unsafe));
                    }
                }
                None => d = d.step(format!("No workspace package is named `{name}`: check the name, or add the package to the workspace.")),
            }
        }
    }
    d
}

/// The public entry to import instead: the one that exports every imported name, with an
/// edit when that is known to be right. A data entry (`./package.json`, a stylesheet) is never
/// offered for code names.
fn package_entry_advice(
    mut d: Diagnostic,
    graph: &ImportGraph,
    file: &GraphFile,
    r: &ModuleRef,
    package: usize,
) -> Diagnostic {
    let label = graph.packages.list[package].label();
    let code_entries: Vec<&Entry> = graph.entries[package]
        .iter()
        .filter(|e| {
            e.file
                .as_deref()
                .is_none_or(|f| Language::from_path(f.as_ref()).is_some())
        })
        .collect();
    let names = imported_names(r);
    let exporting = code_entries.iter().find(|e| {
        !names.is_empty()
            && e.file
                .as_deref()
                .is_some_and(|f| safe_target(graph, &file.path, r, f))
    });
    if let Some(entry) = exporting {
        let specifier = graph.specifier(package, &entry.subpath);
        d = d.step(format!(
            "Import {} from `{specifier}`, the public entry of {label} that exports it.",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        return d.edit(specifier_edit(
            r,
            &specifier,
            format!("Import from `{specifier}`"),
            // Unsafe: the import loads nothing today, and the entry is chosen because it
            // exports the same names, which may be other bindings.
            Applicability::Unsafe,
        ));
    }
    let listed: Vec<String> = code_entries
        .iter()
        .map(|e| format!("`{}`", graph.specifier(package, &e.subpath)))
        .collect();
    if names.is_empty() || listed.is_empty() {
        let listed = if listed.is_empty() {
            "none".to_string()
        } else {
            listed.join(", ")
        };
        return d.step(format!(
            "Import one of {label}'s public entries instead: {listed}."
        ));
    }
    d.step(format!(
        "No public entry of {label} ({}) exports {}: export it from one (and add that entry to the `exports` map of its package.json if it is a new subpath), or import what the package does export.",
        listed.join(", "),
        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
    ))
}

#[cfg(test)]
mod tests;
