use structlint_core::Severity;

use crate::shared::testing::check;

const CONFIG: &str = "[rules]\nmax-file-lines = \"off\"\nunresolved-import = \"off\"\n\n[rules.duplicate-schemas]\ncanonical = [\"packages/schemas/**\"]\n";

const INVOICE_SCHEMA: &str = r#"import { z } from "zod";
export const InvoiceSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  totalCents: z.number().int(),
  status: z.enum(["open", "paid"]),
});
"#;

fn workspace(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
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
            r#"{ "name": "@acme/reports", "dependencies": { "@acme/schemas": "workspace:*" } }"#,
        ),
    ];
    files.extend_from_slice(extra);
    files
}

#[test]
fn a_copied_interface_is_told_to_derive_its_type_from_the_canonical_zod_schema() {
    let copy = "export interface Invoice {\n  id: string;\n  status: 'paid' | 'open';\n  customer_id: string;\n  totalCents: number;\n}\n";
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
    assert!(
        d.fix[0].contains(r#"`import { InvoiceSchema } from "@acme/schemas";`"#),
        "{:?}",
        d.fix
    );
    assert!(
        d.fix[0].contains("`export type Invoice = z.infer<typeof InvoiceSchema>;`"),
        "{:?}",
        d.fix
    );
    assert_eq!(
        d.fix[1],
        "The shared fields: `id`, `status`, `customer_id`, `totalCents`."
    );
    assert_eq!(d.related[0].span.path, "packages/schemas/src/invoice.ts");
}

#[test]
fn copies_within_one_package_import_relatively_and_name_the_other_copies() {
    let zod = "import { z } from 'zod';\nconst LineSchema = z.object({ sku: z.string(), qty: z.number(), price: z.number() });\n";
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
    assert!(d.fix[0].starts_with(r#"Delete `LineSchema` and import the canonical schema: `import { LineSchema } from "../a";`"#), "{:?}", d.fix);
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
fn look_alikes_are_not_copies() {
    let files = workspace(&[
        // One field type differs.
        (
            "packages/reports/src/a.ts",
            "interface Invoice { id: string; customerId: string; totalCents: string; status: 'open' | 'paid' }\n",
        ),
        // Under min-fields.
        (
            "packages/reports/src/b.ts",
            "interface Point { x: number; y: number }\nconst P = z.object({ x: z.number(), y: z.number() });\n",
        ),
        // Partial: its other fields come from elsewhere.
        (
            "packages/reports/src/c.ts",
            "interface Invoice2 extends Base { id: string; customerId: string; totalCents: number; status: 'open' | 'paid' }\n",
        ),
        // A TS shape and a Rust shape never compare.
        (
            "crates/api/src/lib.rs",
            "#[derive(Serialize)]\nstruct Invoice { id: String, customer_id: String, total_cents: i64, status: Status }\n",
        ),
    ]);
    let checked = check(&files, CONFIG);
    assert_eq!(checked.of("duplicate-schemas"), Vec::<String>::new());
}

#[test]
fn subsets_and_supersets_of_a_canonical_schema_are_warnings_with_the_derivation() {
    let files = workspace(&[
        (
            "packages/reports/src/summary.ts",
            "import { z } from 'zod';\nexport const Summary = z.object({ id: z.string(), customerId: z.string(), status: z.enum(['paid', 'open']) });\n",
        ),
        (
            "packages/reports/src/row.ts",
            "export type Row = { id: string; customerId: string; totalCents: number; status: 'open' | 'paid'; dueAt: string };\n",
        ),
        (
            "packages/reports/src/pair.ts",
            "export interface Pair { id: string; customerId: string; totalCents: number }\n",
        ),
    ]);
    let checked = check(&files, CONFIG);
    assert_eq!(
        checked.of("duplicate-schemas"),
        [
            "packages/reports/src/pair.ts:1 Interface `Pair` repeats 3 of the 4 fields of `InvoiceSchema` in packages/schemas/src/invoice.ts",
            "packages/reports/src/row.ts:1 Type `Row` is `InvoiceSchema` from packages/schemas/src/invoice.ts plus 1 field",
            "packages/reports/src/summary.ts:2 Zod schema `Summary` repeats 3 of the 4 fields of `InvoiceSchema` in packages/schemas/src/invoice.ts",
        ]
    );
    let fixes: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.fix.last().unwrap().clone())
        .collect();
    assert_eq!(
        fixes,
        [
            r#"Derive the type: `export type Pair = Omit<z.infer<typeof InvoiceSchema>, "status">;` (with `import type { z } from "zod";`)."#,
            r#"Derive the type: `export type Row = z.infer<typeof InvoiceSchema> & { dueAt: string };` (with `import type { z } from "zod";`)."#,
            "Derive it from the canonical schema: `export const Summary = InvoiceSchema.omit({ totalCents: true });`.",
        ]
    );
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning)
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
fn serde_structs_copied_across_crates() {
    let text = "use serde::{Deserialize, Serialize};\n#[derive(Debug, Serialize, Deserialize)]\npub struct Money {\n    pub amount_cents: i64,\n    pub currency: String,\n    pub note: Option<String>,\n}\n";
    let copy = text.replace("Money", "Price");
    let checked = check(
        &[
            ("crates/a/src/money.rs", text),
            ("crates/b/src/price.rs", &copy),
        ],
        "",
    );
    assert_eq!(
        checked.of("duplicate-schemas"),
        [
            "crates/b/src/price.rs:3 Struct `Price` has the same shape as struct `Money` in crates/a/src/money.rs"
        ]
    );
    let d = checked.first("duplicate-schemas");
    assert!(
        d.fix[0]
            .starts_with("Delete this struct and `use` `Money` from crates/a/src/money.rs instead"),
        "{:?}",
        d.fix
    );
    assert!(
        d.fix[0].contains("`pub type Price = Money;`"),
        "{:?}",
        d.fix
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
