use structlint_core::SourceFile;

use super::*;

fn shapes(path: &str, text: &str) -> Vec<String> {
    let language = Language::from_path(path.as_ref()).unwrap();
    let file = SourceFile::new(path.into(), path.into(), language, text.into());
    schemas(&FileContext::new(&file))
        .iter()
        .map(|s| {
            format!(
                "{} {}{}: {}",
                s.kind.describe(),
                s.name,
                if s.partial { " (partial)" } else { "" },
                s.fingerprint().join(", ")
            )
        })
        .collect()
}

#[test]
fn zod_schemas_with_chains_enums_unions_and_extend() {
    let text = r#"import { z } from "zod";
export const LineSchema = z.object({
  id: z.string().uuid(),
  quantity: z.number().int().positive(),
  note: z.string().optional(),
  tags: z.array(z.string()),
  status: z.enum(["open", "paid"]),
  kind: z.union([z.literal("a"), z.literal("b")]),
}).strict();
const WithTotal = LineSchema.extend({ totalCents: z.number() });
const Spread = z.object({ ...LineSchema.shape, extra: z.boolean() });
const NotASchema = z.string();
const Unknown = Base.extend({ more: z.string() });
"#;
    assert_eq!(
        shapes("a.ts", text),
        [
            "zod schema LineSchema: id: string, kind: enum(a|b), note: string?, quantity: number, status: enum(open|paid), tags: string[]",
            "zod schema WithTotal: id: string, kind: enum(a|b), note: string?, quantity: number, status: enum(open|paid), tags: string[], totalcents: number",
            "zod schema Spread (partial): extra: boolean",
            "zod schema Unknown (partial): more: string, …extends: extends(Base)",
        ]
    );
}

#[test]
fn interfaces_and_type_aliases() {
    let text = "export interface Line {\n  id: string;\n  quantity: number;\n  note?: string;\n  tags: Array<string>;\n  status: 'open' | 'paid';\n}\ntype Alias = { id: string; lines: Line[] };\ninterface Ext extends Line { more: string }\ntype Union = Line | Alias;\ninterface Generic<T> { value: T }\n";
    assert_eq!(
        shapes("a.ts", text),
        [
            "interface Line: id: string, note: string?, quantity: number, status: enum(open|paid), tags: string[]",
            "type Alias: id: string, lines: ref(Line)[]",
            "interface Ext (partial): more: string",
            "interface Generic (partial): value: ref(T)",
        ]
    );
}

#[test]
fn serde_structs_and_enums_only() {
    let text = "use serde::{Deserialize, Serialize};\n#[derive(Debug, Serialize, Deserialize)]\n#[serde(rename_all = \"camelCase\")]\npub struct Line {\n    pub id: String,\n    pub quantity: u32,\n    pub note: Option<String>,\n    pub tags: Vec<String>,\n}\n#[derive(Serialize)]\nenum Status { Open, Paid }\n#[derive(Debug, Clone)]\nstruct NotSerde { a: u8 }\n";
    assert_eq!(
        shapes("a.rs", text),
        [
            "struct Line: id: string, note: string?, quantity: number, tags: string[]",
            "enum Status: open: variant, paid: variant",
        ]
    );
}

#[test]
fn literal_union_aliases_of_the_file_are_expanded() {
    let text = "export type Status = 'open' | 'paid';\ninterface Invoice { id: string; status: Status; history: Status[] }\n";
    assert_eq!(
        shapes("a.ts", text),
        ["interface Invoice: history: enum(open|paid)[], id: string, status: enum(open|paid)"]
    );
}
