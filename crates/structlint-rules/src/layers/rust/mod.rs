//! `layers` for Cargo workspaces: crates tagged with a layer (`crates = { … }` in a
//! `[[layers]]` entry, or `[package.metadata.structlint] layer = "…"`) may use only the
//! crates of the layers below them. A use is reported at the `use` (or the qualified path in
//! the code); a dependency in Cargo.toml that no code uses, at its line in the manifest.

use std::collections::HashSet;
use std::sync::Arc;

use structlint_cargo::{
    CargoWorkspace, CargoWorkspaceProvider, Crate, RustFacts, RustFile, absolute, library_modules,
};
use structlint_core::{Diagnostic, Language, SourceFile, Span, WorkspaceContext};

use crate::shared::bilingual::RustCheck;
use crate::shared::layer_stacks::{Side, Stack};

/// The Rust half of `layers`.
pub(crate) struct RustLayers {
    pub stacks: Arc<Vec<Stack>>,
}

impl RustCheck for RustLayers {
    fn active(&self) -> bool {
        // Without [[layers]] there is nothing to check, and nothing to parse with syn.
        !self.stacks.is_empty()
    }

    fn check_rust(&self, cx: &WorkspaceContext, files: &[RustFile], out: &mut Vec<Diagnostic>) {
        let Some(ws) = cx.artifact::<CargoWorkspaceProvider>() else {
            return;
        };
        check_crates(cx, &ws, &self.stacks, files, out);
        check_modules(&ws, &self.stacks, files, out);
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
        let tagged = c.layer.clone().filter(|l| s.has_layer(l));
        Some((s, named.or(tagged)?))
    })
}

fn check_crates(
    cx: &WorkspaceContext,
    ws: &CargoWorkspace,
    stacks: &[Stack],
    files: &[RustFile],
    out: &mut Vec<Diagnostic>,
) {
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
    let mut uses_found = UpwardUses::default();
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
                uses_found.add(
                    stack,
                    (&ws.crates[from].name, a),
                    (&ws.crates[to].name, b),
                    &u.span,
                    u.segments.join("::"),
                    Some(&ws.crates[from].manifest),
                );
            }
        }
    }
    uses_found.emit(out);
    for (from, c) in ws.crates.iter().enumerate() {
        for dep in &c.deps {
            let Some(to) = ws.crates.iter().position(|x| x.name == dep.name) else {
                continue;
            };
            if used.contains(&(from, to)) {
                continue;
            }
            if let Some((stack, a, b)) = problem(from, to) {
                let text = cx.read(&c.manifest).unwrap_or_default();
                let manifest = SourceFile::new(
                    c.manifest.clone(),
                    cx.root.join(&c.manifest),
                    Language::Rust,
                    text,
                );
                let span = manifest.span(dep.span.clone());
                out.push(diagnostic(
                    stack,
                    End {
                        name: &c.name,
                        layer: a,
                    },
                    End {
                        name: &ws.crates[to].name,
                        layer: b,
                    },
                    span,
                    &format!("the dependency on `{}`", dep.name),
                    Some(&c.manifest),
                ));
            }
        }
    }
}

/// The two ends of an upward use: a crate or a module, its layer, and what to call it.
struct End<'a> {
    name: &'a str,
    layer: &'a str,
}

fn diagnostic(
    stack: &Stack,
    from: End<'_>,
    to: End<'_>,
    span: Span,
    what: &str,
    manifest: Option<&str>,
) -> Diagnostic {
    let diagram: Vec<String> = stack
        .order
        .iter()
        .map(|l| match l.as_str() {
            l if l == from.layer => format!("[{l}: {}]", from.name),
            l if l == to.layer => format!("({l}: {})", to.name),
            l => l.to_string(),
        })
        .collect();
    let allowed = stack.allowed_from(from.layer);
    let (f, t) = (from.name, to.name);
    let mut d = Diagnostic::new(span, format!("{f} ({} layer) uses {t} ({} layer) through {what}: the `{}` layers allow only uses downward", from.layer, to.layer, stack.name))
        .label(format!("{} → {}", from.layer, to.layer))
        .why("Layers keep dependencies pointing one way: lower layers stay reusable and testable without the upper ones, and a change to the UI never breaks the types. One upward use ties the whole stack together.")
        .step(format!("The stack, bottom first: {} (the user in [ ], the used one in ( )).", diagram.join(" → ")))
        .step(format!("Move what {f} needs from {t} down into a layer {} may use: {}.", from.layer, allowed.join(", ")))
        .step(format!("Or invert the dependency: define a trait in {f} (or lower) and let {t} implement it, wiring the two together in a higher layer."));
    if let Some(manifest) = manifest {
        d = d.step(format!(
            "Remove the dependency on `{t}` from {manifest} once no code uses it."
        ));
    }
    d
}

/// Layers inside a crate: with `modules` matching a crate's source directory
/// (`crates/*/src`), the top-level modules are the layers, and `crate::ui` may not be used by
/// `crate::repo`.
fn check_modules(
    ws: &CargoWorkspace,
    stacks: &[Stack],
    files: &[RustFile],
    out: &mut Vec<Diagnostic>,
) {
    let pairs: Vec<(&str, &RustFacts)> =
        files.iter().map(|f| (f.path.as_str(), &*f.facts)).collect();
    let modules = library_modules(ws, &pairs);
    let mut uses_found = UpwardUses::default();
    for file in files {
        let Some((c, module)) = modules.get(file.path.as_str()) else {
            continue;
        };
        let Some(root) = ws.crates[*c].lib.as_deref() else {
            continue;
        };
        let src = root.rsplit_once('/').map_or("", |(d, _)| d);
        let Some(stack) = stacks.iter().find(|s| s.domain_matches(src)) else {
            continue;
        };
        let layer_of = |m: &[String]| m.first().filter(|l| stack.has_layer(l)).cloned();
        let Some(from) = layer_of(module) else {
            continue;
        };
        for u in &file.facts.uses {
            let Some(target) = absolute(module, &u.segments) else {
                continue;
            };
            let Some(to) = layer_of(&target) else {
                continue;
            };
            let forbidden = stack.forbid.iter().any(|f| matches!((&f.from, &f.to), (Side::Layer(a), Side::Layer(b)) if *a == from && *b == to));
            if forbidden || !stack.allows(&from, &to) {
                let (fname, tname) = (format!("crate::{from}"), format!("crate::{to}"));
                uses_found.add(
                    stack,
                    (&fname, &from),
                    (&tname, &to),
                    &u.span,
                    u.segments.join("::"),
                    None,
                );
            }
        }
    }
    uses_found.emit(out);
}

/// Upward uses, one finding per `use` item: `use other::{A, B};` names both paths in one
/// finding rather than reporting the same line twice.
#[derive(Default)]
struct UpwardUses<'s> {
    found: Vec<UpwardUse<'s>>,
}

struct UpwardUse<'s> {
    stack: &'s Stack,
    from: (String, String),
    to: (String, String),
    span: Span,
    paths: Vec<String>,
    manifest: Option<String>,
}

impl<'s> UpwardUses<'s> {
    fn add(
        &mut self,
        stack: &'s Stack,
        from: (&str, &str),
        to: (&str, &str),
        span: &Span,
        path: String,
        manifest: Option<&str>,
    ) {
        let same = |f: &UpwardUse<'_>| {
            f.span.path == span.path && f.span.start == span.start && f.to.0 == to.0
        };
        if let Some(found) = self.found.iter_mut().rev().find(|f| same(f)) {
            if !found.paths.contains(&path) {
                found.paths.push(path);
            }
            return;
        }
        let owned = |(name, layer): (&str, &str)| (name.to_string(), layer.to_string());
        self.found.push(UpwardUse {
            stack,
            from: owned(from),
            to: owned(to),
            span: span.clone(),
            paths: vec![path],
            manifest: manifest.map(str::to_string),
        });
    }

    fn emit(self, out: &mut Vec<Diagnostic>) {
        for f in self.found {
            let what: Vec<String> = f.paths.iter().map(|p| format!("`{p}`")).collect();
            out.push(diagnostic(
                f.stack,
                End {
                    name: &f.from.0,
                    layer: &f.from.1,
                },
                End {
                    name: &f.to.0,
                    layer: &f.to.1,
                },
                f.span,
                &what.join(", "),
                f.manifest.as_deref(),
            ));
        }
    }
}

#[cfg(test)]
mod tests;
