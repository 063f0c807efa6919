//! The packages of a workspace: from `pnpm-workspace.yaml`, else the root `package.json`'s
//! `workspaces`, else every `package.json` in the tree.

use std::collections::HashMap;

use structlint_core::glob::{glob, glob_set};
use structlint_core::{Note, NoteKind, WorkspaceContext};

use crate::manifest::Manifest;
use crate::paths::{parent, within};

#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// The name other packages import it by; `None` when the manifest has none.
    pub name: Option<String>,
    /// Root-relative directory (`.` for the root package).
    pub dir: String,
    pub manifest: Manifest,
}

impl Package {
    /// The name, or the directory for a nameless package.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.dir)
    }

    /// The manifest path, root-relative.
    pub fn manifest_path(&self) -> String {
        if self.dir == "." {
            "package.json".into()
        } else {
            format!("{}/package.json", self.dir)
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Packages {
    pub list: Vec<Package>,
    by_name: HashMap<String, usize>,
    /// Named packages inside the tree that the workspace does not list (a scaffolding
    /// template, a fixture project): their files belong to them, not to a member above.
    outside: Vec<Package>,
    /// The workspace is declared in `pnpm-workspace.yaml` (dependencies use `workspace:*`).
    pub pnpm: bool,
}

impl Packages {
    pub fn discover(cx: &WorkspaceContext) -> Packages {
        let note = |path: &str, message: String| {
            cx.note(Note {
                path: path.to_string(),
                kind: NoteKind::Config,
                message,
            })
        };
        // Only files under the root: a manifest may be a symlink a checkout points elsewhere.
        let read = |path: &str| match cx.read(path) {
            Ok(text) => Some(text),
            Err(e) if e.is_not_found() => None,
            Err(e) => {
                note(path, format!("{e}; it is ignored"));
                None
            }
        };
        let root_manifest = cx
            .index
            .contains("package.json")
            .then(|| read("package.json"))
            .flatten()
            .and_then(|text| {
                Manifest::parse(&text)
                    .map_err(|e| {
                        note(
                            "package.json",
                            format!("invalid package.json ({e}); it is left out of the workspace"),
                        )
                    })
                    .ok()
            });
        let mut patterns = None;
        if cx.index.contains("pnpm-workspace.yaml") {
            match read("pnpm-workspace.yaml").map(|t| pnpm_packages(&t)) {
                Some(Ok(found)) => patterns = Some(found),
                Some(Err(e)) => note(
                    "pnpm-workspace.yaml",
                    format!(
                        "cannot read the package list ({e}); packages are found from package.json files instead"
                    ),
                ),
                None => {}
            }
        }
        if patterns.is_none() {
            patterns = root_manifest
                .as_ref()
                .map(|m| m.workspaces.clone())
                .filter(|w| !w.is_empty());
        }
        let matcher = patterns.as_ref().map(|p| DirMatcher::new(p));
        let mut manifests: Vec<&str> = cx
            .index
            .iter()
            .filter(|p| *p == "package.json" || p.ends_with("/package.json"))
            .collect();
        manifests.sort_unstable_by_key(|p| (parent(p) != ".", parent(p)));
        let mut packages = Packages {
            pnpm: cx.index.contains("pnpm-workspace.yaml"),
            ..Packages::default()
        };
        for path in manifests {
            let dir = parent(path);
            // The root is a package of its own only when it is a member (or there is no
            // workspace list): a monorepo's root holds tooling, not a package others import.
            let listed = matcher.as_ref().is_none_or(|m| m.matches(dir));
            if !listed {
                // Not ours to report on: a fixture may hold a broken manifest on purpose.
                let manifest = (dir != ".")
                    .then(|| read(path))
                    .flatten()
                    .and_then(|text| Manifest::parse(&text).ok())
                    .filter(|m| m.name.is_some());
                if let Some(manifest) = manifest {
                    packages.outside.push(Package {
                        name: manifest.name.clone(),
                        dir: dir.to_string(),
                        manifest,
                    });
                }
                continue;
            }
            let manifest = if dir == "." {
                root_manifest.clone()
            } else {
                read(path).and_then(|text| {
                    Manifest::parse(&text).map_err(|e| note(path, format!("invalid package.json ({e}); the package is left out of the workspace"))).ok()
                })
            };
            let Some(manifest) = manifest else { continue };
            let name = manifest.name.clone();
            if let Some(name) = &name
                && let Some(&other) = packages.by_name.get(name)
            {
                note(
                    path,
                    format!(
                        "the package name `{name}` is also used by {}; imports of it resolve to the first",
                        packages.list[other].manifest_path()
                    ),
                );
                continue;
            }
            if let Some(name) = &name {
                packages.by_name.insert(name.clone(), packages.list.len());
            }
            packages.list.push(Package {
                name,
                dir: dir.to_string(),
                manifest,
            });
        }
        packages
    }

    pub fn by_name(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The scoped workspace package whose name `name` is a near-typo of (one or two edits,
    /// same scope), when the package holding `importer` does not declare `name` as a dependency:
    /// `@acme/schema` for `@acme/schemas`. A declared or distant name is an npm package.
    pub fn misspelt(&self, importer: &str, name: &str) -> Option<&str> {
        // Only scoped names: unscoped npm names are too close to each other (`vite`, `vitest`).
        let (scope, _) = name.split_once('/')?;
        let declared = self
            .manifest_of(importer)
            .is_some_and(|m| m.dependencies.contains(name));
        if declared {
            return None;
        }
        // Asked for every import of an npm package: names whose lengths differ by more than
        // two are more than two edits apart, and are not measured.
        let length = name.chars().count();
        self.by_name
            .keys()
            .filter(|n| n.split_once('/').is_some_and(|(s, _)| s == scope))
            .filter(|n| n.chars().count().abs_diff(length) <= 2)
            .map(|n| (structlint_core::config::edit_distance(n, name), n.as_str()))
            .filter(|&(distance, _)| distance <= 2)
            .min()
            .map(|(_, n)| n)
    }

    /// The member whose directory is the deepest one containing `path`, unless a named
    /// package the workspace does not list sits between them: as for Node and npm, the
    /// nearest `package.json` decides which package a file is part of (`create-vite`'s
    /// `template-react/` is a project of its own, copied into users' repositories).
    pub fn containing(&self, path: &str) -> Option<usize> {
        let member = deepest(&self.list, path);
        let outside = deepest(&self.outside, path);
        match (member, outside) {
            (Some(m), Some(o)) if depth(&self.outside[o]) > depth(&self.list[m]) => None,
            (member, _) => member,
        }
    }

    /// The manifest of the nearest package above `path`, member or not.
    fn manifest_of(&self, path: &str) -> Option<&Manifest> {
        let member = deepest(&self.list, path).map(|m| &self.list[m]);
        let outside = deepest(&self.outside, path).map(|o| &self.outside[o]);
        [member, outside]
            .into_iter()
            .flatten()
            .max_by_key(|p| depth(p))
            .map(|p| &p.manifest)
    }
}

/// The package of `list` whose directory is the deepest one containing `path`.
fn deepest(list: &[Package], path: &str) -> Option<usize> {
    list.iter()
        .enumerate()
        .filter(|(_, p)| within(path, &p.dir))
        .max_by_key(|(_, p)| depth(p))
        .map(|(i, _)| i)
}

fn depth(package: &Package) -> usize {
    if package.dir == "." {
        0
    } else {
        package.dir.len() + 1
    }
}

/// Matches package directories against workspace globs, `!` negating.
struct DirMatcher {
    include: globset::GlobSet,
    exclude: globset::GlobSet,
}

impl DirMatcher {
    fn new(patterns: &[String]) -> DirMatcher {
        let (mut include, mut exclude) = (Vec::new(), Vec::new());
        for pattern in patterns {
            let (list, pattern) = match pattern.strip_prefix('!') {
                Some(p) => (&mut exclude, p),
                None => (&mut include, pattern.as_str()),
            };
            // A bad pattern is the package manager's error to report; it matches nothing here.
            let pattern = pattern.trim_start_matches("./");
            if glob(pattern).is_ok() {
                list.push(pattern);
            }
        }
        let build = |list: Vec<&str>| glob_set(list).unwrap_or_else(|_| globset::GlobSet::empty());
        DirMatcher {
            include: build(include),
            exclude: build(exclude),
        }
    }

    fn matches(&self, dir: &str) -> bool {
        self.include.is_match(dir) && !self.exclude.is_match(dir)
    }
}

/// The `packages:` list of `pnpm-workspace.yaml`, block (`- glob`) or flow (`[a, b]`) style.
/// Other keys are ignored; anything else under `packages:` is an error naming the line.
pub fn pnpm_packages(text: &str) -> Result<Vec<String>, String> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, strip_comment(l)));
    let Some((_, rest)) = lines.by_ref().find_map(|(n, l)| {
        l.strip_prefix("packages:")
            .map(|r| (n, r.trim().to_string()))
    }) else {
        return Ok(Vec::new());
    };
    if let Some(flow) = rest.strip_prefix('[') {
        let inner = flow
            .strip_suffix(']')
            .ok_or("a flow list `[...]` must end on the same line")?;
        return Ok(inner
            .split(',')
            .map(unquote)
            .filter(|s| !s.is_empty())
            .collect());
    }
    if !rest.is_empty() {
        return Err(format!("expected a list after `packages:`, found `{rest}`"));
    }
    let mut items = Vec::new();
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with([' ', '\t', '-']) {
            break;
        }
        match line.trim_start().strip_prefix('-') {
            Some(item) => items.push(unquote(item)),
            None => return Err(format!("line {n}: expected `- <glob>` under `packages:`")),
        }
    }
    Ok(items)
}

fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            ('#', None) if i == 0 || line[..i].ends_with([' ', '\t']) => return &line[..i],
            _ => {}
        }
    }
    line
}

fn unquote(item: &str) -> String {
    item.trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .to_string()
}

#[cfg(test)]
mod tests;
