//! # unclassified-layer
//!
//! Every file of a layered domain sits in a layer folder (or is the package's entry).
//!
//! ## Why
//!
//! The `layers` rule can only check files that are in a layer. A new folder that is in no
//! layer (`helpers/`, `utils/`, a file dropped next to `index.ts`) silently escapes it, and
//! grows into the place where every dependency rule is broken. Saying so once per domain keeps
//! the stack complete without repeating the same finding for every file.
//!
//! ## What it reports
//!
//! One finding per domain (a directory the `modules` glob of a `[[layers]]` entry matches),
//! at its first unclassified file, listing every file that is neither in a layer folder named
//! in `order` or `cross-cutting`, nor a public entry of its package (`src/index.ts` and the
//! files its `exports` map points to), nor the domain's `index` file.
//!
//! ## Example
//!
//! ```text
//! packages/billing/src/helpers/format.ts
//!   2 files of packages/billing/src are in no layer of `domain`: helpers/format.ts, legacy.ts
//! ```
//!
//! ## How to fix
//!
//! Move each file into the layer folder that matches what it does; or, when a folder is a new
//! kind of code, add it to `order` (or `cross-cutting`) of the `[[layers]]` entry at the
//! height where its dependencies put it.
//!
//! ## Options
//!
//! None besides the level; it reads the `[[layers]]` entries.

use std::collections::BTreeMap;

use structlint_core::{Diagnostic, Level, RuleImpl, RuleSpec, plural};
use structlint_graph::ImportGraph;

use crate::shared::import_graph::{GraphRule, OnGraph, file_start};
use crate::shared::layer_stacks::{Place, Stack, classify, stacks};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "unclassified-layer",
    name: "UnclassifiedLayer",
    summary: "Files of a layered domain that are in no layer folder, once per domain",
    default_level: Level::Warn,
    tags: &["architecture", "layers"],
    precision: "very-high",
    sections: &["layers"],
    source: include_str!("mod.rs"),
    build: |options| {
        options.parse::<crate::NoOptions>()?;
        Ok(RuleImpl::Workspace(Box::new(OnGraph(Unclassified {
            stacks: stacks(&options)?,
        }))))
    },
};

struct Unclassified {
    stacks: Vec<Stack>,
}

impl GraphRule for Unclassified {
    fn check_graph(&self, graph: &ImportGraph, out: &mut Vec<Diagnostic>) {
        // (stack index, domain) → (file, folder); files arrive in path order.
        let mut domains: BTreeMap<(usize, String), Vec<Unplaced<'_>>> = BTreeMap::new();
        for file in &graph.files {
            if let Some(Place::Unclassified {
                stack,
                domain,
                folder,
            }) = classify(&self.stacks, graph, &file.path)
            {
                let index = self
                    .stacks
                    .iter()
                    .position(|s| std::ptr::eq(s, stack))
                    .unwrap_or(0);
                domains
                    .entry((index, domain))
                    .or_default()
                    .push((&file.path, folder));
            }
        }
        for ((index, domain), files) in domains {
            out.push(diagnostic(&self.stacks[index], &domain, &files));
        }
    }
}

/// A file in no layer, and the first folder under its domain.
type Unplaced<'a> = (&'a str, Option<String>);

fn diagnostic(stack: &Stack, domain: &str, files: &[Unplaced<'_>]) -> Diagnostic {
    let relative: Vec<&str> = files
        .iter()
        .map(|(path, _)| &path[domain.len() + 1..])
        .collect();
    let mut folders: Vec<&str> = files.iter().filter_map(|(_, f)| f.as_deref()).collect();
    folders.dedup();
    let shown = if relative.len() > 6 {
        format!("{}, …", relative[..6].join(", "))
    } else {
        relative.join(", ")
    };
    let mut d = Diagnostic::new(
        file_start(files[0].0),
        format!("{} of {domain} {} in no layer of `{}`: {shown}", plural(files.len(), "file"), if files.len() == 1 { "is" } else { "are" }, stack.name),
    )
    .label("in no layer")
    .why(format!(
        "The `layers` rule checks only files in a layer folder ({}); a file outside them escapes every dependency check of `{}`.",
        stack.order.iter().chain(&stack.cross_cutting).map(String::as_str).collect::<Vec<_>>().join(", "),
        stack.name
    ))
    .step(format!(
        "Move each file into the layer folder of {domain} that matches what it does: {} (bottom first){}.",
        stack.order.join(", "),
        if stack.cross_cutting.is_empty() { String::new() } else { format!(", or the cross-cutting {}", stack.cross_cutting.join(", ")) }
    ));
    for folder in folders {
        d = d.step(format!(
            "If `{folder}/` is a new kind of code rather than a misplaced one, add \"{folder}\" to `order` (or `cross-cutting`) of the `{}` [[layers]] entry in structlint.toml, at the height its imports put it.",
            stack.name
        ));
    }
    for (path, _) in files.iter().take(10) {
        d = d.related(file_start(path), "in no layer");
    }
    d
}

#[cfg(test)]
mod tests {
    use crate::shared::testing::check;

    const CONFIG: &str = "[rules]\nmax-file-lines = \"off\"\n\n[[layers]]\nname = \"domain\"\nmodules = \"packages/*/src\"\norder = [\"repo\", \"service\", \"ui\"]\ncross-cutting = [\"providers\"]\n";

    #[test]
    fn reported_once_per_domain_listing_every_file() {
        let checked = check(
            &[
                ("pnpm-workspace.yaml", "packages: [\"packages/*\"]\n"),
                (
                    "packages/a/package.json",
                    r#"{ "name": "a", "exports": { ".": "./src/index.ts", "./extra": "./src/extra.ts" } }"#,
                ),
                ("packages/a/src/index.ts", "export const a = 1;\n"),
                ("packages/a/src/extra.ts", "export const extra = 1;\n"),
                ("packages/a/src/helpers/format.ts", "export const f = 1;\n"),
                ("packages/a/src/helpers/parse.ts", "export const p = 1;\n"),
                ("packages/a/src/legacy.ts", "export const l = 1;\n"),
                ("packages/a/src/repo/db.ts", "export const db = 1;\n"),
                ("packages/a/src/providers/clock.ts", "export const c = 1;\n"),
                ("packages/b/package.json", r#"{ "name": "b" }"#),
                ("packages/b/src/index.ts", "export const b = 1;\n"),
                ("packages/b/src/service/x.ts", "export const x = 1;\n"),
                ("scripts/build.ts", "export const s = 1;\n"),
            ],
            CONFIG,
        );
        assert_eq!(
            checked.of("unclassified-layer"),
            [
                "packages/a/src/helpers/format.ts:1 3 files of packages/a/src are in no layer of `domain`: helpers/format.ts, helpers/parse.ts, legacy.ts"
            ]
        );
        let d = checked.first("unclassified-layer");
        assert_eq!(d.fix.len(), 2, "{:#?}", d.fix);
        assert!(
            d.fix[1].starts_with("If `helpers/` is a new kind of code"),
            "{:#?}",
            d.fix
        );
        assert_eq!(d.related.len(), 3);
    }
}
