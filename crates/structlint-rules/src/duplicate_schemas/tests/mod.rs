//! The rule on small workspaces: what is a copy (exactly), who may be told to import what,
//! and the advice.

mod near;
mod reach;
mod rust;
mod shapes;

use structlint_core::Severity;

use crate::shared::testing::check;

pub(super) const CONFIG: &str = "[rules]\nmax-file-lines = \"off\"\nunresolved-import = \"off\"\n\n[rules.duplicate-schemas]\ncanonical = [\"packages/schemas/**\"]\n";

pub(super) const INVOICE_SCHEMA: &str = r#"import { z } from "zod";
export const InvoiceSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  totalCents: z.number().int(),
  status: z.enum(["open", "paid"]),
});
"#;

/// `@acme/schemas` with the invoice schema, and `@acme/reports`, which depends on it and on
/// zod.
pub(super) fn workspace(
    extra: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    let mut files = vec![
        ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
        (
            "packages/schemas/package.json",
            r#"{ "name": "@acme/schemas", "exports": { ".": "./src/index.ts" } }"#,
        ),
        (
            "packages/schemas/src/index.ts",
            "export * from './invoice';\n",
        ),
        ("packages/schemas/src/invoice.ts", INVOICE_SCHEMA),
        (
            "packages/reports/package.json",
            r#"{ "name": "@acme/reports", "dependencies": { "@acme/schemas": "workspace:*", "zod": "^3" } }"#,
        ),
    ];
    files.extend_from_slice(extra);
    files
}

#[test]
fn a_copied_interface_is_told_to_derive_its_type_from_the_canonical_zod_schema() {
    let copy = "export interface Invoice {\n  id: string;\n  status: 'paid' | 'open';\n  customerId: string;\n  totalCents: number;\n}\n";
    let checked = check(
        &workspace(&[("packages/reports/src/invoice.ts", copy)]),
        CONFIG,
    );
    assert_eq!(
        checked.of("duplicate-schemas"),
        [
            "packages/reports/src/invoice.ts:1 Interface `Invoice` has the same shape as zod schema `InvoiceSchema` in packages/schemas/src/invoice.ts"
        ]
    );
    let d = checked.first("duplicate-schemas");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        d.fix,
        [
            r#"Replace the declaration with the type derived from the schema: `import type { InvoiceSchema } from "@acme/schemas";` and `import type { z } from "zod";`, then `export type Invoice = z.infer<typeof InvoiceSchema>;`."#,
            "The shared fields: `id`, `status`, `customerId`, `totalCents`.",
        ]
    );
    assert_eq!(d.related[0].span.path, "packages/schemas/src/invoice.ts");
}

#[test]
fn the_type_a_schema_module_infers_is_imported_as_it_is() {
    let schema = "import { z } from \"zod\";\nexport const InvoiceSchema = z.object({ id: z.string(), customerId: z.string(), totalCents: z.number() });\nexport type Invoice = z.infer<typeof InvoiceSchema>;\n";
    let mut files = workspace(&[(
        "packages/reports/src/row.ts",
        "interface Row { id: string; customerId: string; totalCents: number }\n",
    )]);
    files[3].1 = schema;
    let checked = check(&files, CONFIG);
    let d = checked.first("duplicate-schemas");
    assert_eq!(
        d.fix[0],
        r#"Delete the declaration and use the type inferred from the schema: `import type { Invoice } from "@acme/schemas";` (or `type Row = Invoice;` to keep the name while callers move)."#
    );
}

#[test]
fn copies_within_one_package_import_relatively_and_name_the_other_copies() {
    let zod = "import { z } from 'zod';\nexport const LineSchema = z.object({ sku: z.string(), qty: z.number(), price: z.number() });\n";
    let files = [
        ("packages/app/src/a.ts", zod),
        ("packages/app/src/b/c.ts", zod),
        ("packages/app/src/d.ts", zod),
    ];
    let checked = check(&files, "[rules]\nmax-file-lines = \"off\"\n");
    assert_eq!(
        checked.of("duplicate-schemas"),
        [
            "packages/app/src/b/c.ts:2 Zod schema `LineSchema` has the same shape as zod schema `LineSchema` in packages/app/src/a.ts",
            "packages/app/src/d.ts:2 Zod schema `LineSchema` has the same shape as zod schema `LineSchema` in packages/app/src/a.ts",
        ]
    );
    let d = checked.first("duplicate-schemas");
    assert_eq!(
        d.fix[0],
        r#"Delete `LineSchema` and use the canonical schema: `import { LineSchema } from "../a";`, then use `LineSchema` where `LineSchema` was used."#
    );
    let labels: Vec<&str> = d.related.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "canonical definition `LineSchema`",
            "another copy, `LineSchema`"
        ]
    );
}

#[test]
fn a_canonical_definition_its_own_file_does_not_export_is_exported_first() {
    let text = "interface Point3 { x: number; y: number; z: number }\n";
    let checked = check(
        &[("src/a.ts", text), ("src/b.ts", text)],
        "[rules]\nmax-file-lines = \"off\"\n",
    );
    let d = checked.first("duplicate-schemas");
    assert_eq!(
        d.fix[..2],
        [
            "`Point3` is not exported from src/a.ts yet: add `export { Point3 };` to src/a.ts.",
            r#"Delete the declaration and use the canonical one: `import type { Point3 } from "./a";`."#,
        ]
    );
}

#[test]
fn a_canonical_schema_not_exported_by_its_package_says_to_export_it_first() {
    let mut files = workspace(&[(
        "packages/reports/src/x.ts",
        "interface Invoice { id: string; customerId: string; totalCents: number; status: 'open' | 'paid' }\n",
    )]);
    files[2] = (
        "packages/schemas/src/index.ts",
        "export const unrelated = 1;\n",
    );
    let checked = check(&files, CONFIG);
    let d = checked.first("duplicate-schemas");
    assert_eq!(
        d.fix[0],
        r#"`InvoiceSchema` is not exported by @acme/schemas's public entry yet: add `export { InvoiceSchema } from "./invoice";` to packages/schemas/src/index.ts."#
    );
}

#[test]
fn bad_options_are_config_errors() {
    let config = |body: &str| format!("[rules.duplicate-schemas]\n{body}\n");
    for (body, message) in [
        ("min-fields = 0", "`min-fields` must be at least 1"),
        ("canonical = [\"a/{b\"]", "invalid glob `a/{b`"),
    ] {
        let path = tempfile::tempdir().unwrap();
        let file = path.path().join("structlint.toml");
        std::fs::write(&file, config(body)).unwrap();
        let error = structlint_core::Config::load(&file, crate::builtin())
            .err()
            .expect("an error");
        assert!(error.message.contains(message), "{}", error.message);
    }
}

/// The `import …;` lines a finding tells to write.
fn import_lines(d: &structlint_core::Diagnostic) -> Vec<String> {
    d.fix
        .iter()
        .flat_map(|step| step.split('`'))
        .filter(|code| code.starts_with("import ") && !code.contains("\"zod\""))
        .map(str::to_string)
        .collect()
}

// The advice, applied: each import it names resolves, through a public entry, from the file
// of the copy.
#[test]
fn the_imports_the_advice_names_resolve_where_the_copy_is() {
    let copies = [
        (
            "packages/reports/src/a.ts",
            "export interface Invoice { id: string; customerId: string; totalCents: number; status: 'open' | 'paid' }\n",
        ),
        (
            "packages/reports/src/b.ts",
            "export interface Pair { id: string; customerId: string; totalCents: number }\n",
        ),
        (
            "packages/reports/src/c.ts",
            "export interface Point3 { x: number; y: number; z: number }\n",
        ),
        (
            "packages/reports/src/d/e.ts",
            "export interface Point3 { x: number; y: number; z: number }\n",
        ),
    ];
    let checked = check(&workspace(&copies), CONFIG);
    let mut applied: Vec<(&str, String)> =
        copies.iter().map(|(p, t)| (*p, t.to_string())).collect();
    let mut lines = 0;
    for d in checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == "duplicate-schemas")
    {
        let at = applied.iter_mut().find(|(p, _)| *p == d.span.path).unwrap();
        for line in import_lines(d) {
            at.1 = format!("{line}\n{}", at.1);
            lines += 1;
        }
    }
    assert_eq!(lines, 3, "{:#?}", checked.diagnostics);
    let mut files = workspace(&[]);
    files.extend(applied.iter().map(|(p, t)| (*p, t.as_str())));
    let strict = "[rules]\nmax-file-lines = \"off\"\nunresolved-import = \"error\"\n";
    let after = check(&files, strict);
    let problems: Vec<&str> = after
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.rule.split('/').next(),
                Some("unresolved-import" | "package-privacy")
            )
        })
        .map(|d| d.summary.as_str())
        .collect();
    assert_eq!(problems, Vec::<&str>::new());
}
