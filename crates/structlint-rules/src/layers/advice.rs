//! The prompt of a `layers` finding: the stack drawn with both ends marked, the layers the
//! importer may use, and the fixes in order.

use structlint_core::Diagnostic;
use structlint_graph::{GraphFile, ImportGraph, ModuleRef, Target, paths};

use crate::shared::import_graph::{file_start, relative_specifier};
use crate::shared::layer_stacks::{Forbid, Place, Stack};

/// What is wrong with one import.
pub(crate) enum Problem<'a> {
    Upward,
    OwnEntry,
    /// A subpath entry of the package that imports what is named, above the importer.
    EntryReaches(String),
    Forbidden(&'a Forbid),
}

pub(crate) fn diagnostic(
    graph: &ImportGraph,
    file: &GraphFile,
    r: &ModuleRef,
    target: &str,
    from: Option<&Place<'_>>,
    to: Option<&Place<'_>>,
    problem: Problem<'_>,
) -> Diagnostic {
    let from_layer = from.and_then(Place::layer);
    let to_layer = to.and_then(Place::layer);
    let at = |layer: Option<&str>| layer.map_or(String::new(), |l| format!(" ({l} layer)"));
    let (summary, label) = match &problem {
        Problem::Upward => (
            format!(
                "{}{} imports {target}{}, a layer above it",
                file.path,
                at(from_layer),
                at(to_layer)
            ),
            format!(
                "{} is above {}",
                to_layer.unwrap_or("?"),
                from_layer.unwrap_or("?")
            ),
        ),
        Problem::OwnEntry => (
            format!(
                "{}{} imports {target}, its own package's entry, which sits above every layer",
                file.path,
                at(from_layer)
            ),
            "the package entry is above the layers".to_string(),
        ),
        Problem::EntryReaches(above) => (
            format!(
                "{}{} imports {target}, an entry of its own package that imports {above}, above it",
                file.path,
                at(from_layer)
            ),
            format!("this entry imports {above}"),
        ),
        Problem::Forbidden(f) => (
            format!(
                "{}{} imports {target}{}: the layers config forbids {}",
                file.path,
                at(from_layer),
                at(to_layer),
                f.text
            ),
            format!("forbidden: {}", f.text),
        ),
    };
    let mut d = Diagnostic::new(r.specifier_span.clone(), summary).label(label);
    let stack = match from.or(to) {
        Some(
            Place::Layer { stack, .. }
            | Place::Entry { stack, .. }
            | Place::Unclassified { stack, .. },
        ) => *stack,
        None => {
            return d
                .why("The `[[layers]]` config forbids this edge.")
                .step("Remove the import, or change the config if the edge is intended.");
        }
    };
    d = d.why(format!(
        "Layers keep dependencies flowing one way ({}): lower layers stay reusable and testable without the ones above.\n{}",
        stack.order.join(" → "),
        diagram(stack, from.and_then(|p| p.layer().map(|l| (l, file.path.as_str()))), to_layer.map(|l| (l, target)), matches!(problem, Problem::OwnEntry | Problem::EntryReaches(_)).then_some(target))
    ));
    match (&problem, from_layer) {
        (Problem::OwnEntry, _) => {
            if let Some(step) = direct_module_step(graph, file, r, target) {
                d = d.step(step);
            }
            d = d.step("Never import the package's own entry from inside it: the entry re-exports every layer, so importing it pulls in the layers above yours.");
        }
        (Problem::EntryReaches(above), _) => {
            if let Some(step) = direct_module_step(graph, file, r, target) {
                d = d.step(step);
            }
            d = d.step(format!("Import the module of your own layer or below directly: {target} is the package's public entry for other packages, and importing it pulls in {above}."));
        }
        (Problem::Forbidden(_), Some(from_layer)) => {
            let allowed = stack.allowed_from(from_layer);
            match wrapper_step(
                graph,
                stack,
                from.map(Place::domain),
                (&file.path, from_layer),
                to_layer,
                target,
            ) {
                Some(step) => d = d.step(step),
                None => {
                    let between: Vec<&str> = allowed
                        .iter()
                        .copied()
                        .filter(|l| to_layer.is_some_and(|t| stack.allows(l, t) && *l != t))
                        .collect();
                    d = d.step(format!(
                        "Go through a layer between them: add a function to {} that does what {} needs with {target}, and call that.",
                        if between.is_empty() { "a layer it may use".to_string() } else { between.join(" or ") },
                        file.path
                    ));
                }
            }
            d = d.step(format!("{from_layer} may use: {}.", allowed.join(", ")));
        }
        (_, Some(from_layer)) => {
            if let Some(step) = wrapper_step(
                graph,
                stack,
                from.map(Place::domain),
                (&file.path, from_layer),
                to_layer,
                target,
            ) {
                d = d.step(step);
            }
            let allowed = stack.allowed_from(from_layer);
            let lowest = stack
                .order
                .first()
                .map(String::as_str)
                .unwrap_or(from_layer);
            let domain = from.map(Place::domain).unwrap_or(".");
            d = d
                .step(format!("Move what {} needs from {target} down to a layer it may use ({}), e.g. into {domain}/{lowest}/, and import it from there.", file.path, allowed.join(", ")))
                .step(format!(
                    "Or invert the dependency: declare an interface for it in a lower layer ({}), implement it in {}, and pass the implementation in from the code that wires the layers together.",
                    stack.cross_cutting.first().map_or(lowest, String::as_str),
                    to_layer.unwrap_or("the target's layer")
                ));
        }
        _ => d = d.step("Remove the import, or route it through a module the config allows."),
    }
    d.related(file_start(target), "the module imported")
}

/// The stack top-down, the importer and the imported layer marked.
fn diagram(
    stack: &Stack,
    importer: Option<(&str, &str)>,
    imported: Option<(&str, &str)>,
    entry: Option<&str>,
) -> String {
    let width = stack
        .order
        .iter()
        .chain(&stack.cross_cutting)
        .map(String::len)
        .max()
        .unwrap_or(0)
        // A format width over 65,535 panics; names longer than 64 are not lined up.
        .clamp(13, 64);
    let mut lines = vec![format!(
        "Layers of `{}`, top first (a layer may use those below it):",
        stack.name
    )];
    if let Some(entry) = entry {
        lines.push(format!(
            "  {:width$}  <- imported: {entry}",
            "(package entry)"
        ));
    }
    let mark = |layer: &str| {
        let mut marks = Vec::new();
        if let Some((_, path)) = imported.filter(|(l, _)| *l == layer) {
            marks.push(format!("imported: {path}"));
        }
        if let Some((_, path)) = importer.filter(|(l, _)| *l == layer) {
            marks.push(format!("importer: {path}"));
        }
        if marks.is_empty() {
            String::new()
        } else {
            format!("  <- {}", marks.join("; "))
        }
    };
    for layer in stack.order.iter().rev() {
        lines.push(
            format!("  {layer:width$}{}", mark(layer))
                .trim_end()
                .to_string(),
        );
    }
    for layer in &stack.cross_cutting {
        lines.push(
            format!(
                "  {:width$}{}",
                format!("{layer} (cross-cutting)"),
                mark(layer)
            )
            .trim_end()
            .to_string(),
        );
    }
    lines.join("\n")
}

/// Another module, in a layer the importer may use and that may itself use the target's
/// layer, that already imports the target: call it instead.
fn wrapper_step(
    graph: &ImportGraph,
    stack: &Stack,
    domain: Option<&str>,
    from: (&str, &str),
    to_layer: Option<&str>,
    target: &str,
) -> Option<String> {
    let (domain, to_layer, (importer, from_layer)) = (domain?, to_layer?, from);
    let wrapper = graph.files.iter().find(|f| {
        let rest = f
            .path
            .strip_prefix(domain)
            .and_then(|r| r.strip_prefix('/'));
        let layer = rest.and_then(|r| r.split_once('/')).map(|(l, _)| l);
        f.path != importer
            && layer.is_some_and(|l| {
                stack.order.iter().any(|o| o == l)
                    && stack.allows(from_layer, l)
                    && stack.allows(l, to_layer)
            })
            && f.resolved
                .iter()
                .any(|r| matches!(&r.target, Target::File(t) if t == target))
    })?;
    let exports: Vec<String> = graph
        .exports(&wrapper.path)
        .names
        .into_iter()
        .filter(|n| n != "default")
        .take(6)
        .map(|n| format!("`{n}`"))
        .collect();
    let offer = if exports.is_empty() {
        String::new()
    } else {
        format!(" and exports {}", exports.join(", "))
    };
    Some(format!(
        "Call the module that already wraps it: {} imports {target}{offer}; use that instead.",
        wrapper.path
    ))
}

/// For an import of the package entry: the modules inside the package that define the names.
fn direct_module_step(
    graph: &ImportGraph,
    file: &GraphFile,
    r: &ModuleRef,
    entry: &str,
) -> Option<String> {
    let entry_file = graph.file(entry)?;
    let mut sources = Vec::new();
    for name in r.names.iter().filter(|n| n.name != "*") {
        let source = entry_file.refs().find_map(|(_, er, res)| {
            let reexported = er
                .names
                .iter()
                .any(|n| n.alias.as_deref().unwrap_or(&n.name) == name.name);
            match (&res.target, reexported) {
                (Target::File(t), true) => Some(t.clone()),
                _ => None,
            }
        })?;
        sources.push(format!(
            "`{}` from '{}'",
            name.name,
            relative_specifier(paths::parent(&file.path), &source)
        ));
    }
    (!sources.is_empty()).then(|| {
        format!(
            "Import from the module that defines it instead: {}.",
            sources.join(", ")
        )
    })
}
