use std::sync::Arc;

use structlint_core::{FileContext, FileFacts, FileIndex, Language, SourceFile, WorkspaceContext};

use super::*;

/// Writes `files`, indexes them, and builds the graph from the facts of the TS/JS ones.
fn graph(files: &[(&str, &str)]) -> (tempfile::TempDir, ImportGraph) {
    let dir = tempfile::tempdir().unwrap();
    let mut modules = Vec::new();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        if let Some(language) = Language::from_path(path.as_ref()) {
            let file = SourceFile::new(path.to_string(), p, language, text.to_string());
            let facts = Arc::new(ModuleFacts::extract(&FileContext::new(&file)));
            modules.push(FileFacts {
                path: path.to_string(),
                facts,
            });
        }
    }
    let index: FileIndex = files.iter().map(|(p, _)| p.to_string()).collect();
    let cx = WorkspaceContext::new(dir.path().to_path_buf(), index);
    let graph = ImportGraph::build(&cx, &modules);
    (dir, graph)
}

fn workspace() -> (tempfile::TempDir, ImportGraph) {
    graph(&[
        ("pnpm-workspace.yaml", "packages: [\"packages/*\"]\n"),
        (
            "packages/billing/package.json",
            r#"{"name": "@acme/billing", "exports": {".": "./dist/index.js", "./ui": "./dist/ui.js", "./legacy/*": "./dist/legacy/*.js"}}"#,
        ),
        (
            "packages/billing/src/index.ts",
            "export { getInvoice as fetchInvoice } from './service';\nexport * from './types';\nexport * as money from './money';\nexport default 1;\n",
        ),
        (
            "packages/billing/src/service.ts",
            "import { db } from './db';\nexport function getInvoice() {}\nexport function internalOnly() {}\n",
        ),
        (
            "packages/billing/src/types.ts",
            "export interface Invoice {}\nexport * from './more-types';\nexport default 2;\n",
        ),
        (
            "packages/billing/src/more-types.ts",
            "export type Line = {};\nexport * from './types';\n",
        ),
        ("packages/billing/src/money.ts", "export const cents = 1;\n"),
        ("packages/billing/src/db.ts", "export const db = 1;\n"),
        (
            "packages/billing/src/ui.tsx",
            "export * from 'some-npm-ui';\nexport const Table = () => null;\n",
        ),
        (
            "packages/billing/src/legacy/Grid.jsx",
            "export const Grid = 1;\n",
        ),
        (
            "packages/reports/package.json",
            r#"{"name": "@acme/reports", "dependencies": {"@acme/billing": "workspace:*"}}"#,
        ),
        (
            "packages/reports/src/index.ts",
            "import { fetchInvoice } from '@acme/billing';\nimport { db } from '../../billing/src/db';\nimport React from 'react';\n",
        ),
    ])
}

#[test]
fn files_know_their_package_and_their_resolved_references() {
    let (_d, g) = workspace();
    let reports = g.file("packages/reports/src/index.ts").unwrap();
    assert_eq!(
        g.packages.list[reports.package.unwrap()].label(),
        "@acme/reports"
    );
    let targets: Vec<String> = reports
        .resolved
        .iter()
        .map(|r| format!("{:?}", r.target))
        .collect();
    assert_eq!(
        targets,
        [
            "File(\"packages/billing/src/index.ts\")",
            "File(\"packages/billing/src/db.ts\")",
            "External(\"react\")",
        ]
    );
    let edges: Vec<(usize, usize)> = g
        .package_edges()
        .iter()
        .map(|&(_, i, from, to)| (i, from * 10 + to))
        .collect();
    let (billing, reports) = (
        g.packages.by_name("@acme/billing").unwrap(),
        g.packages.by_name("@acme/reports").unwrap(),
    );
    assert_eq!(
        edges,
        [(0, reports * 10 + billing), (1, reports * 10 + billing)]
    );
}

#[test]
fn public_entries_exact_and_patterns() {
    let (_d, g) = workspace();
    assert_eq!(
        g.entry_of("packages/billing/src/index.ts").as_deref(),
        Some(".")
    );
    assert_eq!(
        g.entry_of("packages/billing/src/ui.tsx").as_deref(),
        Some("./ui")
    );
    assert_eq!(
        g.entry_of("packages/billing/src/legacy/Grid.jsx")
            .as_deref(),
        Some("./legacy/Grid")
    );
    assert_eq!(g.entry_of("packages/billing/src/db.ts"), None);
    assert_eq!(
        g.entry_of("packages/reports/src/index.ts").as_deref(),
        Some("."),
        "src/index.ts without exports or main"
    );
    let billing = g.packages.by_name("@acme/billing").unwrap();
    assert_eq!(g.specifier(billing, "."), "@acme/billing");
    assert_eq!(g.specifier(billing, "./ui"), "@acme/billing/ui");
}

#[test]
fn exported_names_follow_reexport_chains_and_cycles() {
    let (_d, g) = workspace();
    let entry = g.exports("packages/billing/src/index.ts");
    let names: Vec<&str> = entry.names.iter().map(String::as_str).collect();
    assert_eq!(
        names,
        ["Invoice", "Line", "default", "fetchInvoice", "money"]
    );
    assert!(entry.complete);
    assert!(!entry.names.contains("internalOnly"));
    let ui = g.exports("packages/billing/src/ui.tsx");
    assert!(
        ui.names.contains("Table") && !ui.complete,
        "export * from an npm package may add names"
    );
}

/// tsc with `declarationDir` per package writes `dist/types/<pkg>/src/x.d.ts`; an exports map
/// that points there makes every `src/x.ts` a public entry, and an import of its output maps
/// back to `src/x.ts`.
#[test]
fn declaration_output_per_package_maps_back_to_source() {
    let (_dir, graph) = graph(&[
        ("pnpm-workspace.yaml", "packages: [\"packages/*\"]\n"),
        (
            "packages/kit/package.json",
            r#"{"name": "@ui/kit", "exports": {".": {"types": "./dist/types/kit/src/index.d.ts"}, "./*": {"types": "./dist/types/kit/src/*.d.ts"}}}"#,
        ),
        ("packages/kit/src/index.ts", "export const kit = 1;\n"),
        ("packages/kit/src/button.ts", "export const Button = 1;\n"),
        (
            "packages/kit/src/form/field.ts",
            "export const Field = 1;\n",
        ),
        ("packages/app/package.json", r#"{"name": "app"}"#),
        (
            "packages/app/src/main.ts",
            "import { kit } from '@ui/kit';\nimport { Button } from '@ui/kit/button';\n",
        ),
    ]);
    assert_eq!(
        graph.entry_of("packages/kit/src/index.ts").as_deref(),
        Some(".")
    );
    assert_eq!(
        graph.entry_of("packages/kit/src/button.ts").as_deref(),
        Some("./button")
    );
    assert_eq!(
        graph.entry_of("packages/kit/src/form/field.ts").as_deref(),
        Some("./form/field")
    );
    let main = graph.file("packages/app/src/main.ts").unwrap();
    let targets: Vec<_> = main.resolved.iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        targets,
        [
            Target::File("packages/kit/src/index.ts".into()),
            Target::File("packages/kit/src/button.ts".into())
        ]
    );
}

/// A package whose sources sit at its top (no `src/`), exported as `./*` from
/// `dist/types/<pkg>/*.d.ts`.
#[test]
fn declaration_output_of_a_package_without_src_maps_to_its_top() {
    let (_dir, graph) = graph(&[
        ("pnpm-workspace.yaml", "packages: [\"packages/*\"]\n"),
        (
            "packages/editor/package.json",
            r#"{"name": "editor", "exports": {"./common/*": {"types": "./dist/types/common/src/*.d.ts"}, ".": {"types": "./dist/types/editor/index.d.ts"}, "./*": {"types": "./dist/types/editor/*.d.ts"}}}"#,
        ),
        ("packages/editor/index.tsx", "export const Editor = 1;\n"),
        (
            "packages/editor/components/Dialog.tsx",
            "export const Dialog = 1;\n",
        ),
    ]);
    assert_eq!(
        graph
            .entry_of("packages/editor/components/Dialog.tsx")
            .as_deref(),
        Some("./components/Dialog")
    );
}
