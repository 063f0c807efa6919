//! Which declaration a type name in a TypeScript schema means. Two fields typed `Options`
//! have the same type only when both names lead to the same declaration: the file's own
//! `type Options`, or the one an import leads to through any re-exports; `JSX.CSSProperties`
//! is not `React.CSSProperties`.
//!
//! A name is written `«path#Name»` once its declaration is known. While a file is read, names
//! it declares itself are known at once; the others are written `«?Name»` and settled once
//! the import graph is built ([`settle`]): an import leads to its declaration, and a name
//! that is neither declared nor imported is a global (`Date`, `Uint8Array`, `JSX.Element`),
//! written as it stands.

use std::collections::{HashMap, HashSet};

use structlint_graph::{ImportGraph, RefKind, Target};

use crate::duplicate_schemas::shape::strip_schema_suffix;

/// The names a file declares at its top level.
pub(crate) struct LocalNames<'a> {
    pub path: &'a str,
    pub declared: HashSet<String>,
}

impl LocalNames<'_> {
    /// `Name` or `Ns.Name` as written in the file.
    pub fn reference(&self, dotted: &str) -> String {
        let dotted: String = dotted.chars().filter(|c| !c.is_whitespace()).collect();
        let first = dotted.split('.').next().unwrap_or("");
        if self.declared.contains(first) {
            declared(self.path, &dotted)
        } else {
            format!("«?{dotted}»")
        }
    }
}

/// `«path#Name»`; `InvoiceSchema` and `Invoice` name the same data.
fn declared(path: &str, dotted: &str) -> String {
    let (head, last) = dotted
        .rsplit_once('.')
        .map_or(("", dotted), |(h, l)| (h, l));
    let dot = if head.is_empty() { "" } else { "." };
    format!("«{path}#{head}{dot}{}»", strip_schema_suffix(last))
}

/// Settles the `«?Name»` of the types of a run's files, remembering each file's imports and
/// where each imported name leads.
pub(crate) struct Settler<'g> {
    graph: Option<&'g ImportGraph>,
    /// The file whose imports `bindings` holds.
    path: String,
    bindings: HashMap<String, (String, String)>,
    origins: HashMap<(String, String), (String, String)>,
}

impl<'g> Settler<'g> {
    pub fn new(graph: Option<&'g ImportGraph>) -> Settler<'g> {
        Settler {
            graph,
            path: String::new(),
            bindings: HashMap::new(),
            origins: HashMap::new(),
        }
    }

    /// Replaces the `«?Name»` of `ty`, a type written in `path`, with what the names mean.
    pub fn settle(&mut self, path: &str, ty: &str) -> String {
        if !ty.contains("«?") {
            return ty.to_string();
        }
        let Some(graph) = self.graph else {
            return map_names(ty, |name| {
                name.strip_prefix("«?")?
                    .strip_suffix('»')
                    .map(str::to_string)
            });
        };
        if self.path != path {
            self.bindings = imports(graph, path);
            self.path = path.to_string();
        }
        let mut out = String::with_capacity(ty.len());
        let mut rest = ty;
        while let Some(start) = rest.find("«?") {
            out.push_str(&rest[..start]);
            let after = &rest[start + "«?".len()..];
            let Some(end) = after.find('»') else {
                out.push_str(&rest[start..]);
                return out;
            };
            let dotted = &after[..end];
            let (first, tail) = dotted.split_once('.').unwrap_or((dotted, ""));
            match self.bindings.get(first).cloned() {
                Some((target, name)) => {
                    // `ns.Name` of `import * as ns` is `Name` of the namespace's module.
                    let (name, tail) = if name == "*" {
                        tail.split_once('.').unwrap_or((tail, ""))
                    } else {
                        (name.as_str(), tail)
                    };
                    let key = (target, name.to_string());
                    let (file, name) = match self.origins.get(&key) {
                        Some(found) => found.clone(),
                        None => {
                            let found = origin(graph, &key.0, &key.1, 0);
                            self.origins.insert(key, found.clone());
                            found
                        }
                    };
                    let dotted = if tail.is_empty() {
                        name
                    } else {
                        format!("{name}.{tail}")
                    };
                    out.push_str(&declared(&file, &dotted));
                }
                None => out.push_str(dotted),
            }
            rest = &after[end + '»'.len_utf8()..];
        }
        out.push_str(rest);
        out
    }
}

/// `ty` with each `«…»` name that `map` knows replaced by what it maps to.
pub(crate) fn map_names(ty: &str, map: impl Fn(&str) -> Option<String>) -> String {
    if !ty.contains('«') {
        return ty.to_string();
    }
    let mut out = String::with_capacity(ty.len());
    let mut rest = ty;
    while let Some(start) = rest.find('«') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('»') else {
            break;
        };
        let name = &rest[start..start + len + '»'.len_utf8()];
        match map(name) {
            Some(value) => out.push_str(&value),
            None => out.push_str(name),
        }
        rest = &rest[start + name.len()..];
    }
    out.push_str(rest);
    out
}

/// The names `path` imports: local name → (where it comes from, its name there, `*` for a
/// namespace). Where is a file of the workspace, else `pkg:` and the specifier.
fn imports(graph: &ImportGraph, path: &str) -> HashMap<String, (String, String)> {
    let mut bindings = HashMap::new();
    let Some(file) = graph.file(path) else {
        return bindings;
    };
    for (_, r, resolution) in file.refs() {
        if r.kind != RefKind::Import {
            continue;
        }
        let from = match &resolution.target {
            Target::File(target) => target.clone(),
            _ => format!("pkg:{}", r.specifier),
        };
        for n in &r.names {
            let local = n.alias.clone().unwrap_or_else(|| n.name.clone());
            bindings.insert(local, (from.clone(), n.name.clone()));
        }
    }
    bindings
}

/// Re-exports are followed this deep at most: a cycle of `export *` must not loop.
const MAX_HOPS: usize = 16;

/// The file that declares `name`, exported by `file`, and its name there: through
/// `export { a as b } from`, `export * from` and an imported name exported again.
fn origin(graph: &ImportGraph, file: &str, name: &str, hops: usize) -> (String, String) {
    let here = || (file.to_string(), name.to_string());
    let Some(module) = graph.file(file).filter(|_| hops < MAX_HOPS) else {
        return here();
    };
    let mut stars = Vec::new();
    for (_, r, resolution) in module.refs() {
        let target = match &resolution.target {
            Target::File(target) => target.as_str(),
            _ => continue,
        };
        match r.kind {
            RefKind::Import | RefKind::ExportFrom => {
                for n in &r.names {
                    if n.alias.as_deref().unwrap_or(&n.name) == name && n.name != "*" {
                        return origin(graph, target, &n.name, hops + 1);
                    }
                }
            }
            RefKind::ExportAll => stars.push(target),
            _ => {}
        }
    }
    if module.facts.exports.iter().any(|e| e == name) {
        return here();
    }
    stars
        .into_iter()
        .find(|target| graph.exports(target).names.contains(name))
        .map_or_else(here, |target| origin(graph, target, name, hops + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_file_declares_are_known_at_once() {
        let names = LocalNames {
            path: "a.ts",
            declared: ["Options".to_string(), "LineSchema".to_string()].into(),
        };
        assert_eq!(names.reference("Options"), "«a.ts#Options»");
        assert_eq!(names.reference("LineSchema"), "«a.ts#Line»");
        assert_eq!(names.reference("JSX.CSSProperties"), "«?JSX.CSSProperties»");
        // Without a graph, names that are not the file's own are globals.
        assert_eq!(
            Settler::new(None).settle("a.ts", "fn(«?JSX.CSSProperties»)->«a.ts#Options»"),
            "fn(JSX.CSSProperties)->«a.ts#Options»"
        );
    }
}
