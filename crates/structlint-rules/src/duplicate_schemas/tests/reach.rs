//! A copy is reported only where it can import its canonical definition.

use structlint_core::Severity;

use crate::shared::testing::check;

const OPTIONS: &str = "export interface PanelOptions { open?: boolean; position?: 'top' | 'bottom'; nonce?: string }\n";

/// `@kit/core`; `@kit/react` and `@kit/solid` each depend on it and not on each other;
/// `@kit/app` depends on `@kit/react` only.
fn adapters(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut files = vec![
        ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
        (
            "packages/core/package.json",
            r#"{ "name": "@kit/core", "exports": { ".": "./src/index.ts" } }"#,
        ),
        ("packages/core/src/index.ts", "export const core = 1;\n"),
        (
            "packages/react/package.json",
            r#"{ "name": "@kit/react", "exports": { ".": "./src/index.ts" }, "dependencies": { "@kit/core": "workspace:*" } }"#,
        ),
        ("packages/react/src/index.ts", "export * from './panel';\n"),
        ("packages/react/src/panel.ts", OPTIONS),
        (
            "packages/solid/package.json",
            r#"{ "name": "@kit/solid", "dependencies": { "@kit/core": "workspace:*" } }"#,
        ),
        ("packages/solid/src/panel.ts", OPTIONS),
        (
            "packages/app/package.json",
            r#"{ "name": "@kit/app", "dependencies": { "@kit/react": "workspace:*" } }"#,
        ),
    ];
    files.extend_from_slice(extra);
    files
}

const PLAIN: &str = "[rules]\nmax-file-lines = \"off\"\n";

#[test]
fn sibling_packages_that_do_not_depend_on_each_other_are_not_told_to_import() {
    let checked = check(&adapters(&[]), PLAIN);
    assert_eq!(checked.of("duplicate-schemas"), Vec::<String>::new());
}

#[test]
fn unrelated_packages_can_be_shown_as_warnings() {
    let config = format!("{PLAIN}\n[rules.duplicate-schemas]\nunrelated-packages = true\n");
    let checked = check(&adapters(&[]), &config);
    assert_eq!(
        checked.of("duplicate-schemas"),
        [
            "packages/solid/src/panel.ts:1 Interface `PanelOptions` has the same shape as interface `PanelOptions` in packages/react/src/panel.ts, which this package does not depend on"
        ]
    );
    assert_eq!(
        checked.first("duplicate-schemas").severity,
        Severity::Warning
    );
}

#[test]
fn the_canonical_copy_is_the_one_the_others_can_import() {
    // By path, packages/app would come first; but app can import react's, not the reverse.
    let checked = check(&adapters(&[("packages/app/src/a.ts", OPTIONS)]), PLAIN);
    assert_eq!(
        checked.of("duplicate-schemas"),
        [
            "packages/app/src/a.ts:1 Interface `PanelOptions` has the same shape as interface `PanelOptions` in packages/react/src/panel.ts"
        ]
    );
    let d = checked.first("duplicate-schemas");
    assert_eq!(
        d.fix[0],
        r#"Delete the declaration and use the canonical one: `import type { PanelOptions } from "@kit/react";`."#
    );
}

#[test]
fn a_package_reached_only_through_another_is_declared_first() {
    let core = "export interface Limits { max: number; min: number; step: number }\n";
    let checked = check(
        &adapters(&[
            ("packages/core/src/index.ts", core),
            ("packages/app/src/limits.ts", core),
        ]),
        PLAIN,
    );
    let d = checked.first("duplicate-schemas");
    assert_eq!(
        d.fix[..2],
        [
            "Declare the dependency: add `@kit/core` to the dependencies of packages/app/package.json (today it is reached only through other packages).",
            r#"Delete the declaration and use the canonical one: `import type { Limits } from "@kit/core";`."#,
        ]
    );
}

#[test]
fn the_canonical_globs_name_where_shapes_live_even_without_a_dependency() {
    let config =
        format!("{PLAIN}\n[rules.duplicate-schemas]\ncanonical = [\"packages/solid/**\"]\n");
    let checked = check(&adapters(&[]), &config);
    assert_eq!(
        checked.of("duplicate-schemas"),
        [
            "packages/react/src/panel.ts:1 Interface `PanelOptions` has the same shape as interface `PanelOptions` in packages/solid/src/panel.ts"
        ]
    );
    let d = checked.first("duplicate-schemas");
    assert!(
        d.fix[0].starts_with("Declare the dependency: add `@kit/solid` to the dependencies of packages/react/package.json (the `canonical` globs name it"),
        "{:?}",
        d.fix
    );
}
