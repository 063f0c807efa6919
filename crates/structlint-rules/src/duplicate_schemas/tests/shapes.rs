//! TypeScript shapes compare exactly: only a true copy is one.

use super::{CONFIG, workspace};
use crate::shared::testing::check;

const PLAIN: &str = "[rules]\nmax-file-lines = \"off\"\nunresolved-import = \"off\"\n";

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
        // The same words in another case are other keys on the wire.
        (
            "packages/reports/src/d.ts",
            "interface Invoice3 { id: string; customer_id: string; totalCents: number; status: 'open' | 'paid' }\n",
        ),
        // Literal members keep their case.
        (
            "packages/reports/src/e.ts",
            "interface Invoice4 { id: string; customerId: string; totalCents: number; status: 'Open' | 'Paid' }\n",
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
fn nested_object_types_compare_member_by_member() {
    let checked = check(
        &[
            (
                "src/detail.ts",
                "export interface Detail { run: { id: string; startedAt: string }; steps: string[]; total: number }\n",
            ),
            (
                "src/child.ts",
                "export interface Child { run: { id: string; parentId: string | null }; steps: string[]; total: number }\n",
            ),
        ],
        PLAIN,
    );
    assert_eq!(checked.of("duplicate-schemas"), Vec::<String>::new());
}

#[test]
fn methods_compare_by_their_parameter_and_return_types() {
    let checked = check(
        &[
            (
                "src/voice.ts",
                "type VoiceInput = { text: string };\nexport type Voice = { vendor: string; model: string; run(input: VoiceInput): Promise<{ bytes: Uint8Array }> };\n",
            ),
            (
                "src/caption.ts",
                "type CaptionInput = { bytes: Uint8Array };\nexport type Caption = { vendor: string; model: string; run(input: CaptionInput): Promise<{ text: string }> };\n",
            ),
        ],
        PLAIN,
    );
    assert_eq!(checked.of("duplicate-schemas"), Vec::<String>::new());
}

#[test]
fn names_compare_by_the_declaration_they_mean() {
    let checked = check(
        &[
            (
                "src/jsx.ts",
                "export interface Styled { className: string; style: JSX.CSSProperties; hidden: boolean }\n",
            ),
            (
                "src/react.ts",
                "import type * as React from 'react';\nexport interface Styled { className: string; style: React.CSSProperties; hidden: boolean }\n",
            ),
            // Each file's own `Defaults` is another type, whatever their names.
            (
                "src/core.ts",
                "type Defaults = { retries: number };\nexport interface Config { cache: string; mode: string; defaults?: Defaults }\n",
            ),
            (
                "src/adapter.ts",
                "type Defaults = { retries: number; shallow: boolean };\nexport interface Config { cache: string; mode: string; defaults?: Defaults }\n",
            ),
        ],
        PLAIN,
    );
    assert_eq!(checked.of("duplicate-schemas"), Vec::<String>::new());
}

#[test]
fn one_declaration_reached_by_two_paths_is_one_type() {
    let files = workspace(&[
        (
            "packages/schemas/src/line.ts",
            "export type Status = 'open' | 'paid';\nexport interface Line { sku: string; qty: number }\nexport interface Order { id: string; lines: Line[]; status: Status }\n",
        ),
        (
            "packages/schemas/src/index.ts",
            "export * from './invoice';\nexport { Line as OrderLine, type Status } from './line';\nexport * from './line';\n",
        ),
        (
            "packages/reports/src/order.ts",
            "import type { OrderLine } from '@acme/schemas';\nexport interface Order { id: string; lines: OrderLine[]; status: 'paid' | 'open' }\n",
        ),
    ]);
    let checked = check(&files, CONFIG);
    assert_eq!(
        checked.of("duplicate-schemas"),
        [
            "packages/reports/src/order.ts:2 Interface `Order` has the same shape as interface `Order` in packages/schemas/src/line.ts"
        ]
    );
}

// `Line` is a copy of `LineSchema`: once it is replaced, `Order` is one of `OrderSchema`.
#[test]
fn a_shape_that_holds_a_copy_is_a_copy_of_the_shape_that_holds_the_original() {
    let schema = "import { z } from 'zod';\nexport const LineSchema = z.object({ sku: z.string(), qty: z.number(), cents: z.number() });\nexport const OrderSchema = z.object({ id: z.string(), at: z.string(), lines: z.array(LineSchema) });\n";
    let copy = "export interface Line { sku: string; qty: number; cents: number }\nexport interface Order { id: string; at: string; lines: Line[] }\n";
    let mut files = workspace(&[("packages/reports/src/order.ts", copy)]);
    files[3].1 = schema;
    assert_eq!(
        check(&files, CONFIG).of("duplicate-schemas"),
        [
            "packages/reports/src/order.ts:1 Interface `Line` has the same shape as zod schema `LineSchema` in packages/schemas/src/invoice.ts",
            "packages/reports/src/order.ts:2 Interface `Order` has the same shape as zod schema `OrderSchema` in packages/schemas/src/invoice.ts",
        ]
    );
}

/// What every file keeps until the workspace phase: only the schemas a comparison can use.
#[test]
fn a_files_facts_keep_only_the_schemas_that_are_compared() {
    use structlint_core::{FileContext, Language, SourceFile, WorkspaceRule};
    let rule = crate::duplicate_schemas::DuplicateSchemas {
        canonical: globset::GlobSet::empty(),
        min_fields: 3,
        unrelated_packages: false,
    };
    let text = "export interface Row { id: string; at: string; note: string }\n\
                export interface Store { find(id: string): Row; save(row: Row): void }\n\
                export interface Page<T> { items: T[]; next: string; total: number }\n\
                export interface Audited extends Row { by: string; why: string; when: string }\n";
    let file = SourceFile::new(
        "src/a.ts".into(),
        "src/a.ts".into(),
        Language::TypeScript,
        text.into(),
    );
    let facts = rule.collect(&FileContext::new(&file)).expect("a TS file");
    let kept: Vec<&str> = facts.schemas.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(kept, ["Row"]);
}
