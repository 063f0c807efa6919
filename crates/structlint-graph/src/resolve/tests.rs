use structlint_core::WorkspaceContext;
use structlint_core::test_support::workspace;

use super::*;
use crate::packages::Packages;

fn monorepo() -> (tempfile::TempDir, WorkspaceContext) {
    workspace(&[
        ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
        (
            "tsconfig.base.json",
            r#"{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["apps/web/src/*"] } } }"#,
        ),
        (
            "apps/web/tsconfig.json",
            r#"{ "extends": "../../tsconfig.base.json" }"#,
        ),
        ("apps/web/src/app.ts", ""),
        ("apps/web/src/util.ts", ""),
        (
            "packages/billing/package.json",
            r#"{ "name": "@acme/billing", "exports": {
            ".": { "types": "./dist/index.d.ts", "import": "./dist/index.js" },
            "./ui": "./dist/ui/index.js",
            "./legacy/*": "./dist/legacy/*.js",
            "./internal/*": null } }"#,
        ),
        (
            "packages/billing/tsconfig.json",
            r#"{ "extends": "../../tsconfig.base.json", "compilerOptions": { "outDir": "out", "rootDir": "src" } }"#,
        ),
        ("packages/billing/src/index.ts", ""),
        ("packages/billing/src/esm.ts", ""),
        ("packages/billing/src/types.d.ts", ""),
        ("packages/billing/src/ui/index.ts", ""),
        ("packages/billing/src/legacy/Grid.jsx", ""),
        ("packages/billing/src/internal/db.ts", ""),
        ("packages/billing/src/service/a.ts", ""),
        (
            "packages/schemas/package.json",
            r#"{ "name": "@acme/schemas", "main": "./lib/index.js", "types": "./lib/index.d.ts" }"#,
        ),
        ("packages/schemas/src/index.ts", ""),
        ("packages/schemas/src/invoice.ts", ""),
        (
            "packages/plain/package.json",
            r#"{ "name": "@acme/plain" }"#,
        ),
        ("packages/plain/src/index.tsx", ""),
        (
            "packages/raw/package.json",
            r#"{ "name": "@acme/raw", "exports": "./src/main.ts" }"#,
        ),
        ("packages/raw/src/main.ts", ""),
    ])
}

fn show(r: Resolution) -> String {
    let target = match r.target {
        Target::File(f) => f,
        Target::External(p) => format!("external {p}"),
        Target::Asset(f) => format!("asset {f}"),
        Target::BuildOutput(f) => format!("build output {f}"),
        Target::Unresolved(why) => format!("unresolved: {why}"),
    };
    let via = match r.via {
        Via::Relative => "relative".to_string(),
        Via::Alias => "alias".to_string(),
        Via::Bare => "bare".to_string(),
        Via::Package {
            subpath, access, ..
        } => format!("package {subpath} {access:?}"),
    };
    format!("{target} ({via})")
}

#[test]
fn relative_specifiers_with_extensions_index_files_and_esm_js() {
    let (_d, cx) = monorepo();
    let packages = Packages::discover(&cx);
    let r = Resolver::new(&cx, &packages);
    let from = "packages/billing/src/index.ts";
    assert_eq!(
        show(r.resolve(from, "./service/a")),
        "packages/billing/src/service/a.ts (relative)"
    );
    assert_eq!(
        show(r.resolve(from, "./esm.js")),
        "packages/billing/src/esm.ts (relative)"
    );
    assert_eq!(
        show(r.resolve(from, "./ui")),
        "packages/billing/src/ui/index.ts (relative)"
    );
    assert_eq!(
        show(r.resolve(from, "./types")),
        "packages/billing/src/types.d.ts (relative)"
    );
    assert_eq!(
        show(r.resolve("packages/billing/src/ui/index.ts", "../legacy/Grid")),
        "packages/billing/src/legacy/Grid.jsx (relative)"
    );
    assert!(
        show(r.resolve(from, "./missing"))
            .starts_with("unresolved: no file matches ./missing from packages/billing/src")
    );
}

#[test]
fn workspace_packages_through_exports_main_or_src_index() {
    let (_d, cx) = monorepo();
    let packages = Packages::discover(&cx);
    let r = Resolver::new(&cx, &packages);
    let from = "apps/web/src/app.ts";
    assert_eq!(
        show(r.resolve(from, "@acme/billing")),
        r#"packages/billing/src/index.ts (package . Public("."))"#
    );
    assert_eq!(
        show(r.resolve(from, "@acme/billing/ui")),
        r#"packages/billing/src/ui/index.ts (package ./ui Public("./ui"))"#
    );
    assert_eq!(
        show(r.resolve(from, "@acme/billing/legacy/Grid")),
        r#"packages/billing/src/legacy/Grid.jsx (package ./legacy/Grid Public("./legacy/*"))"#
    );
    assert_eq!(
        show(r.resolve(from, "@acme/billing/src/internal/db")),
        "packages/billing/src/internal/db.ts (package ./src/internal/db Internal)"
    );
    assert_eq!(
        show(r.resolve(from, "@acme/billing/internal/db")),
        "unresolved: @acme/billing has no file at ./internal/db (package ./internal/db Blocked)"
    );
    assert_eq!(
        show(r.resolve(from, "@acme/schemas")),
        r#"packages/schemas/src/index.ts (package . Public("."))"#,
        "main/types mapped back to src"
    );
    assert_eq!(
        show(r.resolve(from, "@acme/schemas/src/invoice")),
        "packages/schemas/src/invoice.ts (package ./src/invoice Internal)"
    );
    assert_eq!(
        show(r.resolve(from, "@acme/plain")),
        r#"packages/plain/src/index.tsx (package . Public("."))"#
    );
    assert_eq!(
        show(r.resolve(from, "@acme/raw")),
        r#"packages/raw/src/main.ts (package . Public("."))"#
    );
}

#[test]
fn aliases_externals_and_workspace_looking_names() {
    let (_d, cx) = monorepo();
    let packages = Packages::discover(&cx);
    let r = Resolver::new(&cx, &packages);
    let from = "apps/web/src/app.ts";
    assert_eq!(
        show(r.resolve(from, "@app/util")),
        "apps/web/src/util.ts (alias)"
    );
    assert_eq!(
        show(r.resolve(from, "apps/web/src/util")),
        "apps/web/src/util.ts (alias)",
        "baseUrl"
    );
    assert_eq!(
        show(r.resolve(from, "@app/missing")),
        "unresolved: tsconfig `paths` map it to apps/web/src/missing, and no such file exists (alias)"
    );
    assert_eq!(show(r.resolve(from, "react")), "external react (bare)");
    assert_eq!(
        show(r.resolve(from, "react-dom/client")),
        "external react-dom (bare)"
    );
    assert_eq!(show(r.resolve(from, "node:fs")), "external node:fs (bare)");
    assert_eq!(
        show(r.resolve(from, "@types/node")),
        "external @types/node (bare)"
    );
    assert_eq!(
        show(r.resolve(from, "@acme/nope")),
        "external @acme/nope (bare)",
        "an npm package in the workspace's scope is still an npm package"
    );
    assert_eq!(
        show(r.resolve(from, "@acme/schema")),
        "unresolved: no workspace package is named `@acme/schema` (bare)",
        "an undeclared near-typo of a workspace package"
    );
}

/// A web app's imports that are not TypeScript modules: a stylesheet and an image beside it,
/// a file only on disk (gitignored), and its own build output.
#[test]
fn stylesheets_images_and_build_output_resolve_without_being_modules() {
    let (dir, cx) = workspace(&[
        ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
        ("packages/web/package.json", r#"{ "name": "@shop/web" }"#),
        ("packages/web/src/main.tsx", ""),
        ("packages/web/src/main.module.scss", ""),
        ("packages/web/src/assets/logo.svg", ""),
        (
            "packages/kit/package.json",
            r#"{ "name": "@shop/kit", "exports": { ".": "./src/index.ts", "./style.css": "./dist/style.css" } }"#,
        ),
        ("packages/kit/src/index.ts", ""),
        ("packages/kit/src/button.ts", ""),
    ]);
    std::fs::write(dir.path().join("packages/web/src/env.generated.json"), "{}").unwrap();
    let packages = Packages::discover(&cx);
    let r = Resolver::new(&cx, &packages);
    let from = "packages/web/src/main.tsx";
    assert_eq!(
        show(r.resolve(from, "./main.module.scss")),
        "asset packages/web/src/main.module.scss (relative)"
    );
    assert_eq!(
        show(r.resolve(from, "./assets/logo.svg")),
        "asset packages/web/src/assets/logo.svg (relative)"
    );
    assert_eq!(
        show(r.resolve(from, "./env.generated.json")),
        "asset packages/web/src/env.generated.json (relative)",
        "on disk though not in the index"
    );
    assert_eq!(
        show(r.resolve(from, "../dist/index.js")),
        "build output packages/web/dist/index.js (relative)",
        "no source behind it"
    );
    assert_eq!(
        show(r.resolve(from, "../../kit/dist/button.js")),
        "packages/kit/src/button.ts (relative)",
        "built output maps back to the source it is built from"
    );
    assert_eq!(
        show(r.resolve(from, "@shop/kit/style.css")),
        "build output packages/kit/dist/style.css (package ./style.css Public(\"./style.css\"))",
        "an exported stylesheet the build writes"
    );
    assert!(
        show(r.resolve(from, "./missing.scss")).starts_with("unresolved"),
        "a file that is nowhere is still unresolved"
    );
    assert!(show(r.resolve(from, "./lib/util")).starts_with("unresolved"));
    for generated in [
        "./$types",
        "$app/stores",
        "astro:content",
        "virtual:pwa",
        "/src/main.ts",
    ] {
        assert_eq!(
            show(r.resolve(from, generated)),
            format!("external {generated} (bare)"),
            "generated by a framework or served by the dev server"
        );
    }
    assert_eq!(
        show(r.resolve(from, "./main.module.scss?inline")),
        "asset packages/web/src/main.module.scss (relative)",
        "a bundler's query names how to load the file"
    );
}

/// An unscoped npm package one edit away from an unscoped workspace package is still npm.
#[test]
fn unscoped_npm_names_near_a_workspace_package_are_external() {
    let (_dir, cx) = workspace(&[
        ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
        ("packages/vite/package.json", r#"{ "name": "vite" }"#),
        ("packages/vite/src/index.ts", ""),
        ("packages/app/package.json", r#"{ "name": "app" }"#),
        ("packages/app/src/a.test.ts", ""),
    ]);
    let packages = Packages::discover(&cx);
    let r = Resolver::new(&cx, &packages);
    assert_eq!(
        show(r.resolve("packages/app/src/a.test.ts", "vitest")),
        "external vitest (bare)"
    );
}

#[test]
fn package_names_split_from_subpaths() {
    assert_eq!(split_package("@a/b/c/d"), ("@a/b", "./c/d".to_string()));
    assert_eq!(split_package("@a/b"), ("@a/b", ".".to_string()));
    assert_eq!(split_package("lodash/get"), ("lodash", "./get".to_string()));
    assert_eq!(split_package("lodash"), ("lodash", ".".to_string()));
}

/// A file a script generates and `.gitignore` keeps out of the checkout (a nested one here) is
/// build output; a mistyped import is still unresolved, even where every `*.js` is ignored.
#[test]
fn gitignored_files_are_build_output() {
    let (_dir, cx) = workspace(&[
        (".gitignore", "*.js\n/src/gen/\n"),
        (
            "tsconfig.json",
            r##"{ "compilerOptions": { "paths": { "#gen/*": ["./src/gen/*"] } } }"##,
        ),
        ("www/.gitignore", "/src/data.output.ts\n"),
        ("www/src/page.tsx", ""),
        ("www/src/widget.ts", ""),
        ("src/app.ts", ""),
    ]);
    let packages = Packages::discover(&cx);
    let r = Resolver::new(&cx, &packages);
    let from = "www/src/page.tsx";
    assert_eq!(
        show(r.resolve(from, "./data.output")),
        "build output www/src/data.output.ts (relative)"
    );
    assert_eq!(
        show(r.resolve(from, "./data.output.js")),
        "build output www/src/data.output.ts (relative)",
        "`.js` written for the generated `.ts`"
    );
    assert_eq!(
        show(r.resolve("src/app.ts", "./gen/client")),
        "build output src/gen/client.ts (relative)",
        "a file in an ignored folder"
    );
    assert_eq!(
        show(r.resolve("src/app.ts", "#gen/client")),
        "build output src/gen/client.ts (alias)"
    );
    for typo in ["./widgte", "./widgte.js"] {
        assert!(
            show(r.resolve(from, typo)).starts_with("unresolved"),
            "{typo}: `*.js` is ignored, which says nothing of a typo"
        );
    }
}
