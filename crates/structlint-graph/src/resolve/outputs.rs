//! What a specifier can name besides a source module: a file of another kind (a stylesheet,
//! an image, data), or the build output of a package, which a clean checkout does not have.

use super::{OUTPUT_DIRS, Resolver, Target};

/// What a TypeScript source file that a build generates is named.
const SOURCE_EXTENSIONS: [&str; 4] = [".ts", ".tsx", ".mts", ".cts"];
use crate::paths::{join, within};

impl Resolver<'_> {
    /// `path` when it names an existing file that is not a module (`./App.css`, `./logo.svg`):
    /// in the index, or on disk inside the root (a gitignored or generated file).
    pub(super) fn asset(&self, path: &str) -> Option<String> {
        let name = path.rsplit('/').next().unwrap_or(path);
        // `./App` names a module without its extension; only a named file can be an asset.
        if !name.contains('.') || name.starts_with('.') && name.matches('.').count() == 1 {
            return None;
        }
        if self.cx.index.contains(path) {
            return Some(path.to_string());
        }
        let on_disk = self.cx.is_file_on_disk(path);
        on_disk.then(|| path.to_string())
    }

    /// When `path` lies in the build output of the package that holds it (its tsconfig's
    /// `outDir`, or `dist`, `build`, `lib`, `out`, `esm` or `cjs` at its top): the source file
    /// it is built from, or the output path itself when no source is found.
    pub(super) fn build_output(&self, path: &str) -> Option<Target> {
        let package = self.packages.containing(path)?;
        let dir = &self.packages.list[package].dir;
        let tsconfig = if dir == "." {
            "tsconfig.json".to_string()
        } else {
            format!("{dir}/tsconfig.json")
        };
        let out_dir = self
            .cx
            .index
            .contains(&tsconfig)
            .then(|| self.tsconfigs.load(&tsconfig))
            .flatten()
            .and_then(|c| c.out_dir.clone());
        let in_output = OUTPUT_DIRS
            .iter()
            .filter_map(|out| join(dir, out))
            .chain(out_dir)
            .any(|out| within(path, &out));
        if !in_output {
            return None;
        }
        let relative = if dir == "." {
            path
        } else {
            path.strip_prefix(dir.as_str())?.trim_start_matches('/')
        };
        let source = self.entry_file(package, &format!("./{relative}"));
        Some(source.map_or_else(|| Target::BuildOutput(path.to_string()), Target::File))
    }

    /// The source behind an output path that repeats part of the source tree under the output
    /// directory, as `declarationDir` per package writes it: `dist/types/common/src/utils.d.ts`
    /// is built from `src/utils.ts` of the package in `dir`. The longest tail of the path
    /// below the output directory that names a source file of the package wins.
    pub(super) fn declaration_source(
        &self,
        dir: &str,
        stem: &str,
        outputs: &[(String, String)],
    ) -> Option<String> {
        let (out, _) = outputs.iter().find(|(out, _)| within(stem, out))?;
        let rest = stem.get(out.len()..)?.trim_start_matches('/');
        let segments: Vec<&str> = rest.split('/').collect();
        (1..segments.len()).find_map(|skip| {
            let tail = segments[skip..].join("/");
            let candidate = join(dir, &tail)?;
            self.file(&candidate).filter(|f| !f.ends_with(".d.ts"))
        })
    }

    /// When the file `base` names — as written, or as TypeScript would find its source with
    /// an extension or an index file — is gitignored: a file the build generates (a script's
    /// `data.output.ts`, a `generated/` client), which a clean checkout does not have.
    /// JavaScript and declaration files are not asked about: a project that compiles in
    /// place ignores every `*.js`, and that says nothing of a mistyped import.
    pub(super) fn gitignored(&self, base: &str) -> Option<Target> {
        let swaps = [
            (".js", &[".ts", ".tsx"][..]),
            (".jsx", &[".tsx"]),
            (".mjs", &[".mts"]),
            (".cjs", &[".cts"]),
        ];
        let candidates: Vec<String> = match swaps
            .iter()
            .find_map(|(js, sources)| Some((base.strip_suffix(js)?, *sources)))
        {
            Some((stem, sources)) => sources.iter().map(|s| format!("{stem}{s}")).collect(),
            None if base.ends_with(".d.ts") => Vec::new(),
            None => SOURCE_EXTENSIONS
                .iter()
                .map(|e| format!("{base}{e}"))
                .chain(SOURCE_EXTENSIONS.iter().map(|e| format!("{base}/index{e}")))
                .chain([base.to_string()])
                .collect(),
        };
        candidates
            .into_iter()
            .find(|c| self.cx.is_gitignored(c, false))
            .map(Target::BuildOutput)
    }

    /// Whether a file of the workspace lies under `dir` (root-relative, no trailing `/`).
    pub fn has_dir(&self, dir: &str) -> bool {
        let dirs = self.dirs.get_or_init(|| {
            let mut dirs = std::collections::HashSet::new();
            for file in self.cx.index.iter() {
                let mut path = file;
                while let Some((parent, _)) = path.rsplit_once('/') {
                    if !dirs.insert(parent.to_string()) {
                        break;
                    }
                    path = parent;
                }
            }
            dirs
        });
        dirs.contains(dir.trim_end_matches('/'))
    }

    /// An entry of the package in `dir` that points into its build output with no source
    /// behind it (a stylesheet the build writes to `dist/`): the build's to produce, not a
    /// broken import.
    pub(super) fn built_entry(&self, dir: &str, targets: &[String]) -> Option<Target> {
        targets
            .iter()
            .filter_map(|t| join(dir, t))
            .find_map(|path| match self.build_output(&path) {
                Some(Target::BuildOutput(path)) => Some(Target::BuildOutput(path)),
                _ => None,
            })
    }
}
