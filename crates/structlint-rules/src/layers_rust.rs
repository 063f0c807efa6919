//! `layers` for Cargo workspaces: crates tagged with a layer (`crates = { … }` in a
//! `[[layers]]` entry, or `[package.metadata.structlint] layer = "…"`) may use only the
//! crates of the layers below them. A use is reported at the `use` (or the qualified path in
//! the code); a dependency in Cargo.toml that no code uses, at its line in the manifest.

use std::collections::HashSet;
use std::sync::Arc;

use structlint_cargo::{CargoWorkspace, Crate, RustFacts};
use structlint_core::{
    Diagnostic, FileContext, FileFacts, Input, Language, Needs, SourceFile, Span, WorkspaceContext,
    WorkspaceRule,
};
use structlint_graph::ModuleFacts;

use crate::import_graph::OnGraph;
use crate::layers::Layers;
use crate::layers_config::{Side, Stack};

/// The `layers` rule over both languages.
pub(crate) struct LayersRule {
    pub ts: OnGraph<Layers>,
    pub stacks: Arc<Vec<Stack>>,
}

pub(crate) enum LayerFacts {
    Ts(Arc<ModuleFacts>),
    Rust(RustFacts),
}

impl WorkspaceRule for LayersRule {
    type Facts = LayerFacts;

    fn needs(&self) -> Needs {
        Needs::new(Input::Tree)
    }

    fn collect(&self, cx: &FileContext<'_>) -> Option<LayerFacts> {
        if cx.language() != Language::Rust {
            return self.ts.collect(cx).map(LayerFacts::Ts);
        }
        // Without [[layers]] there is nothing to check, and nothing to parse with syn.
        (!self.stacks.is_empty())
            .then(|| RustFacts::extract(cx))
            .flatten()
            .map(LayerFacts::Rust)
    }

    fn check(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<LayerFacts>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let (mut ts, mut rust) = (Vec::new(), Vec::new());
        for f in files {
            match f.facts {
                LayerFacts::Ts(facts) => ts.push(FileFacts {
                    path: f.path,
                    facts,
                }),
                LayerFacts::Rust(facts) => rust.push(FileFacts {
                    path: f.path,
                    facts,
                }),
            }
        }
        if !ts.is_empty() {
            self.ts.check(cx, ts, out);
        }
        if !self.stacks.is_empty() {
            check_crates(cx, &self.stacks, &rust, out);
        }
    }
}

/// A crate's place: its stack and layer.
fn place<'s>(stacks: &'s [Stack], c: &Crate) -> Option<(&'s Stack, String)> {
    stacks.iter().find_map(|s| {
        let named = s
            .crates
            .iter()
            .find(|(name, _)| *name == c.name)
            .map(|(_, l)| l.clone());
        let tagged = c
            .layer
            .clone()
            .filter(|l| s.order.contains(l) || s.cross_cutting.contains(l));
        Some((s, named.or(tagged)?))
    })
}

fn check_crates(
    cx: &WorkspaceContext,
    stacks: &[Stack],
    files: &[FileFacts<RustFacts>],
    out: &mut Vec<Diagnostic>,
) {
    let ws = cx.shared(|| CargoWorkspace::discover(cx));
    let places: Vec<Option<(&Stack, String)>> =
        ws.crates.iter().map(|c| place(stacks, c)).collect();
    let problem = |from: usize, to: usize| -> Option<(&Stack, &str, &str)> {
        let ((stack, from_layer), (to_stack, to_layer)) =
            (places[from].as_ref()?, places[to].as_ref()?);
        if !std::ptr::eq(*stack, *to_stack) {
            return None;
        }
        let forbidden = stack.forbid.iter().any(|f| matches!((&f.from, &f.to), (Side::Layer(a), Side::Layer(b)) if a == from_layer && b == to_layer));
        (forbidden || !stack.allows(from_layer, to_layer)).then_some((
            *stack,
            from_layer.as_str(),
            to_layer.as_str(),
        ))
    };
    let mut used: HashSet<(usize, usize)> = HashSet::new();
    for file in files {
        let Some(from) = ws.crate_of(&file.path) else {
            continue;
        };
        let mut seen_in_file: HashSet<usize> = HashSet::new();
        let mut uses: Vec<&structlint_cargo::PathUse> = file.facts.uses.iter().collect();
        // Declarations first, so that code paths only count for crates no `use` names.
        uses.sort_by_key(|u| !u.declared);
        for u in uses {
            let Some(to) = ws.by_ident(&u.segments[0]).filter(|&to| to != from) else {
                continue;
            };
            used.insert((from, to));
            if !u.declared && seen_in_file.contains(&to) {
                continue;
            }
            seen_in_file.insert(to);
            if let Some((stack, a, b)) = problem(from, to) {
                out.push(diagnostic(
                    stack,
                    &ws.crates[from],
                    &ws.crates[to],
                    a,
                    b,
                    u.span.clone(),
                    &format!("`{}`", u.segments.join("::")),
                ));
            }
        }
    }
    for (from, c) in ws.crates.iter().enumerate() {
        for dep in &c.deps {
            let Some(to) = ws.crates.iter().position(|x| x.name == dep.name) else {
                continue;
            };
            if used.contains(&(from, to)) {
                continue;
            }
            if let Some((stack, a, b)) = problem(from, to) {
                let text = std::fs::read_to_string(cx.root.join(&c.manifest)).unwrap_or_default();
                let manifest = SourceFile::new(
                    c.manifest.clone(),
                    cx.root.join(&c.manifest),
                    Language::Rust,
                    text,
                );
                let span = manifest.span(dep.span.clone());
                out.push(diagnostic(
                    stack,
                    c,
                    &ws.crates[to],
                    a,
                    b,
                    span,
                    &format!("the dependency on `{}`", dep.name),
                ));
            }
        }
    }
}

fn diagnostic(
    stack: &Stack,
    from: &Crate,
    to: &Crate,
    from_layer: &str,
    to_layer: &str,
    span: Span,
    what: &str,
) -> Diagnostic {
    let diagram: Vec<String> = stack
        .order
        .iter()
        .map(|l| match l.as_str() {
            l if l == from_layer => format!("[{l}: {}]", from.name),
            l if l == to_layer => format!("({l}: {})", to.name),
            l => l.to_string(),
        })
        .collect();
    let allowed = stack.allowed_from(from_layer);
    Diagnostic::new(span, format!("{} ({from_layer} layer) uses {} ({to_layer} layer) through {what}: the `{}` layers allow only uses downward", from.name, to.name, stack.name))
        .label(format!("{from_layer} → {to_layer}"))
        .why("Layers keep dependencies pointing one way: lower layers stay reusable and testable without the upper ones, and a change to the UI never breaks the types. One upward use ties the whole stack together.")
        .step(format!("The stack, bottom first: {} (this crate in [ ], the used one in ( )).", diagram.join(" → ")))
        .step(format!("Move what {} needs from {} down into a crate of a layer {} may use: {}.", from.name, to.name, from_layer, allowed.join(", ")))
        .step(format!("Or invert the dependency: define a trait in {} (or lower) and let {} implement it, wiring the two together in a higher layer.", from.name, to.name))
        .step(format!("Remove the dependency on `{}` from {} once no code uses it.", to.name, from.manifest))
}

#[cfg(test)]
#[path = "layers_rust_tests.rs"]
mod tests;
