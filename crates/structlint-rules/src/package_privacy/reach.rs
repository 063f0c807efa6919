//! The finding of an import that reaches into another package's internals: by a subpath
//! that is not public, or by a relative path or tsconfig alias into its folder.

use structlint_core::{Applicability, Diagnostic};
use structlint_graph::{Access, GraphFile, ImportGraph, ModuleRef, Target};

use crate::package_privacy::advice::entry_advice;
use crate::package_privacy::undeclared::declare_step;
use crate::shared::import_graph::{file_start, specifier_edit};

const WHY: &str = "A package's public entry points are its contract: code that reaches into its internals breaks when \
the owners refactor them and couples packages in ways nobody reviewed.";

/// `@acme/billing/src/internal/db`: a subpath that is not a public entry.
pub(crate) fn internal(
    graph: &ImportGraph,
    file: &GraphFile,
    r: &ModuleRef,
    to: usize,
    target: &Target,
    access: &Access,
    declared: bool,
) -> Diagnostic {
    let package = graph.packages.list[to].label();
    let (_, subpath) = structlint_graph::split_package(&r.specifier);
    let reason = match access {
        Access::Blocked => {
            format!("its package.json `exports` map sets {subpath} to null, which makes it private")
        }
        _ => format!("{subpath} is not one of its public entry points"),
    };
    let target = match target {
        Target::File(path) | Target::Asset(path) => Some(path.as_str()),
        _ => None,
    };
    let mut d = Diagnostic::new(
        r.specifier_span.clone(),
        format!(
            "{} imports `{}`, which reaches into {package}: {reason}",
            file.path, r.specifier
        ),
    )
    .label(format!("internal to {package}"))
    .why(WHY);
    d = add_advice(d, graph, r, to, target);
    finish(d, graph, file, to, target, declared)
}

/// `../../billing/src/db`: a relative path or alias into another package.
pub(crate) fn by_path(
    graph: &ImportGraph,
    file: &GraphFile,
    r: &ModuleRef,
    to: usize,
    target: &str,
    declared: bool,
) -> Diagnostic {
    let package = graph.packages.list[to].label();
    let how = if r.specifier.starts_with('.') {
        "a relative path"
    } else {
        "a tsconfig path alias"
    };
    let mut d = Diagnostic::new(
        r.specifier_span.clone(),
        format!(
            "{} imports {target} of {package} through {how} (`{}`), not through the package",
            file.path, r.specifier
        ),
    )
    .label(format!("into {package}"))
    .why(WHY);
    match graph.entry_of(target) {
        Some(subpath) => {
            let specifier = graph.specifier(to, &subpath);
            d = d
                .step(format!(
                    "Import it by package name: `{specifier}`; {target} is that public entry."
                ))
                .edit(specifier_edit(
                    r,
                    &specifier,
                    format!("Import `{specifier}` by package name"),
                    // Safe: the package-name specifier resolves to the very file the import
                    // reaches now, so the same module is loaded and every name still binds.
                    Applicability::Safe,
                ));
        }
        None => d = add_advice(d, graph, r, to, Some(target)),
    }
    finish(d, graph, file, to, Some(target), declared)
}

fn add_advice(
    mut d: Diagnostic,
    graph: &ImportGraph,
    r: &ModuleRef,
    to: usize,
    target: Option<&str>,
) -> Diagnostic {
    let advice = entry_advice(graph, r, to, target);
    for step in advice.steps {
        d = d.step(step);
    }
    if let Some(edit) = advice.edit {
        d = d.edit(edit);
    }
    if let Some(entry) = advice.entry {
        d = d.related(
            file_start(&entry),
            format!("public entry of {}", graph.packages.list[to].label()),
        );
    }
    d
}

fn finish(
    mut d: Diagnostic,
    graph: &ImportGraph,
    file: &GraphFile,
    to: usize,
    target: Option<&str>,
    declared: bool,
) -> Diagnostic {
    if !declared && let Some(from) = file.package {
        d = d.step(declare_step(graph, from, to));
    }
    if let Some(target) = target {
        d = d.related(file_start(target), "the module imported");
    }
    let manifest = graph.packages.list[to].manifest_path();
    let what = if graph.packages.list[to].manifest.exports.is_some() {
        "its `exports` map decides what is public"
    } else {
        "`types`/`main` (or src/index) is its public entry"
    };
    d.related(
        file_start(&manifest),
        format!("{}'s package.json: {what}", graph.packages.list[to].label()),
    )
}
