use crate::shared::testing::check;

const CONFIG: &str = r#"
[rules]
max-file-lines = "off"

[[layers]]
name = "domain"
modules = "packages/*/src"
order = ["types", "config", "repo", "service", "runtime", "ui"]
cross-cutting = ["providers"]
forbid = [{ from = "ui", to = "repo" }, { from = "packages/reports/**", to = "packages/billing/src/repo/**" }]
"#;

fn files(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut files = vec![
        ("pnpm-workspace.yaml", "packages: [\"packages/*\"]\n"),
        (
            "packages/billing/package.json",
            r#"{ "name": "@acme/billing" }"#,
        ),
        (
            "packages/billing/src/index.ts",
            "export { getInvoice } from './service/invoices';\nexport * from './types/invoice';\n",
        ),
        (
            "packages/billing/src/types/invoice.ts",
            "export interface Invoice {}\n",
        ),
        (
            "packages/billing/src/config/env.ts",
            "export const url = '';\n",
        ),
        (
            "packages/billing/src/repo/db.ts",
            "import type { Invoice } from '../types/invoice';\nimport { url } from '../config/env';\nimport { clock } from '../providers/clock';\nexport const query = 1;\n",
        ),
        (
            "packages/billing/src/service/invoices.ts",
            "import { query } from '../repo/db';\nexport function getInvoice() {}\n",
        ),
        (
            "packages/billing/src/providers/clock.ts",
            "import type { Invoice } from '../types/invoice';\nexport const clock = 1;\n",
        ),
    ];
    files.extend_from_slice(extra);
    files
}

#[test]
fn downward_same_layer_and_cross_cutting_imports_are_fine() {
    let checked = check(
        &files(&[(
            "packages/billing/src/ui/Table.tsx",
            "import { getInvoice } from '../service/invoices';\nimport { clock } from '../providers/clock';\n",
        )]),
        CONFIG,
    );
    assert_eq!(checked.of("layers"), Vec::<String>::new());
}

#[test]
fn upward_imports_show_the_stack_and_the_fixes() {
    let checked = check(
        &files(&[(
            "packages/billing/src/repo/cache.ts",
            "import { getInvoice } from '../service/invoices';\n",
        )]),
        CONFIG,
    );
    assert_eq!(
        checked.of("layers"),
        [
            "packages/billing/src/repo/cache.ts:1 packages/billing/src/repo/cache.ts (repo layer) imports packages/billing/src/service/invoices.ts (service layer), a layer above it"
        ]
    );
    let d = checked.first("layers");
    assert_eq!(d.label.as_deref(), Some("service is above repo"));
    assert_eq!(
        d.why.lines().skip(1).collect::<Vec<_>>(),
        [
            "Layers of `domain`, top first (a layer may use those below it):",
            "  ui",
            "  runtime",
            "  service        <- imported: packages/billing/src/service/invoices.ts",
            "  repo           <- importer: packages/billing/src/repo/cache.ts",
            "  config",
            "  types",
            "  providers (cross-cutting)",
        ]
    );
    assert!(d.fix[0].starts_with("Move what packages/billing/src/repo/cache.ts needs from packages/billing/src/service/invoices.ts down to a layer it may use (repo, config, types, providers), e.g. into packages/billing/src/types/"), "{:#?}", d.fix);
    assert!(d.fix[1].starts_with("Or invert the dependency: declare an interface for it in a lower layer (providers), implement it in service"), "{:#?}", d.fix);
}

#[test]
fn forbidden_edges_name_the_module_that_wraps_the_target() {
    let checked = check(
        &files(&[(
            "packages/billing/src/ui/Table.tsx",
            "import { query } from '../repo/db';\n",
        )]),
        CONFIG,
    );
    let d = checked.first("layers");
    assert_eq!(
        d.summary,
        "packages/billing/src/ui/Table.tsx (ui layer) imports packages/billing/src/repo/db.ts (repo layer): the layers config forbids ui → repo"
    );
    assert_eq!(
        d.fix[0],
        "Call the module that already wraps it: packages/billing/src/service/invoices.ts imports packages/billing/src/repo/db.ts and exports `getInvoice`; use that instead."
    );
}

#[test]
fn providers_may_use_only_the_lowest_layers_and_type_only_can_be_allowed() {
    let provider = [(
        "packages/billing/src/providers/retry.ts",
        "import type { Invoice } from '../types/invoice';\nimport { query } from '../repo/db';\n",
    )];
    let checked = check(&files(&provider), CONFIG);
    assert_eq!(
        checked.of("layers"),
        [
            "packages/billing/src/providers/retry.ts:2 packages/billing/src/providers/retry.ts (providers layer) imports packages/billing/src/repo/db.ts (repo layer), a layer above it"
        ]
    );
    let upward_type = [(
        "packages/billing/src/types/extra.ts",
        "import type { Invoice } from '../service/invoices';\n",
    )];
    assert_eq!(
        check(&files(&upward_type), CONFIG).of("layers").len(),
        1,
        "type-only imports are checked by default"
    );
    let allow = CONFIG.replace(
        "cross-cutting = [\"providers\"]",
        "cross-cutting = [\"providers\"]\nallow-type-only = true",
    );
    assert!(check(&files(&upward_type), &allow).of("layers").is_empty());
}

#[test]
fn the_own_entry_and_glob_forbids() {
    let checked = check(
        &files(&[
            (
                "packages/billing/src/ui/Summary.tsx",
                "import { getInvoice } from '../index';\n",
            ),
            (
                "packages/reports/package.json",
                r#"{ "name": "@acme/reports" }"#,
            ),
            (
                "packages/reports/src/index.ts",
                "import { query } from '../../billing/src/repo/db';\n",
            ),
        ]),
        CONFIG,
    );
    assert_eq!(
        checked.of("layers"),
        [
            "packages/billing/src/ui/Summary.tsx:1 packages/billing/src/ui/Summary.tsx (ui layer) imports packages/billing/src/index.ts, its own package's entry, which sits above every layer",
            "packages/reports/src/index.ts:1 packages/reports/src/index.ts imports packages/billing/src/repo/db.ts (repo layer): the layers config forbids packages/reports/** → packages/billing/src/repo/**",
        ]
    );
    assert_eq!(
        checked.first("layers").fix[0],
        "Import from the module that defines it instead: `getInvoice` from '../service/invoices'."
    );
}

#[test]
fn bad_layer_configs_are_config_errors() {
    let bad = |stack: &str| {
        let text = format!("[[layers]]\n{stack}\n");
        structlint_core::Config::parse(
            std::path::Path::new("structlint.toml"),
            &text,
            crate::builtin(),
        )
        .err()
        .map(|e| e.message)
        .unwrap_or_default()
    };
    assert!(
        bad("name = \"d\"\nmodules = \"src\"\norder = []")
            .contains("`order` must name at least one layer")
    );
    assert!(
        bad("name = \"d\"\nmodules = \"src\"\norder = [\"a\", \"a\"]")
            .contains("`a` is listed twice")
    );
    assert!(
        bad("name = \"d\"\nmodules = \"src[\"\norder = [\"a\"]").contains("invalid glob `src[`")
    );
    assert!(
        bad("name = \"d\"\nmodules = \"src\"\norder = [\"a\"]\ncross-cutting-may-use = [\"b\"]")
            .contains("names `b`, which is not in `order`")
    );
    assert!(
        bad("name = \"d\"\nmodules = \"src\"\norder = [\"a\"]\nlayers = 1")
            .contains("unknown field `layers`")
    );
}

/// `service.ts` beside `service/` re-exports the folder: it is the service layer's barrel, so
/// the runtime layer may import it (and repo may not), even when the package exports it.
#[test]
fn a_file_named_after_a_layer_folder_is_that_layers_barrel() {
    let checked = check(
        &files(&[
            (
                "packages/billing/package.json",
                r#"{ "name": "@acme/billing", "exports": { "./service": "./src/service.ts", "./runtime/server": "./src/runtime/server.ts", ".": "./src/ui/index.ts" } }"#,
            ),
            (
                "packages/billing/src/service.ts",
                "export * from './service/invoices';\n",
            ),
            (
                "packages/billing/src/runtime/app.ts",
                "import { getInvoice } from '../service';\n",
            ),
            (
                "packages/billing/src/repo/cache.ts",
                "import { getInvoice } from '../service';\n",
            ),
        ]),
        CONFIG,
    );
    assert_eq!(
        checked.of("layers"),
        [
            "packages/billing/src/repo/cache.ts:1 packages/billing/src/repo/cache.ts (repo layer) imports packages/billing/src/service.ts (service layer), a layer above it"
        ]
    );
}

/// trpc exports `src/http.ts` (`export * from './@trpc/server/http'`) as `./http`, and its
/// adapters import it: an entry for a subpath outside the layer folders sits as high as what
/// it imports, not above every layer. The main entry still does.
#[test]
fn a_subpath_entry_sits_as_high_as_what_it_imports() {
    let checked = check(
        &files(&[
            (
                "packages/billing/package.json",
                r#"{ "name": "@acme/billing", "exports": { ".": "./src/index.ts", "./http": "./src/http.ts", "./widgets": "./src/widgets.ts", "./all": "./src/all.ts" } }"#,
            ),
            (
                "packages/billing/src/http.ts",
                "export * from './service/invoices';\n",
            ),
            (
                "packages/billing/src/widgets.ts",
                "export * from './ui/Table';\n",
            ),
            (
                "packages/billing/src/all.ts",
                "export * from './http';\nexport * from './widgets';\n",
            ),
            (
                "packages/billing/src/ui/Table.tsx",
                "export const Table = 1;\n",
            ),
            (
                "packages/billing/src/runtime/server.ts",
                "import { getInvoice } from '../http';\n",
            ),
            (
                "packages/billing/src/runtime/render.ts",
                "import { Table } from '../all';\n",
            ),
            (
                "packages/billing/src/ui/Page.tsx",
                "import { getInvoice } from '../http';\nimport { Table } from '../widgets';\nimport { x } from '../index';\n",
            ),
        ]),
        CONFIG,
    );
    assert_eq!(
        checked.of("layers"),
        [
            "packages/billing/src/runtime/render.ts:1 packages/billing/src/runtime/render.ts (runtime layer) imports packages/billing/src/all.ts, an entry of its own package that imports the ui layer, above it",
            "packages/billing/src/ui/Page.tsx:3 packages/billing/src/ui/Page.tsx (ui layer) imports packages/billing/src/index.ts, its own package's entry, which sits above every layer",
        ]
    );
}
