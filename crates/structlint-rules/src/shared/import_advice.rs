//! The import a prompt tells an agent to write: through the owning package's public entry when
//! the definition lives in another workspace package, relative within one package.

use structlint_graph::{ImportGraph, paths};

use crate::shared::import_graph::relative_specifier;

/// The specifier a file should import a canonical definition with, and what must happen first
/// when the definition is not exported where other packages can reach it.
pub(crate) struct Import {
    pub specifier: String,
    pub prerequisite: Option<String>,
}

impl Import {
    /// How `from` imports `name`, defined in `to`. Rust files get a relative path only: their
    /// imports are module paths, which the import graph does not know.
    pub fn of(graph: Option<&ImportGraph>, from: &str, to: &str, name: &str, rust: bool) -> Import {
        let relative = || relative_specifier(paths::parent(from), to);
        let Some(graph) = graph.filter(|_| !rust) else {
            return Import {
                specifier: relative(),
                prerequisite: None,
            };
        };
        let Some(package) = graph
            .package_of(to)
            .filter(|&p| graph.package_of(from) != Some(p))
        else {
            return Import {
                specifier: relative(),
                prerequisite: None,
            };
        };
        let exporting = graph.entries[package].iter().find(|e| {
            e.file
                .as_deref()
                .is_some_and(|file| graph.exports(file).names.contains(name))
        });
        if let Some(entry) = exporting {
            return Import {
                specifier: graph.specifier(package, &entry.subpath),
                prerequisite: None,
            };
        }
        // A pattern entry (`"./*"`) makes the defining file itself public.
        if let Some(subpath) = graph
            .entry_of(to)
            .filter(|_| graph.exports(to).names.contains(name))
        {
            return Import {
                specifier: graph.specifier(package, &subpath),
                prerequisite: None,
            };
        }
        let main = graph.entries[package]
            .iter()
            .find(|e| e.file.is_some())
            .map(|e| {
                (
                    graph.specifier(package, &e.subpath),
                    e.file.clone().unwrap_or_default(),
                )
            });
        match main {
            Some((specifier, file)) => Import {
                prerequisite: Some(format!(
                    "`{name}` is not exported by {}'s public entry yet: add `export {{ {name} }} from \"{}\";` to {file}.",
                    graph.packages.list[package].label(),
                    relative_specifier(paths::parent(&file), to)
                )),
                specifier,
            },
            None => Import {
                specifier: graph.specifier(package, "."),
                prerequisite: Some(format!(
                    "{} has no public entry: add an `exports` map to its package.json, and export `{name}` from it.",
                    graph.packages.list[package].label()
                )),
            },
        }
    }
}
