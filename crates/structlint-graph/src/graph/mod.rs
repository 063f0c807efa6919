//! The import graph of a workspace: every module reference resolved, every file placed in
//! its package, and each package's public entry files. Built once per run.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use structlint_core::{FileFacts, Note, NoteKind, WorkspaceContext};

use crate::exports_map;
use crate::facts::{ModuleFacts, ModuleRef, RefKind};
use crate::packages::Packages;
use crate::paths::{self, join, within};
use crate::resolve::{Resolution, Resolver, Target};

/// A module of the graph.
#[derive(Debug)]
pub struct GraphFile {
    pub path: String,
    /// Test code, an example, a benchmark or a fixture (`[files] tests`).
    pub test: bool,
    /// The package the file belongs to (the deepest package directory containing it).
    pub package: Option<usize>,
    pub facts: Arc<ModuleFacts>,
    /// The resolution of each of `facts.refs`, in the same order.
    pub resolved: Vec<Resolution>,
}

impl GraphFile {
    pub fn refs(&self) -> impl Iterator<Item = (usize, &ModuleRef, &Resolution)> {
        self.facts
            .refs
            .iter()
            .zip(&self.resolved)
            .enumerate()
            .map(|(i, (r, res))| (i, r, res))
    }
}

/// A public entry of a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `.`, `./ui`, or a pattern such as `./legacy/*`.
    pub subpath: String,
    /// The source file of an exact entry, when it exists.
    pub file: Option<String>,
    /// For a pattern: the source directory prefix and the suffix around `*`.
    pattern: Option<(String, String)>,
}

/// The names a module exports, including through re-exports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSet {
    pub names: BTreeSet<String>,
    /// False when an `export * from` leads outside the graph, so absent names may exist.
    pub complete: bool,
}

pub struct ImportGraph {
    pub packages: Packages,
    pub files: Vec<GraphFile>,
    by_path: HashMap<String, usize>,
    /// Per package, its public entries.
    pub entries: Vec<Vec<Entry>>,
}

impl ImportGraph {
    pub fn build(cx: &WorkspaceContext, modules: &[FileFacts<Arc<ModuleFacts>>]) -> ImportGraph {
        let packages = Packages::discover(cx);
        let resolver = Resolver::new(cx, &packages);
        let files: Vec<GraphFile> = modules
            .par_iter()
            .map(|m| GraphFile {
                path: m.path.clone(),
                test: cx.is_test(&m.path),
                package: packages.containing(&m.path),
                facts: Arc::clone(&m.facts),
                resolved: m
                    .facts
                    .refs
                    .iter()
                    .map(|r| resolver.resolve(&m.path, &r.specifier))
                    .collect(),
            })
            .collect();
        let entries = (0..packages.list.len())
            .map(|p| package_entries(&resolver, p))
            .collect();
        let by_path = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.clone(), i))
            .collect();
        drop(resolver);
        note_build_output(cx, &files);
        ImportGraph {
            packages,
            files,
            by_path,
            entries,
        }
    }

    pub fn file(&self, path: &str) -> Option<&GraphFile> {
        self.by_path.get(path).map(|&i| &self.files[i])
    }

    /// The package of a root-relative path, whether or not it is a module of the graph.
    pub fn package_of(&self, path: &str) -> Option<usize> {
        self.file(path)
            .map_or_else(|| self.packages.containing(path), |f| f.package)
    }

    /// Whether `file` configures a tool for its package: `vite.config.ts`, `tsdown.config.ts`,
    /// `eslint.config.js` beside its package.json, where the tools look for them. It builds,
    /// lints or tests the package from the repository and ships with none of it.
    pub fn is_tool_config(&self, file: &GraphFile) -> bool {
        file.package.is_some_and(|p| {
            paths::parent(&file.path) == self.packages.list[p].dir
                && paths::is_config_name(&file.path)
        })
    }

    /// Whether `package` is an application rather than a library (a site, an app, a service
    /// deployed on its own): never published, and with no entry by which to import it (no
    /// `exports`, `main`, `types` or `module`, no index file).
    pub fn is_application(&self, package: usize) -> bool {
        let m = &self.packages.list[package].manifest;
        m.private
            && m.exports.is_none()
            && [&m.main, &m.types, &m.module].iter().all(|f| f.is_none())
            && self.entries[package].iter().all(|e| e.file.is_none())
    }

    /// The public entry `path` is, as its subpath (`.`, `./ui`, `./legacy/Grid`), if any.
    pub fn entry_of(&self, path: &str) -> Option<String> {
        let package = self.package_of(path)?;
        self.entries[package].iter().find_map(|entry| {
            if entry.file.as_deref() == Some(path) {
                return Some(entry.subpath.clone());
            }
            let (prefix, suffix) = entry.pattern.as_ref()?;
            let rest = path.strip_prefix(prefix.as_str())?;
            let stem = strip_source_extension(rest).strip_suffix(suffix.as_str())?;
            Some(entry.subpath.replacen('*', stem, 1))
        })
    }

    /// How other packages import `package` at `subpath`: `@acme/billing`, `@acme/billing/ui`.
    pub fn specifier(&self, package: usize, subpath: &str) -> String {
        let name = self.packages.list[package].label();
        match subpath.strip_prefix('.') {
            Some(rest) => format!("{name}{rest}"),
            None => format!("{name}/{subpath}"),
        }
    }

    /// The names `path` exports, following `export … from` and `export * from`.
    pub fn exports(&self, path: &str) -> ExportSet {
        let mut visiting = HashSet::new();
        self.collect_exports(path, &mut visiting)
    }

    fn collect_exports(&self, path: &str, visiting: &mut HashSet<String>) -> ExportSet {
        let Some(file) = self.file(path) else {
            return ExportSet {
                names: BTreeSet::new(),
                complete: false,
            };
        };
        if !visiting.insert(path.to_string()) {
            return ExportSet {
                names: BTreeSet::new(),
                complete: true,
            };
        }
        let mut set = ExportSet {
            names: file.facts.exports.iter().cloned().collect(),
            complete: true,
        };
        for (_, r, resolution) in file.refs() {
            match r.kind {
                RefKind::ExportFrom => set.names.extend(
                    r.names
                        .iter()
                        .map(|n| n.alias.clone().unwrap_or_else(|| n.name.clone())),
                ),
                RefKind::ExportAll => match &resolution.target {
                    Target::File(target) => {
                        let inner = self.collect_exports(target, visiting);
                        set.complete &= inner.complete;
                        set.names
                            .extend(inner.names.into_iter().filter(|n| n != "default"));
                    }
                    _ => set.complete = false,
                },
                _ => {}
            }
        }
        set
    }

    /// Every reference from a file of one package to a file of another:
    /// (from file, reference index, from package, to package).
    pub fn package_edges(&self) -> Vec<(usize, usize, usize, usize)> {
        let mut edges = Vec::new();
        for (f, file) in self.files.iter().enumerate() {
            let Some(from) = file.package else { continue };
            for (i, _, resolution) in file.refs() {
                if let Target::File(target) = &resolution.target
                    && let Some(to) = self.package_of(target)
                    && to != from
                {
                    edges.push((f, i, from, to));
                }
            }
        }
        edges
    }
}

/// The public entries of `package`: its `exports` keys, or `.` for `main`/`types`/`src/index`.
fn package_entries(resolver: &Resolver<'_>, package: usize) -> Vec<Entry> {
    let p = &resolver.packages.list[package];
    let Some(exports) = &p.manifest.exports else {
        let file = resolver
            .main_targets(package)
            .iter()
            .find_map(|t| resolver.entry_file(package, t));
        return vec![Entry {
            subpath: ".".into(),
            file,
            pattern: None,
        }];
    };
    exports_map::entries(exports)
        .into_iter()
        .filter(|(_, targets)| !targets.is_empty())
        .map(|(subpath, targets)| {
            if !subpath.contains('*') {
                let file = targets.iter().find_map(|t| resolver.entry_file(package, t));
                return Entry {
                    subpath,
                    file,
                    pattern: None,
                };
            }
            let pattern = targets.iter().find_map(|t| {
                let (prefix, suffix) = t.split_once('*')?;
                let prefix = source_dir(resolver, package, prefix)?;
                Some((prefix, strip_source_extension(suffix).to_string()))
            });
            Entry {
                subpath,
                file: None,
                pattern,
            }
        })
        .collect()
}

/// Where the sources behind an output directory prefix (`./dist/legacy/`) are.
fn source_dir(resolver: &Resolver<'_>, package: usize, prefix: &str) -> Option<String> {
    let dir = &resolver.packages.list[package].dir;
    let path = join(dir, prefix)?;
    let slash = |p: String| if p.ends_with('/') { p } else { format!("{p}/") };
    for out in ["dist", "build", "lib", "out", "esm", "cjs"] {
        let out = join(dir, out)?;
        if !within(&path, &out) {
            continue;
        }
        let naive = format!("{}{}", join(dir, "src")?, &path[out.len()..]);
        if resolver.has_dir(&naive) {
            return Some(slash(naive));
        }
        // `declarationDir` per package repeats the source tree below the output folder
        // (`dist/types/common/src/`): the longest tail that is a folder of the package wins,
        // down to the package's own folder when its sources sit at its top.
        let rest = path[out.len()..].trim_matches('/');
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        // The package's own folder only when the output names it (`dist/types/editor/` for
        // packages/editor): `dist/types/common/src/` is another package's sources.
        let own = segments
            .last()
            .is_some_and(|last| dir.rsplit('/').next() == Some(*last));
        let tail = (1..=segments.len())
            .filter(|&skip| skip < segments.len() || own)
            .filter_map(|skip| join(dir, &segments[skip..].join("/")))
            .find(|candidate| resolver.has_dir(candidate));
        return Some(slash(tail.unwrap_or(naive)));
    }
    Some(slash(path))
}

fn strip_source_extension(path: &str) -> &str {
    [
        ".d.ts", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts",
    ]
    .iter()
    .find_map(|e| path.strip_suffix(e))
    .unwrap_or(path)
}

/// Imports of build output with no source behind it are not checked; the run says so once,
/// not per import: a clean checkout has no `dist/`, and that is no mistake of the code.
fn note_build_output(cx: &WorkspaceContext, files: &[GraphFile]) {
    let mut outputs = files.iter().flat_map(|f| {
        f.refs().filter_map(move |(_, r, res)| match &res.target {
            Target::BuildOutput(_) => Some((f.path.as_str(), r.specifier.as_str())),
            _ => None,
        })
    });
    let Some((first, specifier)) = outputs.next() else {
        return;
    };
    let more = outputs.count();
    let others = if more == 0 {
        String::new()
    } else {
        format!(" and {more} more")
    };
    cx.note(Note {
        path: first.to_string(),
        kind: NoteKind::Skipped,
        message: format!(
            "`{specifier}`{others} name build output (a package's output folder, or a file .gitignore keeps out) that this checkout does not have and no source maps to; those imports are not checked"
        ),
    });
}

#[cfg(test)]
mod tests;
