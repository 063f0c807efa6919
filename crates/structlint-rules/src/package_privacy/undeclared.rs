//! The undeclared-dependency finding of `package-privacy`: a workspace package imported by
//! a package whose package.json does not list it.

use structlint_core::{Diagnostic, plural};
use structlint_graph::{ImportGraph, ModuleRef};

use crate::shared::import_graph::{file_start, place};

pub(crate) fn declares(graph: &ImportGraph, from: usize, to: usize) -> bool {
    let name = graph.packages.list[to].name.as_deref();
    name.is_some_and(|n| graph.packages.list[from].manifest.dependencies.contains(n))
}

pub(crate) fn declare_step(graph: &ImportGraph, from: usize, to: usize) -> String {
    let name = graph.packages.list[to].label();
    let (version, install) = if graph.packages.pnpm {
        ("workspace:*", "pnpm install")
    } else {
        ("*", "npm install")
    };
    format!(
        "Declare the dependency: add `\"{name}\": \"{version}\"` to `dependencies` in {} (`devDependencies` if only tests or tooling use it), then run `{install}`.",
        graph.packages.list[from].manifest_path()
    )
}

pub(crate) fn undeclared_dependency(
    graph: &ImportGraph,
    from: usize,
    to: usize,
    refs: &[&ModuleRef],
) -> Diagnostic {
    let (importer, imported) = (
        graph.packages.list[from].label(),
        graph.packages.list[to].label(),
    );
    let first = refs[0];
    let mut d = Diagnostic::new(
        first.specifier_span.clone(),
        format!("{importer} imports {imported} but {} does not declare it as a dependency", graph.packages.list[from].manifest_path()),
    )
    .label("undeclared dependency")
    .why(
        "Package managers, build order and affected-test selection read dependencies from package.json; an undeclared \
         workspace dependency works only by accident of hoisting and breaks isolated builds.",
    )
    .step(declare_step(graph, from, to));
    if refs.len() > 1 {
        d = d.step(format!(
            "{} import it; one declaration covers all of them.",
            plural(refs.len(), "place")
        ));
    }
    d = d.related(
        file_start(&graph.packages.list[from].manifest_path()),
        format!("{importer}'s package.json"),
    );
    for r in refs.iter().skip(1).take(5) {
        d = d.related(
            r.specifier_span.clone(),
            format!("also imported at {}", place(r)),
        );
    }
    d
}
