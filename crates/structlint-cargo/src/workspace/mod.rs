//! The crates of a Cargo workspace: members from the root `Cargo.toml` (globs and `exclude`),
//! each crate's name and library root, its dependencies on other members (by `path`, or
//! `workspace = true` through `[workspace.dependencies]`) with their version requirements,
//! whether it is published, and its layer tag (`[package.metadata.structlint] layer = "…"`).

use std::collections::BTreeMap;
use std::ops::Range;

use globset::GlobSet;
use serde::Deserialize;
use structlint_core::glob::{glob, glob_set};
use structlint_core::{Note, NoteKind, WorkspaceContext};
use toml::Spanned;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crate {
    /// The package name, `acme-repo`.
    pub name: String,
    /// The name in paths, `acme_repo`.
    pub ident: String,
    /// Root-relative directory, `crates/acme-repo`.
    pub dir: String,
    pub manifest: String,
    /// The library root, `crates/acme-repo/src/lib.rs`, when the crate has one.
    pub lib: Option<String>,
    pub deps: Vec<Dep>,
    pub layer: Option<String>,
    /// Not `publish = false` (or `[]`): crates.io may build it against other releases of
    /// the members it depends on.
    pub published: bool,
}

/// A dependency on another member, with the byte range of its key in the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dep {
    pub name: String,
    pub span: Range<usize>,
    /// The version requirement (`"1.2"`, `"=0.3.1"`); `None` for a path-only dependency.
    pub version: Option<String>,
}

impl Dep {
    /// Whether every build uses the workspace's copy of the member: a path-only dependency
    /// cannot be published, and `=1.2.3` or `0.0.3` (a caret on `0.0.z`) admits one release.
    pub fn pins_one_release(&self) -> bool {
        let Some(req) = self.version.as_deref().map(str::trim) else {
            return true;
        };
        if req.starts_with('=') && !req.contains(',') {
            return true;
        }
        let parts: Vec<&str> = req.trim_start_matches('^').split('.').collect();
        parts.len() == 3 && parts[0] == "0" && parts[1] == "0"
    }
}

#[derive(Debug, Default)]
pub struct CargoWorkspace {
    pub crates: Vec<Crate>,
}

#[derive(Deserialize, Default)]
struct Manifest {
    package: Option<Package>,
    workspace: Option<WorkspaceTable>,
    lib: Option<Target>,
    #[serde(default)]
    dependencies: BTreeMap<Spanned<String>, toml::Value>,
    #[serde(default, rename = "build-dependencies")]
    build_dependencies: BTreeMap<Spanned<String>, toml::Value>,
}

#[derive(Deserialize)]
struct Package {
    name: String,
    metadata: Option<toml::Value>,
    publish: Option<toml::Value>,
}

#[derive(Deserialize, Default)]
struct WorkspaceTable {
    #[serde(default)]
    members: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    dependencies: BTreeMap<String, toml::Value>,
    /// `[workspace.package]`, what members inherit with `key.workspace = true`.
    package: Option<toml::Value>,
}

#[derive(Deserialize)]
struct Target {
    path: Option<String>,
}

impl CargoWorkspace {
    /// The workspace rooted at the project root; without a `[workspace]`, every package of the
    /// project. Unreadable manifests are notes.
    pub fn discover(cx: &WorkspaceContext) -> CargoWorkspace {
        let read = |path: &str| -> Option<Manifest> {
            // Only files under the root: a manifest may be a symlink a checkout points elsewhere.
            let text = match cx.read(path) {
                Ok(text) => text,
                Err(e) if e.is_not_found() => return None,
                Err(e) => {
                    cx.note(Note {
                        path: path.to_string(),
                        kind: NoteKind::Config,
                        message: format!("{e}; it is left out of the workspace"),
                    });
                    return None;
                }
            };
            toml::from_str(&text)
                .map_err(|e| {
                    cx.note(Note {
                        path: path.to_string(),
                        kind: NoteKind::Config,
                        message: format!("invalid Cargo.toml: {}", e.message().trim()),
                    })
                })
                .ok()
        };
        let root = if cx.index.contains("Cargo.toml") {
            read("Cargo.toml").unwrap_or_default()
        } else {
            Manifest::default()
        };
        let workspace = root.workspace.unwrap_or_default();
        // A bad member pattern is Cargo's error to report; it matches nothing here.
        let glob_set = |patterns: &[String]| {
            let valid = patterns
                .iter()
                .map(String::as_str)
                .filter(|p| glob(p).is_ok());
            glob_set(valid).unwrap_or_else(|_| GlobSet::empty())
        };
        let (members, exclude) = (glob_set(&workspace.members), glob_set(&workspace.exclude));
        let mut manifests: Vec<&str> = cx
            .index
            .iter()
            .filter(|p| *p == "Cargo.toml" || p.ends_with("/Cargo.toml"))
            .collect();
        manifests.sort_unstable();
        let mut crates = Vec::new();
        for manifest in manifests {
            let dir = manifest
                .strip_suffix("Cargo.toml")
                .unwrap_or("")
                .trim_end_matches('/');
            let member = workspace.members.is_empty()
                || dir.is_empty()
                || (members.is_match(dir) && !exclude.is_match(dir));
            let Some(parsed) = (if manifest == "Cargo.toml" {
                read(manifest)
            } else {
                member.then(|| read(manifest)).flatten()
            }) else {
                continue;
            };
            let Some(package) = parsed.package else {
                continue;
            };
            let join = |rel: &str| {
                if dir.is_empty() {
                    rel.to_string()
                } else {
                    format!("{dir}/{rel}")
                }
            };
            let lib = parsed
                .lib
                .and_then(|l| l.path)
                .map(|p| join(&p))
                .or_else(|| Some(join("src/lib.rs")))
                .filter(|p| cx.index.contains(p));
            let layer = package.metadata.as_ref().and_then(|m| {
                m.get("structlint")?
                    .get("layer")?
                    .as_str()
                    .map(str::to_string)
            });
            // `publish = false` or `[]`; `publish.workspace = true` inherits it.
            let publish = match &package.publish {
                Some(v) if v.get("workspace").is_some() => workspace
                    .package
                    .as_ref()
                    .and_then(|p| p.get("publish"))
                    .cloned(),
                other => other.clone(),
            };
            let published = match publish {
                Some(toml::Value::Boolean(b)) => b,
                Some(toml::Value::Array(registries)) => !registries.is_empty(),
                _ => true,
            };
            let deps = parsed
                .dependencies
                .into_iter()
                .chain(parsed.build_dependencies)
                .map(|(key, value)| (key, value, dir.to_string()))
                .collect::<Vec<_>>();
            crates.push((
                Crate {
                    ident: package.name.replace('-', "_"),
                    name: package.name,
                    dir: dir.to_string(),
                    manifest: manifest.to_string(),
                    lib,
                    deps: Vec::new(),
                    layer,
                    published,
                },
                deps,
            ));
        }
        let dirs: Vec<(String, String)> = crates
            .iter()
            .map(|(c, _)| (c.dir.clone(), c.name.clone()))
            .collect();
        // The member a dependency names, and its version requirement.
        let resolve =
            |dir: &str, key: &str, value: &toml::Value| -> Option<(String, Option<String>)> {
                let table = value.as_table();
                let package = table
                    .and_then(|t| t.get("package")?.as_str())
                    .unwrap_or(key);
                let (path, spec) = match table {
                    Some(t) if t.get("workspace").and_then(toml::Value::as_bool) == Some(true) => {
                        let spec = workspace.dependencies.get(package)?;
                        (spec.get("path")?.as_str()?.to_string(), spec)
                    }
                    Some(t) => (
                        normalize(&format!("{dir}/{}", t.get("path")?.as_str()?)),
                        value,
                    ),
                    None => return None,
                };
                let version = spec
                    .get("version")
                    .and_then(toml::Value::as_str)
                    .map(str::to_string);
                let path = normalize(&path);
                dirs.iter()
                    .find(|(d, _)| *d == path)
                    .map(|(_, name)| (name.clone(), version))
            };
        let crates = crates
            .iter()
            .map(|(c, deps)| {
                let deps = deps
                    .iter()
                    .filter_map(|(key, value, dir)| {
                        let (name, version) = resolve(dir, key.get_ref(), value)?;
                        Some(Dep {
                            name,
                            span: key.span(),
                            version,
                        })
                    })
                    .collect();
                Crate { deps, ..c.clone() }
            })
            .collect();
        CargoWorkspace { crates }
    }

    /// The crate whose directory holds `path` (the deepest one).
    pub fn crate_of(&self, path: &str) -> Option<usize> {
        self.crates
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.dir.is_empty()
                    || path
                        .strip_prefix(c.dir.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .max_by_key(|(_, c)| c.dir.len())
            .map(|(i, _)| i)
    }

    /// The member a path's first segment names (`acme_repo` in `acme_repo::memory::Store`).
    pub fn by_ident(&self, ident: &str) -> Option<usize> {
        self.crates.iter().position(|c| c.ident == ident)
    }
}

/// `a/b/../c/./d` → `a/c/d`.
pub(crate) fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests;
