use crate::shared::testing::check;

const CONFIG: &str = "[rules]\nmax-file-lines = \"off\"\n";

fn workspace(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut files = vec![
        ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
        (
            "packages/billing/package.json",
            r#"{ "name": "@acme/billing", "exports": { ".": "./dist/index.js", "./ui": "./dist/ui.js", "./legacy/*": "./dist/legacy/*.js", "./secret/*": null } }"#,
        ),
        (
            "packages/billing/src/index.ts",
            "export { listInvoices } from './service';\nexport type { Invoice } from './types';\n",
        ),
        (
            "packages/billing/src/service.ts",
            "export function listInvoices() {}\nexport function privateHelper() {}\n",
        ),
        (
            "packages/billing/src/types.ts",
            "export interface Invoice {}\n",
        ),
        (
            "packages/billing/src/ui.tsx",
            "export const Table = () => null;\n",
        ),
        (
            "packages/billing/src/legacy/Grid.jsx",
            "export const Grid = 1;\n",
        ),
        (
            "packages/billing/src/secret/key.ts",
            "export const key = 1;\n",
        ),
        (
            "packages/schemas/package.json",
            r#"{ "name": "@acme/schemas", "main": "./dist/index.js" }"#,
        ),
        (
            "packages/schemas/src/index.ts",
            "export const Schema = 1;\n",
        ),
        (
            "packages/schemas/src/invoice.ts",
            "export const InvoiceSchema = 1;\n",
        ),
        (
            "packages/reports/package.json",
            r#"{ "name": "@acme/reports", "dependencies": { "@acme/billing": "workspace:*" } }"#,
        ),
    ];
    files.extend_from_slice(extra);
    files
}

#[test]
fn public_entries_aliases_and_own_package_imports_are_fine() {
    let checked = check(
        &workspace(&[
            (
                "packages/reports/src/index.ts",
                "import { listInvoices, type Invoice } from '@acme/billing';\nimport { Table } from '@acme/billing/ui';\nimport { Grid } from '@acme/billing/legacy/Grid';\nimport { local } from './local';\nimport React from 'react';\n",
            ),
            ("packages/reports/src/local.ts", "export const local = 1;\n"),
        ]),
        CONFIG,
    );
    assert_eq!(checked.of("package-privacy"), Vec::<String>::new());
}

#[test]
fn internal_subpaths_relative_paths_and_reexports_are_reported() {
    let checked = check(
        &workspace(&[(
            "packages/reports/src/index.ts",
            "import { listInvoices } from \"@acme/billing/src/service\";\nimport { privateHelper } from '../../billing/src/service';\nexport * from '@acme/billing/src/types';\nimport type { Invoice } from '@acme/billing/src/types';\nconst lazy = import('@acme/billing/secret/key');\n",
        )]),
        CONFIG,
    );
    assert_eq!(
        checked.of("package-privacy"),
        [
            "packages/reports/src/index.ts:1 packages/reports/src/index.ts imports `@acme/billing/src/service`, which reaches into @acme/billing: ./src/service is not one of its public entry points",
            "packages/reports/src/index.ts:2 packages/reports/src/index.ts imports packages/billing/src/service.ts of @acme/billing through a relative path (`../../billing/src/service`), not through the package",
            "packages/reports/src/index.ts:3 packages/reports/src/index.ts imports `@acme/billing/src/types`, which reaches into @acme/billing: ./src/types is not one of its public entry points",
            "packages/reports/src/index.ts:4 packages/reports/src/index.ts imports `@acme/billing/src/types`, which reaches into @acme/billing: ./src/types is not one of its public entry points",
            "packages/reports/src/index.ts:5 packages/reports/src/index.ts imports `@acme/billing/secret/key`, which reaches into @acme/billing: its package.json `exports` map sets ./secret/key to null, which makes it private",
        ]
    );
    let exported = checked.first("package-privacy");
    assert!(exported.fix[0].starts_with("Import from the public entry instead: `@acme/billing` — `listInvoices` is exported there (packages/billing/src/index.ts)"), "{:#?}", exported.fix);
    let edit = exported.edit.as_ref().unwrap();
    assert_eq!(
        edit.replacements[0].text, "\"@acme/billing\"",
        "the edit keeps double quotes"
    );
    let missing = &checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == "package-privacy")
        .nth(1)
        .unwrap();
    assert_eq!(
        missing.fix[0],
        "`privateHelper` is not part of @acme/billing's public API (@acme/billing, packages/billing/src/index.ts)."
    );
    assert!(
        missing.fix[1].contains(
            "add `export { privateHelper } from './service';` to packages/billing/src/index.ts"
        ),
        "{:#?}",
        missing.fix
    );
    assert!(
        missing.fix[2].contains("(it exports `Invoice`, `listInvoices`)"),
        "{:#?}",
        missing.fix
    );
    assert!(missing.edit.is_none());
}

#[test]
fn relative_imports_of_a_public_entry_are_rewritten_to_the_package_name() {
    let checked = check(
        &workspace(&[(
            "packages/reports/src/index.ts",
            "import { Table } from '../../billing/src/ui';\n",
        )]),
        CONFIG,
    );
    let d = checked.first("package-privacy");
    assert_eq!(
        d.fix[0],
        "Import it by package name: `@acme/billing/ui`; packages/billing/src/ui.tsx is that public entry."
    );
    assert_eq!(
        d.edit.as_ref().unwrap().replacements[0].text,
        "'@acme/billing/ui'"
    );
}

#[test]
fn undeclared_dependencies_once_per_package_pair_and_the_option() {
    let files = workspace(&[
        (
            "packages/reports/src/a.ts",
            "import { Schema } from '@acme/schemas';\n",
        ),
        (
            "packages/reports/src/b.ts",
            "import { Schema } from '@acme/schemas';\nimport { InvoiceSchema } from '@acme/schemas/src/invoice';\n",
        ),
    ]);
    let checked = check(&files, CONFIG);
    assert_eq!(
        checked.of("package-privacy"),
        [
            "packages/reports/src/a.ts:1 @acme/reports imports @acme/schemas but packages/reports/package.json does not declare it as a dependency",
            "packages/reports/src/b.ts:2 packages/reports/src/b.ts imports `@acme/schemas/src/invoice`, which reaches into @acme/schemas: ./src/invoice is not one of its public entry points",
        ]
    );
    let d = checked.first("package-privacy");
    assert_eq!(
        d.fix[0],
        "Declare the dependency: add `\"@acme/schemas\": \"workspace:*\"` to `dependencies` in packages/reports/package.json (`devDependencies` if only tests or tooling use it), then run `pnpm install`."
    );
    assert_eq!(d.related.len(), 2, "the manifest and the other import site");
    let internal = &checked.diagnostics[1];
    assert!(
        internal
            .fix
            .last()
            .unwrap()
            .starts_with("Declare the dependency"),
        "an internal import of an undeclared package says both"
    );
    let off = check(
        &files,
        "[rules]\nmax-file-lines = \"off\"\npackage-privacy = { require-declared-dependencies = false }\n",
    );
    assert_eq!(off.of("package-privacy").len(), 1);
}

#[test]
fn malformed_workspace_files_are_notes_and_the_run_goes_on() {
    let checked = check(
        &[
            ("pnpm-workspace.yaml", "packages:\n  nested: true\n"),
            ("packages/broken/package.json", "{ \"name\": }"),
            ("packages/broken/src/index.ts", "export const x = 1;\n"),
            (
                "packages/billing/package.json",
                r#"{ "name": "@acme/billing", "exports": { ".": "./src/index.ts" } }"#,
            ),
            (
                "packages/billing/tsconfig.json",
                "{\n  // JSONC is valid\n  \"compilerOptions\": { \"baseUrl\": \".\", },\n}\n",
            ),
            (
                "packages/billing/src/index.ts",
                "export const billing = 1;\n",
            ),
            ("packages/billing/src/db.ts", "export const db = 1;\n"),
            (
                "packages/reports/package.json",
                r#"{ "name": "@acme/reports", "dependencies": { "@acme/billing": "workspace:*" } }"#,
            ),
            (
                "packages/reports/tsconfig.json",
                "{ \"compilerOptions\": { \"baseUrl\": } }",
            ),
            (
                "packages/reports/src/index.ts",
                "import { db } from '@acme/billing/src/db';\n",
            ),
        ],
        CONFIG,
    );
    assert_eq!(checked.notes.len(), 3, "{:#?}", checked.notes);
    assert!(checked.notes[0].starts_with("packages/broken/package.json: invalid package.json (expected value at line 1 column 11)"), "{:#?}", checked.notes);
    assert!(
        checked.notes[1].starts_with("packages/reports/tsconfig.json: invalid tsconfig"),
        "{:#?}",
        checked.notes
    );
    assert!(
        checked.notes[2].starts_with("pnpm-workspace.yaml: cannot read the package list (line 2"),
        "{:#?}",
        checked.notes
    );
    assert_eq!(
        checked.of("package-privacy").len(),
        1,
        "the rest of the workspace is still checked"
    );
}

/// A client SDK that exports only its root and its manifest: a subpath import of it is a real
/// finding, but no edit may point the code at `package.json` or at an entry that does not
/// export what the code imports.
#[test]
fn no_edit_to_a_manifest_or_to_an_entry_without_the_names() {
    let checked = check(
        &[
            ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
            (
                "packages/client/package.json",
                r#"{ "name": "client", "exports": { ".": "./src/index.ts", "./package.json": "./package.json" } }"#,
            ),
            (
                "packages/client/src/index.ts",
                "export const connect = () => 1;\n",
            ),
            (
                "packages/client/src/hooks.ts",
                "export const useSession = () => 1;\n",
            ),
            (
                "packages/web/package.json",
                r#"{ "name": "web", "dependencies": { "client": "workspace:*" } }"#,
            ),
            (
                "packages/web/src/main.ts",
                "import { useSession } from 'client/src/hooks';\nimport { connect } from 'client/src/index';\n",
            ),
        ],
        CONFIG,
    );
    let found: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == "package-privacy")
        .collect();
    assert_eq!(found.len(), 2, "{:?}", checked.of("package-privacy"));
    assert!(
        found[0].edit.is_none(),
        "`useSession` is not exported by the root"
    );
    assert!(
        found
            .iter()
            .all(|d| d.fix.iter().all(|s| !s.contains("client/package.json")))
    );
    let edit = found[1]
        .edit
        .as_ref()
        .expect("`connect` is exported by the root");
    assert_eq!(edit.replacements[0].text, "'client'");
}

/// A subpath with no file behind it is unresolved-import's finding: the import is
/// reported once, with that rule's advice, not also as a reach into internals.
#[test]
fn a_subpath_that_resolves_to_nothing_is_reported_once() {
    let checked = check(
        &workspace(&[(
            "packages/reports/src/index.ts",
            "import { useChat } from '@acme/billing/react';\nimport { key } from '@acme/billing/src/secret/key';\nimport { k } from '@acme/billing/secret/key';\n",
        )]),
        "[rules]\nmax-file-lines = \"off\"\nunresolved-import = \"warn\"\n",
    );
    assert_eq!(
        checked.of("unresolved-import"),
        [
            "packages/reports/src/index.ts:1 `@acme/billing/react` in packages/reports/src/index.ts does not resolve: @acme/billing has no file at ./react"
        ]
    );
    assert_eq!(
        checked.of("package-privacy"),
        [
            "packages/reports/src/index.ts:2 packages/reports/src/index.ts imports `@acme/billing/src/secret/key`, which reaches into @acme/billing: ./src/secret/key is not one of its public entry points",
            "packages/reports/src/index.ts:3 packages/reports/src/index.ts imports `@acme/billing/secret/key`, which reaches into @acme/billing: its package.json `exports` map sets ./secret/key to null, which makes it private",
        ]
    );
}

mod scope;
