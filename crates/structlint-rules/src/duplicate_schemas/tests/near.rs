//! Near copies of canonical schemas: warnings whose derivation compiles where the copy is.

use structlint_core::Severity;

use super::{CONFIG, workspace};
use crate::shared::testing::check;

fn last_steps(files: &[(&str, &str)], config: &str) -> Vec<String> {
    check(files, config)
        .diagnostics
        .iter()
        .filter(|d| d.rule == "duplicate-schemas")
        .map(|d| d.fix.last().unwrap().to_string())
        .collect()
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
    assert_eq!(
        last_steps(&files, CONFIG),
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

// Keys compare as written: `customer_id` is no field of the canonical schema, so a shape with
// it is no subset, and no `Pick<…, "customer_id">` that would not compile is suggested.
#[test]
fn a_derivation_only_names_keys_the_canonical_schema_has() {
    let files = workspace(&[(
        "packages/reports/src/pair.ts",
        "export interface Pair { id: string; customer_id: string; totalCents: number }\n",
    )]);
    assert_eq!(last_steps(&files, CONFIG), Vec::<String>::new());
}

#[test]
fn derivations_keep_the_copys_visibility_kind_and_quoting() {
    let schema = "import { z } from 'zod';\nexport const HeadersSchema = z.object({ 'content-type': z.string(), 'content-length': z.number(), accept: z.string(), 'x-retries': z.number() });\nexport interface Base { id: string; name: string; size: number }\n";
    let mut files = workspace(&[
        (
            "packages/reports/src/h.ts",
            "import { z } from 'zod';\nconst Headers = z.object({ 'content-type': z.string(), 'content-length': z.number(), accept: z.string() });\n",
        ),
        (
            "packages/reports/src/t.ts",
            "type Sized = { id: string; name: string; size: number; unit: 'kb' | 'mb' };\n",
        ),
    ]);
    files[3].1 = schema;
    assert_eq!(
        last_steps(&files, CONFIG),
        [
            r#"Derive it from the canonical schema: `const Headers = HeadersSchema.omit({ "x-retries": true });`."#,
            "Extend the canonical type: `type Sized = Base & { unit: 'kb' | 'mb' };`.",
        ]
    );
}

#[test]
fn a_copy_whose_package_lacks_zod_is_told_to_add_it_before_z_infer() {
    let mut files = workspace(&[(
        "packages/reports/src/pair.ts",
        "export interface Pair { id: string; customerId: string; totalCents: number }\n",
    )]);
    files[4].1 =
        r#"{ "name": "@acme/reports", "dependencies": { "@acme/schemas": "workspace:*" } }"#;
    let checked = check(&files, CONFIG);
    let d = checked.first("duplicate-schemas");
    assert_eq!(
        d.fix[0],
        "Add `zod` to the dependencies of packages/reports/package.json: `z.infer` needs `import type { z } from \"zod\";`."
    );
}

// A rectangle is part of an image crop, and of a great many other things: a shape made of
// numbers only is no sign of a copy. A larger shape that holds a canonical one is.
#[test]
fn a_part_made_of_one_primitive_type_is_no_near_copy() {
    let schema = "export interface Crop { x: number; y: number; width: number; height: number; naturalWidth: number; naturalHeight: number }\n";
    let mut files = workspace(&[
        (
            "packages/reports/src/bounds.ts",
            "export type Bounds = { x: number; y: number; width: number; height: number };\n",
        ),
        (
            "packages/reports/src/scaled.ts",
            "export type Scaled = { x: number; y: number; width: number; height: number; naturalWidth: number; naturalHeight: number; scale: number };\n",
        ),
    ]);
    files[3].1 = schema;
    assert_eq!(
        check(&files, CONFIG).of("duplicate-schemas"),
        [
            "packages/reports/src/scaled.ts:1 Type `Scaled` is `Crop` from packages/schemas/src/invoice.ts plus 1 field"
        ]
    );
}

// `./*` in the exports map makes every module of the package an entry of its own.
#[test]
fn a_module_public_through_a_pattern_entry_is_imported_by_its_subpath() {
    let mut files = workspace(&[(
        "packages/reports/src/pair.ts",
        "export interface Pair { id: string; customerId: string; totalCents: number }\n",
    )]);
    files[1].1 =
        r#"{ "name": "@acme/schemas", "exports": { ".": "./src/index.ts", "./*": "./src/*.ts" } }"#;
    files[2].1 = "export const unrelated = 1;\n";
    let checked = check(&files, CONFIG);
    let d = checked.first("duplicate-schemas");
    assert_eq!(
        d.fix[0],
        r#"Import the canonical zod schema: `import type { InvoiceSchema } from "@acme/schemas/invoice";`."#
    );
}
