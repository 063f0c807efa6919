//! Which public entry of a package to import instead of an internal module, and whether the
//! imported names are exported there: the fix advice of `package-privacy`.

use structlint_core::{Applicability, Edit, Language};
use structlint_graph::{ImportGraph, ModuleRef, paths};

use crate::shared::import_graph::{
    imported_names, relative_specifier, safe_target, specifier_edit,
};

pub(crate) struct Advice {
    pub steps: Vec<String>,
    pub edit: Option<Edit>,
    /// The public entry file the advice is about.
    pub entry: Option<String>,
}

/// Advice for a reference `r` into package `to` that bypassed its public entries; `target` is
/// the internal file it reached, when it exists.
pub(crate) fn entry_advice(
    graph: &ImportGraph,
    r: &ModuleRef,
    to: usize,
    target: Option<&str>,
) -> Advice {
    let package = graph.packages.list[to].label();
    // A data file (`package.json`, a stylesheet) is made public by the exports map, not by
    // re-exporting it from code.
    if let Some(data) = target.filter(|t| Language::from_path(t.as_ref()).is_none()) {
        let dir = &graph.packages.list[to].dir;
        let inside = if dir == "." {
            data
        } else {
            data.strip_prefix(dir.as_str())
                .map_or(data, |rest| rest.trim_start_matches('/'))
        };
        return Advice {
            steps: vec![format!(
                "If other packages may read it, add `\"./{inside}\": \"./{inside}\"` to the `exports` map of {package}'s package.json; otherwise stop importing it from outside the package."
            )],
            edit: None,
            entry: None,
        };
    }
    let names = imported_names(r);
    // Only modules can stand in for a module: never `./package.json` or a stylesheet.
    let entries: Vec<(String, String)> = graph.entries[to]
        .iter()
        .filter_map(|e| Some((e.subpath.clone(), e.file.clone()?)))
        .filter(|(_, file)| graph.file(file).is_some())
        .collect();
    let Some((subpath, file, missing)) = best_entry(graph, &entries, &names) else {
        return Advice {
            steps: vec![format!(
                "{package} has no public entry with a source file: add an `exports` map (or `main`/`types`) to its package.json that points at its public module, then import that."
            )],
            edit: None,
            entry: None,
        };
    };
    let specifier = graph.specifier(to, &subpath);
    if names.is_empty() {
        return Advice {
            steps: vec![format!(
                "Import the public entry `{specifier}` ({file}) instead and use what it exports."
            )],
            edit: None,
            entry: Some(file),
        };
    }
    if missing.is_empty() {
        let list = code_list(&names);
        // The edit only when the entry is known to export every name, not merely may.
        let edit = safe_target(graph, "", r, &file).then(|| {
            specifier_edit(
                r,
                &specifier,
                format!("Import from the public entry `{specifier}`"),
                // Unsafe: the entry exports the same names, but they may be other bindings
                // (only names are checked), and loading the entry runs every module it
                // imports.
                Applicability::Unsafe,
            )
        });
        let (verb, them) = if names.len() == 1 {
            ("is", "it")
        } else {
            ("are", "them")
        };
        return Advice {
            steps: vec![format!(
                "Import from the public entry instead: `{specifier}` — {list} {verb} exported there ({file}), so only the specifier changes; import {them} from there."
            )],
            edit,
            entry: Some(file),
        };
    }
    let list = code_list(&missing);
    let (verb, pronoun) = if missing.len() == 1 {
        ("is", "it")
    } else {
        ("are", "them")
    };
    let mut steps = vec![format!(
        "{list} {verb} not part of {package}'s public API ({specifier}, {file})."
    )];
    let export_line = match target {
        Some(target) => format!(
            "`export {{ {} }} from '{}';`",
            missing.join(", "),
            relative_specifier(paths::parent(&file), target)
        ),
        None => format!(
            "an `export {{ {} }} from '…';` line for the module that defines {pronoun}",
            missing.join(", ")
        ),
    };
    steps.push(format!(
        "If other packages should use {pronoun}, make {pronoun} public: add {export_line} to {file}, then import {} from `{specifier}`.",
        code_list(&names)
    ));
    let offered: Vec<String> = graph
        .exports(&file)
        .names
        .into_iter()
        .filter(|n| n != "default")
        .take(8)
        .collect();
    let offer = if offered.is_empty() {
        String::new()
    } else {
        format!(" (it exports {})", code_list(&offered))
    };
    steps.push(format!("Otherwise ask the owners of {package} why {pronoun} {verb} internal, and use its public API instead{offer}."));
    Advice {
        steps,
        edit: None,
        entry: Some(file),
    }
}

/// The entry exporting the most of `names` (`.` first on ties), with the names it lacks.
/// A name counts as exported when an `export *` from outside the graph might provide it.
fn best_entry(
    graph: &ImportGraph,
    entries: &[(String, String)],
    names: &[String],
) -> Option<(String, String, Vec<String>)> {
    entries
        .iter()
        .map(|(subpath, file)| {
            let exports = graph.exports(file);
            let missing: Vec<String> = names
                .iter()
                .filter(|n| exports.complete && !exports.names.contains(*n))
                .cloned()
                .collect();
            (subpath.clone(), file.clone(), missing)
        })
        .min_by_key(|(subpath, _, missing)| (missing.len(), subpath != "."))
}

fn code_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use crate::shared::testing::check;

    /// `package.json` and stylesheets are opened up by the exports map; re-exporting them from
    /// the package's code would not make `@x/a/package.json` importable.
    #[test]
    fn a_data_file_is_made_public_in_the_exports_map() {
        let files = [
            ("pnpm-workspace.yaml", "packages: [\"packages/*\"]\n"),
            (
                "packages/a/package.json",
                r#"{ "name": "@x/a", "exports": { ".": "./src/index.ts" } }"#,
            ),
            ("packages/a/src/index.ts", "export const a = 1;\n"),
            ("packages/a/src/styles.css", "body {}\n"),
            (
                "packages/b/package.json",
                r#"{ "name": "@x/b", "dependencies": { "@x/a": "*" } }"#,
            ),
            (
                "packages/b/src/index.ts",
                "import pkg from '@x/a/package.json';\nimport '@x/a/src/styles.css';\nexport const v = pkg.version;\n",
            ),
        ];
        let checked = check(&files, "[rules]\nmax-file-lines = \"off\"\n");
        let fixes: Vec<&str> = checked
            .diagnostics
            .iter()
            .filter(|d| d.rule == "package-privacy")
            .map(|d| d.fix[0].as_str())
            .collect();
        assert_eq!(
            fixes,
            [
                "If other packages may read it, add `\"./package.json\": \"./package.json\"` to the `exports` map of @x/a's package.json; otherwise stop importing it from outside the package.",
                "If other packages may read it, add `\"./src/styles.css\": \"./src/styles.css\"` to the `exports` map of @x/a's package.json; otherwise stop importing it from outside the package.",
            ]
        );
    }
}
