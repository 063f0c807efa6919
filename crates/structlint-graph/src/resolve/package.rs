//! A bare specifier into a workspace package: its `exports` map, else `types`/`main`/
//! `module`, else `src/index`; entries that point into build output mapped back to source.

use structlint_core::clip;

use super::{Access, OUTPUT_DIRS, Resolution, Resolver, Target, Via, strip_output_extension};
use crate::exports_map::{Lookup, lookup};
use crate::paths::{join, within};

impl Resolver<'_> {
    /// A bare specifier into workspace package `package`.
    pub(super) fn package(&self, package: usize, subpath: &str) -> Resolution {
        let p = &self.packages.list[package];
        let via = |access| Via::Package {
            package,
            subpath: subpath.to_string(),
            access,
        };
        let deep = || {
            let found = join(&p.dir, subpath).and_then(|b| self.path(&b));
            found.unwrap_or_else(|| {
                Target::Unresolved(format!("{} has no file at {}", p.label(), clip(subpath)))
            })
        };
        let entry = |targets: &[String]| {
            let found = targets.iter().find_map(|t| self.entry_file(package, t));
            let why = || match targets {
                [] => format!("{}'s `exports` entry for it has no target", p.label()),
                _ => format!(
                    "{}'s entry {} has no source file",
                    p.label(),
                    clip(&targets.join(", "))
                ),
            };
            let built = || self.built_entry(&p.dir, targets);
            found.map_or_else(
                || built().unwrap_or_else(|| Target::Unresolved(why())),
                Target::File,
            )
        };
        match &p.manifest.exports {
            Some(exports) => match lookup(exports, subpath) {
                Lookup::Public { key, targets } => Resolution {
                    target: entry(&targets),
                    via: via(Access::Public(key)),
                },
                Lookup::NotExported => Resolution {
                    target: deep(),
                    via: via(Access::Internal),
                },
                Lookup::Blocked => Resolution {
                    target: deep(),
                    via: via(Access::Blocked),
                },
            },
            None if subpath == "." => Resolution {
                target: entry(&self.main_targets(package)),
                via: via(Access::Public(".".into())),
            },
            None => Resolution {
                target: deep(),
                via: via(Access::Internal),
            },
        }
    }

    /// `types`, `main`, `module`, then `src/index`, then `index`: what `import "pkg"` loads
    /// without an `exports` map.
    pub fn main_targets(&self, package: usize) -> Vec<String> {
        let m = &self.packages.list[package].manifest;
        let mut targets: Vec<String> = [&m.types, &m.main, &m.module]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        targets.extend(["./src/index".to_string(), "./index".to_string()]);
        targets
    }

    /// The source file behind an entry target of `package` (`./dist/index.js` →
    /// `packages/x/src/index.ts`), through the package tsconfig's `outDir`/`rootDir` or the
    /// usual output directories.
    pub fn entry_file(&self, package: usize, target: &str) -> Option<String> {
        let dir = &self.packages.list[package].dir;
        let path = join(dir, target)?;
        if let Some(found) = self.file(&path).filter(|f| !f.ends_with(".d.ts")) {
            return Some(found);
        }
        let stem = strip_output_extension(&path);
        let tsconfig_path = if dir == "." {
            "tsconfig.json".to_string()
        } else {
            format!("{dir}/tsconfig.json")
        };
        let config = self
            .cx
            .index
            .contains(&tsconfig_path)
            .then(|| self.tsconfigs.load(&tsconfig_path))
            .flatten();
        let mut mappings: Vec<(String, String)> = Vec::new();
        if let Some(out) = config.as_ref().and_then(|c| c.out_dir.clone()) {
            let src = config
                .as_ref()
                .and_then(|c| c.root_dir.clone())
                .unwrap_or_else(|| join(dir, "src").unwrap_or_default());
            mappings.push((out, src));
        }
        mappings.extend(
            OUTPUT_DIRS
                .iter()
                .filter_map(|out| Some((join(dir, out)?, join(dir, "src")?))),
        );
        mappings
            .iter()
            .filter(|(out, _)| within(stem, out))
            .find_map(|(out, src)| self.file(&format!("{src}{}", &stem[out.len()..])))
            .or_else(|| self.declaration_source(dir, stem, &mappings))
            .or_else(|| self.file(stem))
    }
}
