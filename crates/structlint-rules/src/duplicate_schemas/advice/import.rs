//! How a copy imports its canonical definition, exactly: the TypeScript `import` through the
//! canonical package's public entry (or a relative path within one package), or the Rust
//! `use` path; and what must happen first so that the line compiles (export the definition,
//! declare the dependency).

use structlint_graph::{ImportGraph, paths};

use crate::duplicate_schemas::reach::{Path, Reach};
use crate::duplicate_schemas::rust::module_of;
use crate::duplicate_schemas::shape::{Found, strip_schema_suffix};
use crate::shared::import_advice::Import;
use crate::shared::rust_use::use_advice;

/// An import to write, and the steps before it.
pub(crate) struct Plan {
    pub prerequisites: Vec<String>,
    /// TypeScript: the module specifier. Rust: the full path of the `use`.
    pub from: String,
    /// The name imported: the canonical definition's, or the type inferred from a canonical
    /// zod schema when its module exports one.
    pub name: String,
    /// Both live in one file: nothing to import.
    pub same_file: bool,
    /// Rust: the `use` line with what must hold for it to compile, when the canonical
    /// definition is a module of a member's library.
    pub use_advice: Option<String>,
}

impl Plan {
    /// `` `import type { X } from "…";` `` (or `import { X }` for a value).
    pub fn ts_line(&self, value: bool) -> String {
        let keyword = if value { "import" } else { "import type" };
        format!("`{keyword} {{ {} }} from \"{}\";`", self.name, self.from)
    }

    /// `` `use crate::a::X;` ``, with its conditions when known.
    pub fn use_line(&self) -> String {
        self.use_advice
            .clone()
            .unwrap_or_else(|| format!("`use {};`", self.from))
    }
}

impl Reach<'_> {
    /// How `copy` imports `canonical` (or, with `inferred`, the type inferred from it).
    pub fn plan(
        &self,
        copy: &Found<'_>,
        canonical: &Found<'_>,
        path: &Path,
        inferred: bool,
    ) -> Plan {
        let same_file = copy.path == canonical.path;
        let k = canonical.schema;
        let use_advice = self
            .cargo
            .filter(|_| k.kind.is_rust() && !same_file)
            .and_then(|ws| use_advice(ws, copy.path, canonical.path, &k.name));
        let mut prerequisites = Vec::new();
        if let Path::Indirect(package) | Path::None(package) = path
            && use_advice.is_none()
        {
            prerequisites.push(self.dependency_step(copy, package, matches!(path, Path::None(_))));
        }
        if k.kind.is_rust() {
            if !k.exported && !same_file && use_advice.is_none() {
                prerequisites.push(format!(
                    "`{}` is private to its module: make it `pub` (or `pub(crate)` when only this crate uses it) in {}.",
                    k.name, canonical.path
                ));
            }
            return Plan {
                prerequisites,
                from: self.rust_path(copy, canonical),
                name: k.name.clone(),
                same_file,
                use_advice,
            };
        }
        let name = if inferred {
            strip_schema_suffix(&k.name).to_string()
        } else {
            k.name.clone()
        };
        let exported = self
            .graph
            .is_some_and(|g| g.exports(canonical.path).names.contains(&name))
            || (k.exported && !inferred);
        if !exported && !same_file {
            prerequisites.push(format!(
                "`{name}` is not exported from {file} yet: add `export {{ {name} }};` to {file}.",
                file = canonical.path
            ));
        }
        let import = Import::of(self.graph, copy.path, canonical.path, &name, false);
        prerequisites.extend(import.prerequisite);
        Plan {
            prerequisites,
            from: import.specifier,
            name,
            same_file,
            use_advice: None,
        }
    }

    fn dependency_step(&self, copy: &Found<'_>, package: &str, unrelated: bool) -> String {
        let how = if unrelated {
            "the `canonical` globs name it as the home of shared shapes, but nothing this package depends on leads there yet"
        } else {
            "today it is reached only through other packages"
        };
        let manifest = if copy.schema.kind.is_rust() {
            self.cargo
                .and_then(|c| c.crate_of(copy.path).map(|i| c.crates[i].manifest.clone()))
                .unwrap_or_else(|| "its Cargo.toml".into())
        } else {
            self.graph
                .and_then(|g| {
                    g.package_of(copy.path)
                        .map(|p| g.packages.list[p].manifest_path())
                })
                .unwrap_or_else(|| "its package.json".into())
        };
        let section = if copy.schema.kind.is_rust() {
            "[dependencies]"
        } else {
            "dependencies"
        };
        format!("Declare the dependency: add `{package}` to the {section} of {manifest} ({how}).")
    }

    /// `crate::a::b::X` within one crate, `other_crate::a::b::X` across crates.
    fn rust_path(&self, copy: &Found<'_>, canonical: &Found<'_>) -> String {
        let module = module_of(canonical.path);
        let crate_of = |path: &str| self.cargo.and_then(|c| c.crate_of(path));
        let (here, there) = (crate_of(copy.path), crate_of(canonical.path));
        let root = match (here, there, self.cargo) {
            (Some(a), Some(b), Some(cargo)) if a != b => cargo.crates[b].ident.clone(),
            (None, None, _) if crate_dir(copy.path) != crate_dir(canonical.path) => {
                paths::parent(crate_dir(canonical.path))
                    .rsplit('/')
                    .next()
                    .map_or_else(|| "crate".into(), |d| d.replace('-', "_"))
            }
            _ => "crate".into(),
        };
        std::iter::once(root)
            .chain(module)
            .chain([canonical.schema.name.clone()])
            .collect::<Vec<_>>()
            .join("::")
    }
}

/// `crates/a/src` of `crates/a/src/x.rs`.
fn crate_dir(path: &str) -> &str {
    path.rfind("/src/")
        .map_or(paths::parent(path), |i| &path[..i + "/src".len()])
}

/// The manifest of the copy's package when that package cannot use zod: `z.infer` needs
/// `import type { z } from "zod"`.
pub(crate) fn lacks_zod(graph: Option<&ImportGraph>, path: &str) -> Option<String> {
    let graph = graph?;
    let package = &graph.packages.list[graph.package_of(path)?];
    (!package.manifest.dependencies.contains("zod")).then(|| package.manifest_path())
}
