use crate::shared::testing::check;

#[test]
fn unresolved_workspace_imports_with_suggestions() {
    let checked = check(
        &[
            ("pnpm-workspace.yaml", "packages: [\"packages/*\"]\n"),
            (
                "packages/pay/package.json",
                r#"{ "name": "@acme/payments", "exports": { ".": "./src/index.ts" } }"#,
            ),
            (
                "packages/pay/src/index.ts",
                "import { x } from './invoice-servce';\nimport { y } from './nowhere/at/all';\nimport { z } from '@acme/payment';\nimport r from 'react';\nimport { q } from 'lodahs';\n",
            ),
            (
                "packages/pay/src/invoice-service.ts",
                "export const x = 1;\n",
            ),
        ],
        "[rules]\nmax-file-lines = \"off\"\n",
    );
    assert_eq!(
        checked.of("unresolved-import"),
        [
            "packages/pay/src/index.ts:1 `./invoice-servce` in packages/pay/src/index.ts does not resolve: no file matches ./invoice-servce from packages/pay/src (tried the extensions .ts .tsx .d.ts .js .jsx .mjs .cjs and index files)",
            "packages/pay/src/index.ts:2 `./nowhere/at/all` in packages/pay/src/index.ts does not resolve: no file matches ./nowhere/at/all from packages/pay/src (tried the extensions .ts .tsx .d.ts .js .jsx .mjs .cjs and index files)",
            "packages/pay/src/index.ts:3 `@acme/payment` in packages/pay/src/index.ts does not resolve: no workspace package is named `@acme/payment`",
        ]
    );
    let typo = checked.first("unresolved-import");
    assert_eq!(
        typo.fix[0],
        "Did you mean `./invoice-service`? Fix the path."
    );
    assert_eq!(
        typo.edit.as_ref().unwrap().replacements[0].text,
        "'./invoice-service'"
    );
    let package = &checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == "unresolved-import")
        .nth(2)
        .unwrap();
    assert_eq!(
        package.fix[0],
        "Did you mean the workspace package `@acme/payments`?"
    );
    assert!(
        package.edit.is_none(),
        "no edit: `@acme/payments` is the importer itself, and it does not export `z`"
    );
}

/// A subpath the exports map does not allow is fixed to the entry that exports the name,
/// never to `./package.json`, a data entry.
#[test]
fn a_missing_subpath_points_at_the_entry_that_exports_the_name() {
    let sdk = r#"{ "name": "sdk", "exports": { "./package.json": "./package.json", ".": "./src/index.ts" } }"#;
    let checked = check(
        &[
            ("pnpm-workspace.yaml", "packages: [\"packages/*\"]\n"),
            ("packages/sdk/package.json", sdk),
            ("packages/sdk/src/index.ts", "export function send() {}\n"),
            (
                "packages/app/package.json",
                r#"{ "name": "app", "dependencies": { "sdk": "*" } }"#,
            ),
            (
                "packages/app/src/main.ts",
                "import { useChat } from 'sdk/react';\nimport { send } from 'sdk/send';\n",
            ),
        ],
        "",
    );
    let found: Vec<&structlint_core::Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == "unresolved-import")
        .collect();
    assert_eq!(found.len(), 2);
    assert_eq!(
        found[0].fix[0],
        "No public entry of sdk (`sdk`) exports `useChat`: export it from one (and add that entry to the `exports` map of its package.json if it is a new subpath), or import what the package does export."
    );
    assert!(found[0].edit.is_none());
    assert_eq!(
        found[1].fix[0],
        "Import `send` from `sdk`, the public entry of sdk that exports it."
    );
    assert_eq!(
        found[1].edit.as_ref().unwrap().replacements[0].text,
        "'sdk'"
    );
}

/// `[resolve] external` names the modules a framework generates; setting it replaces the
/// default list.
#[test]
fn external_prefixes_are_configured() {
    let files = [
        (
            "src/+page.ts",
            "import type { PageLoad } from './$types';\nimport { routes } from './$houdini/routes';\n",
        ),
        ("src/lib.ts", "export const lib = 1;\n"),
    ];
    let unresolved = |config: &str| {
        check(
            &files,
            &format!("[rules]\nmax-file-lines = \"off\"\n{config}"),
        )
        .of("unresolved-import")
        .iter()
        .map(|f| f.split('`').nth(1).unwrap().to_string())
        .collect::<Vec<_>>()
    };
    assert_eq!(unresolved(""), ["./$houdini/routes"], "the default list");
    assert_eq!(
        unresolved("[resolve]\nexternal = [\"./$types\", \"./$houdini/\"]\n"),
        Vec::<String>::new(),
        "a prefix the user adds"
    );
    assert_eq!(
        unresolved("[resolve]\nexternal = [\"./$houdini/\"]\n"),
        ["./$types"],
        "the setting replaces the default"
    );
}

/// A file a script generates, which a nested `.gitignore` keeps out of the checkout, is
/// build output: no finding, one note for all such imports.
#[test]
fn gitignored_generated_files_are_noted_once() {
    let checked = check(
        &[
            ("www/.gitignore", "/src/companies.output.ts\n"),
            (
                "www/src/Companies.tsx",
                "import { companies } from './companies.output';\nexport const n = companies.length;\n",
            ),
            (
                "www/src/Logos.tsx",
                "import { companies } from './companies.output.js';\nimport { x } from './missing';\n",
            ),
        ],
        "[rules]\nmax-file-lines = \"off\"\n",
    );
    assert_eq!(
        checked.of("unresolved-import"),
        [
            "www/src/Logos.tsx:2 `./missing` in www/src/Logos.tsx does not resolve: no file matches ./missing from www/src (tried the extensions .ts .tsx .d.ts .js .jsx .mjs .cjs and index files)"
        ]
    );
    let notes: Vec<&String> = checked
        .notes
        .iter()
        .filter(|n| n.contains("build output"))
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("`./companies.output` and 1 more"),
        "{}",
        notes[0]
    );
}

/// Codemod inputs and playgrounds break imports on purpose, and tests import what the
/// runner provides: only source files are checked.
#[test]
fn tests_and_fixtures_are_not_checked() {
    let checked = check(
        &[
            ("src/a.ts", "import { x } from './missing';\n"),
            ("src/a.test.ts", "import { x } from './missing';\n"),
            (
                "transforms/__testfixtures__/basic.input.ts",
                "import { x } from './nowhere';\n",
            ),
            (
                "playground/alias/index.ts",
                "import { x } from './broken-on-purpose';\n",
            ),
        ],
        "[rules]\nmax-file-lines = \"off\"\n",
    );
    assert_eq!(checked.of("unresolved-import").len(), 1);
}
