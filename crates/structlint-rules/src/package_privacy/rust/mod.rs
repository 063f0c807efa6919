//! `package-privacy` for Cargo workspaces: another crate may use only what a crate exposes on
//! purpose (nothing under a module the `internal` patterns name, nothing `#[doc(hidden)]` that
//! may change under it), and a library's `pub` items must be reachable from its public API,
//! or be `pub(crate)`.

use std::collections::{HashMap, HashSet};

use regex::Regex;

use structlint_cargo::{
    CargoWorkspace, CargoWorkspaceProvider, ItemFact, RustFacts, RustFile, Vis, absolute,
    library_modules,
};

use structlint_core::{Applicability, Diagnostic, Edit, Replacement, Severity, WorkspaceContext};

use crate::shared::bilingual::RustCheck;

/// A library crate's modules and items, by module path.
struct Library<'a> {
    ident: &'a str,
    /// Modules declared `pub`, by their full path.
    public_mods: HashSet<Vec<String>>,
    /// Every item with its full module path and its file.
    items: Vec<(Vec<String>, &'a ItemFact, &'a str)>,
    /// `pub use` paths resolved to full paths, with the module they are in.
    reexports: Vec<(Vec<String>, Vec<String>)>,
    /// Per `impl` block: the type and what its public methods' signatures name.
    impls: Vec<(&'a str, &'a [String])>,
}

impl Library<'_> {
    /// Per item, whether other crates can reach it: by a public path, or because a reachable
    /// item's public surface names it (a private type in a public signature is reachable).
    fn reachable(&self) -> Vec<bool> {
        let mut reachable: Vec<bool> = self
            .items
            .iter()
            .map(|(m, item, _)| self.public_path(m, &item.name).is_some())
            .collect();
        loop {
            let mut named: HashSet<&str> = HashSet::new();
            for (_, item, _) in self
                .items
                .iter()
                .zip(&reachable)
                .filter(|(_, r)| **r)
                .map(|(i, _)| i)
            {
                named.extend(item.surface.iter().map(String::as_str));
                for (_, surface) in self.impls.iter().filter(|(ty, _)| *ty == item.name) {
                    named.extend(surface.iter().map(String::as_str));
                }
            }
            let mut grew = false;
            for (i, (_, item, _)) in self.items.iter().enumerate() {
                if !reachable[i] && named.contains(item.name.as_str()) {
                    reachable[i] = true;
                    grew = true;
                }
            }
            if !grew {
                return reachable;
            }
        }
    }

    fn public(&self, module: &[String]) -> bool {
        (1..=module.len()).all(|n| self.public_mods.contains(&module[..n]))
    }

    /// The public path of item `name` of `module`, if the crate's API reaches it.
    fn public_path(&self, module: &[String], name: &str) -> Option<Vec<String>> {
        if self.public(module) {
            return Some(module.iter().cloned().chain([name.to_string()]).collect());
        }
        self.reexports.iter().find_map(|(at, target)| {
            let (last, prefix) = target.split_last()?;
            let hit = prefix == module && (last == name || last == "*");
            (hit && self.public(at)).then(|| at.iter().cloned().chain([name.to_string()]).collect())
        })
    }
}

pub(crate) fn check(
    cx: &WorkspaceContext,
    rule: &RustPrivacy,
    files: &[RustFile],
    out: &mut Vec<Diagnostic>,
) {
    let internal = &rule.internal;
    let Some(ws) = cx.artifact::<CargoWorkspaceProvider>() else {
        return;
    };
    let mut libraries: HashMap<usize, Library<'_>> = HashMap::new();
    let pairs: Vec<(&str, &RustFacts)> =
        files.iter().map(|f| (f.path.as_str(), &*f.facts)).collect();
    let modules = library_modules(&ws, &pairs);
    let mut members: Vec<(usize, Vec<String>, &RustFile)> = files
        .iter()
        .filter_map(|f| {
            modules
                .get(f.path.as_str())
                .map(|(c, m)| (*c, m.clone(), f))
        })
        .collect();
    members.sort_by(|a, b| a.2.path.cmp(&b.2.path));
    for (c, module, file) in &members {
        let lib = libraries.entry(*c).or_insert_with(|| Library {
            ident: &ws.crates[*c].ident,
            public_mods: HashSet::new(),
            items: Vec::new(),
            reexports: Vec::new(),
            impls: Vec::new(),
        });
        let facts = &file.facts.items;
        for m in facts.mods.iter().filter(|m| m.public && !m.test_only) {
            lib.public_mods.insert(
                module
                    .iter()
                    .chain(&m.module)
                    .cloned()
                    .chain([m.name.clone()])
                    .collect(),
            );
        }
        for item in &facts.items {
            lib.items.push((
                module.iter().chain(&item.module).cloned().collect(),
                item,
                &file.path,
            ));
        }
        for r in &facts.reexports {
            let at: Vec<String> = module.iter().chain(&r.module).cloned().collect();
            lib.reexports.push((at.clone(), resolve(&at, &r.path)));
        }
        lib.impls.extend(
            facts
                .impls
                .iter()
                .map(|i| (i.self_type.as_str(), i.surface.as_slice())),
        );
    }
    for lib in libraries.values().filter(|_| rule.unreachable_pub) {
        let reachable = lib.reachable();
        for (i, (module, item, _)) in lib.items.iter().enumerate() {
            if item.vis == Vis::Public && !item.test_only && !reachable[i] {
                out.push(unreachable(lib, module, item));
            }
        }
    }
    for file in files {
        let Some(from) = ws.crate_of(&file.path) else {
            continue;
        };
        for u in &file.facts.uses {
            let Some(to) = ws.by_ident(&u.segments[0]).filter(|&to| to != from) else {
                continue;
            };
            let joined = u.segments.join("::");
            // `#[doc(hidden)]` puts an item outside the crate's semver promise (as
            // cargo-semver-checks reads it), which is how a crate shares internals with its
            // siblings: only a sibling that can be built against another release may not use it.
            let drifts = may_drift(&ws, from, to);
            let hidden = libraries
                .get(&to)
                .filter(|_| drifts.is_some())
                .and_then(|lib| {
                    let (name, module) = u.segments[1..].split_last()?;
                    lib.items
                        .iter()
                        .find(|(m, item, _)| m == module && item.name == *name && item.doc_hidden)
                        .map(|_| lib)
                });
            let marked = internal.iter().find(|(_, re)| re.is_match(&joined));
            if hidden.is_none() && marked.is_none() {
                continue;
            }
            let owner = &ws.crates[to];
            let reason = match marked {
                Some((pattern, _)) => {
                    format!("its path matches the `internal` pattern `{pattern}`")
                }
                None => format!(
                    "it is `#[doc(hidden)]`, outside its semver promise, and {} is published with `{} = \"{}\"`, which admits other releases",
                    ws.crates[from].name,
                    ws.crates[to].name,
                    drifts.unwrap_or_default()
                ),
            };
            let public = libraries.get(&to).and_then(|lib| {
                let name = u.segments.last()?;
                lib.reexports
                    .iter()
                    .find(|(at, target)| target.last() == Some(name) && lib.public(at))
                    .map(|(at, _)| {
                        [lib.ident.to_string()]
                            .into_iter()
                            .chain(at.iter().cloned())
                            .chain([name.clone()])
                            .collect::<Vec<_>>()
                            .join("::")
                    })
            });
            let mut d = Diagnostic::new(u.span.clone(), format!("{} uses `{joined}`, which {} does not expose: {reason}", ws.crates[from].name, owner.name))
                .label("internal to another crate")
                .why(if marked.is_some() {
                    "A crate's public API is its contract: code that reaches into its internals breaks when the owners refactor them and couples crates in ways nobody reviewed."
                } else {
                    "A `#[doc(hidden)]` item is outside its crate's semver promise: a minor or patch release may change or remove it, and a crate built against that release with this code breaks."
                });
            let (user, owner) = (&ws.crates[from].name, &owner.name);
            d = match public {
                Some(path) => d.step(format!("Use the public path instead: `{path}`.")),
                None if marked.is_some() => d
                    .step(format!("If other crates should use it, make it part of {owner}'s API: re-export it from its lib.rs (`pub use …;`) outside the internal module, then use that path."))
                    .step(format!("Otherwise ask the owners of {owner} why it is internal, and use its public API instead.")),
                None => d
                    .step(format!("If other crates should use it, make it part of {owner}'s API: remove `#[doc(hidden)]` and document it."))
                    .step(format!("If {user} is meant to share {owner}'s internals, pin the dependency to one release (`{owner} = \"=x.y.z\"`, as serde pins serde_derive), so it is always built with the copy it was written against."))
                    .step(format!("Otherwise use {owner}'s public API instead.")),
            };
            out.push(d);
        }
    }
}

/// The version requirement by which published crate `from` depends on `to`, when it admits
/// releases other than the workspace's copy.
fn may_drift(ws: &CargoWorkspace, from: usize, to: usize) -> Option<&str> {
    let user = &ws.crates[from];
    if !user.published {
        return None;
    }
    user.deps
        .iter()
        .filter(|d| d.name == ws.crates[to].name && !d.pins_one_release())
        .find_map(|d| d.version.as_deref())
}

/// A `use` path of module `at`, as a full module path of the crate (a bare path is relative
/// to the module, as in 2018 editions).
fn resolve(at: &[String], path: &[String]) -> Vec<String> {
    absolute(at, path).unwrap_or_else(|| at.iter().chain(path).cloned().collect())
}

fn unreachable(lib: &Library<'_>, module: &[String], item: &ItemFact) -> Diagnostic {
    let full = [lib.ident.to_string()]
        .iter()
        .chain(module)
        .cloned()
        .chain([item.name.clone()])
        .collect::<Vec<_>>()
        .join("::");
    let private = (1..=module.len())
        .find(|&n| !lib.public_mods.contains(&module[..n]))
        .map(|n| module[..n].join("::"))
        .unwrap_or_default();
    let mut d = Diagnostic::new(item.span.clone(), format!("`pub {} {}` is not reachable from {}'s public API: `{private}` is a private module and nothing re-exports it", item.kind, item.name, lib.ident))
        .label("pub, but unreachable")
        .why("`pub` on an item other crates cannot reach says nothing true: readers take it for API, and the compiler cannot warn when it becomes unused. Either it is API, and the crate re-exports it, or it is internal, and `pub(crate)` says so.")
        .step(format!("If {full} is internal, narrow it to `pub(crate)`."))
        .step(format!("If other crates should use it, re-export it from the crate root: `pub use {}::{};` in lib.rs.", module.join("::"), item.name))
        .at_most(Severity::Warning);
    if let Some(vis) = &item.vis_span {
        d = d.edit(Edit {
            description: "Narrow to pub(crate)".into(),
            replacements: vec![Replacement {
                span: vis.clone(),
                text: "pub(crate)".into(),
            }],
            // Unsafe: which of the two fixes is right is the author's call (the item may be
            // API the crate forgot to re-export), and a `pub(crate)` item named in a
            // reachable signature trips `private_interfaces`, which fails `-D warnings`.
            applicability: Applicability::Unsafe,
        });
    }
    d
}

/// `*::internal::*` as a regex over `::`-joined paths: `*` is any run of characters.
pub(crate) fn internal_pattern(pattern: &str) -> Result<(String, Regex), regex::Error> {
    let re = pattern
        .split('*')
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(".*");
    Ok((pattern.to_string(), Regex::new(&format!("^{re}$"))?))
}

/// The Rust half of `package-privacy`.
pub(crate) struct RustPrivacy {
    pub internal: Vec<(String, Regex)>,
    /// Report `pub` items the library's API cannot reach (opt-in: rustc has the lint).
    pub unreachable_pub: bool,
}

impl RustCheck for RustPrivacy {
    fn check_rust(&self, cx: &WorkspaceContext, files: &[RustFile], out: &mut Vec<Diagnostic>) {
        check(cx, self, files, out);
    }
}

#[cfg(test)]
mod tests;
