//! Module resolution the way TypeScript (`bundler`/`node16`) and Node do it, onto the files
//! of the workspace: relative paths, tsconfig `paths`/`baseUrl`, workspace packages through
//! their `exports` (or `main`/`types`, or `src/index.ts`), built output mapped back to source,
//! and gitignored files taken for what the build generates.

use structlint_core::{WorkspaceContext, clip};

use crate::packages::Packages;
use crate::paths::{join, parent};
use crate::tsconfig::TsConfigs;

/// Where a specifier leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file of the workspace, root-relative.
    File(String),
    /// An npm package or a Node built-in, by package name.
    External(String),
    /// An existing file that is not a module (a stylesheet, an image, data), root-relative:
    /// resolved, with nothing to check.
    Asset(String),
    /// A path into a package's build output with no source found behind it, root-relative: a
    /// clean checkout does not have it, and it is not source to check.
    BuildOutput(String),
    /// Nothing matched; the text says what was tried.
    Unresolved(String),
}

/// May code outside a package import this subpath of it?
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// A public entry: the `exports` key (or `.` for `main`/`types`/`src/index.ts`).
    Public(String),
    /// Not among the public entries: reaching into the package's internals.
    Internal,
    /// Listed in `exports` with a `null` target: explicitly private.
    Blocked,
}

/// How a specifier was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// `./x`, `../y`.
    Relative,
    /// tsconfig `paths` or `baseUrl`.
    Alias,
    /// A bare specifier naming a workspace package.
    Package {
        package: usize,
        subpath: String,
        access: Access,
    },
    /// A bare specifier of no workspace package.
    Bare,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub target: Target,
    pub via: Via,
}

/// Extensions tried after a bare path and after `/index`, in TypeScript's order.
const EXTENSIONS: [&str; 9] = [
    ".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts",
];
/// Where built output usually goes when a package's tsconfig does not say (`outDir`).
const OUTPUT_DIRS: [&str; 6] = ["dist", "build", "lib", "out", "esm", "cjs"];

pub struct Resolver<'a> {
    cx: &'a WorkspaceContext,
    pub packages: &'a Packages,
    pub tsconfigs: TsConfigs<'a>,
    /// Every folder that holds a file of the index, built on first need.
    dirs: std::sync::OnceLock<std::collections::HashSet<String>>,
}

impl<'a> Resolver<'a> {
    pub fn new(cx: &'a WorkspaceContext, packages: &'a Packages) -> Resolver<'a> {
        Resolver {
            cx,
            packages,
            tsconfigs: TsConfigs::new(cx),
            dirs: std::sync::OnceLock::new(),
        }
    }

    pub fn resolve(&self, importer: &str, specifier: &str) -> Resolution {
        let resolution = |target, via| Resolution { target, via };
        // Bundlers take a query after the path (`./worker?worker`, `./a.css?url`): it names
        // how to load the file, not another file.
        let specifier = specifier
            .split_once('?')
            .map_or(specifier, |(path, _)| path);
        // `/x` is served from a public folder, and frameworks generate modules (`[resolve]
        // external`): no file here.
        if specifier.starts_with('/') || self.cx.resolve.is_external(specifier) {
            return resolution(Target::External(specifier.to_string()), Via::Bare);
        }
        if specifier.starts_with("./")
            || specifier.starts_with("../")
            || specifier == "."
            || specifier == ".."
        {
            let base = join(parent(importer), specifier);
            let why = || {
                format!(
                    "no file matches {} from {} (tried the extensions .ts .tsx .d.ts .js .jsx .mjs .cjs and index files)",
                    clip(specifier),
                    parent(importer)
                )
            };
            let target = match base.as_deref() {
                Some(base) => self.path(base).unwrap_or_else(|| Target::Unresolved(why())),
                None => Target::Unresolved(why()),
            };
            return resolution(target, Via::Relative);
        }
        let tsconfig = self.tsconfigs.for_file(importer);
        let mut alias_tried = None;
        if let Some(config) = &tsconfig {
            if let Some(candidates) = config.path_candidates(specifier) {
                if let Some(found) = candidates.iter().find_map(|c| self.file(c)) {
                    return resolution(Target::File(found), Via::Alias);
                }
                alias_tried = Some(candidates);
            }
            if let Some(found) = config
                .base_url
                .as_deref()
                .and_then(|b| join(b, specifier))
                .and_then(|b| self.file(&b))
            {
                return resolution(Target::File(found), Via::Alias);
            }
        }
        let (name, subpath) = split_package(specifier);
        if let Some(package) = self.packages.by_name(name) {
            return self.package(package, &subpath);
        }
        if let Some(tried) = alias_tried {
            let target = tried.iter().find_map(|c| self.gitignored(c));
            let why = || {
                format!(
                    "tsconfig `paths` map it to {}, and no such file exists",
                    clip(&tried.join(", "))
                )
            };
            return resolution(
                target.unwrap_or_else(|| Target::Unresolved(why())),
                Via::Alias,
            );
        }
        // A package no workspace member is named is an npm package, even in the workspace's
        // scope (`@acme/logger` beside `@acme/*` packages), unless it is an undeclared typo
        // of a scoped member's name.
        let target = match self.packages.misspelt(importer, name) {
            Some(_) => {
                Target::Unresolved(format!("no workspace package is named `{}`", clip(name)))
            }
            None => Target::External(name.to_string()),
        };
        resolution(target, Via::Bare)
    }

    /// What a root-relative path names: a source module, else another kind of file, else a
    /// package's build output (mapped back to its source when there is one), else a file the
    /// build generates where `.gitignore` keeps it out of the checkout.
    fn path(&self, base: &str) -> Option<Target> {
        if let Some(found) = self.file(base) {
            return Some(Target::File(found));
        }
        if let Some(asset) = self.asset(base) {
            return Some(Target::Asset(asset));
        }
        self.build_output(base).or_else(|| self.gitignored(base))
    }

    /// The file a path names, trying what TypeScript tries: the path itself, `.js` written
    /// for a `.ts` source (ESM style), the extensions, then `/index` with the extensions.
    pub fn file(&self, base: &str) -> Option<String> {
        let index = &self.cx.index;
        let known = EXTENSIONS.iter().any(|e| base.ends_with(e)) || base.ends_with(".json");
        if known && index.contains(base) {
            return Some(base.to_string());
        }
        let swaps: &[(&str, &[&str])] = &[
            (".js", &[".ts", ".tsx", ".d.ts"]),
            (".jsx", &[".tsx"]),
            (".mjs", &[".mts", ".d.mts"]),
            (".cjs", &[".cts", ".d.cts"]),
        ];
        for (written, sources) in swaps {
            if let Some(stem) = base.strip_suffix(written)
                && let Some(found) = sources
                    .iter()
                    .map(|s| format!("{stem}{s}"))
                    .find(|c| index.contains(c))
            {
                return Some(found);
            }
        }
        EXTENSIONS
            .iter()
            .map(|e| format!("{base}{e}"))
            .chain(EXTENSIONS.iter().map(|e| format!("{base}/index{e}")))
            .find(|candidate| index.contains(candidate))
    }
}

/// `@scope/name/sub/path` → (`@scope/name`, `./sub/path`); `name` → (`name`, `.`).
pub fn split_package(specifier: &str) -> (&str, String) {
    let segments = if specifier.starts_with('@') { 2 } else { 1 };
    let mut end = specifier.len();
    let mut seen = 0;
    for (i, c) in specifier.char_indices() {
        if c == '/' {
            seen += 1;
            if seen == segments {
                end = i;
                break;
            }
        }
    }
    let rest = &specifier[end..];
    (
        &specifier[..end],
        if rest.is_empty() {
            ".".to_string()
        } else {
            format!(".{rest}")
        },
    )
}

/// `a/b.d.ts` → `a/b`, `a/b.js` → `a/b`; other paths unchanged.
fn strip_output_extension(path: &str) -> &str {
    [".d.ts", ".d.mts", ".d.cts", ".js", ".mjs", ".cjs", ".jsx"]
        .iter()
        .find_map(|e| path.strip_suffix(e))
        .unwrap_or(path)
}

mod outputs;
mod package;
#[cfg(test)]
mod tests;
