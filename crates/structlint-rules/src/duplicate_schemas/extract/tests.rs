use structlint_core::SourceFile;

use super::*;

pub(crate) fn shapes(path: &str, text: &str) -> Vec<String> {
    let language = Language::from_path(path.as_ref()).unwrap();
    let file = SourceFile::new(path.into(), path.into(), language, text.into());
    facts(&FileContext::new(&file))
        .schemas
        .iter()
        .map(|s| {
            format!(
                "{} {}{}{}: {}",
                s.kind.describe(),
                s.name,
                if s.exported { " (exported)" } else { "" },
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
  at: z.object({ day: z.string(), "time-zone": z.string().nullable() }),
}).strict();
const WithTotal = LineSchema.extend({ totalCents: z.number(), note: z.string() });
const Spread = z.object({ ...LineSchema.shape, extra: z.boolean() });
const NotASchema = z.string();
const Unknown = Base.extend({ more: z.string() });
"#;
    assert_eq!(
        shapes("a.ts", text),
        [
            "zod schema LineSchema (exported): at: {day:string;time-zone:null|string}, id: string, kind: enum(a|b), note: string?, quantity: number, status: enum(open|paid), tags: string[]",
            "zod schema WithTotal: at: {day:string;time-zone:null|string}, id: string, kind: enum(a|b), note: string, quantity: number, status: enum(open|paid), tags: string[], totalCents: number",
            "zod schema Spread (partial): extra: boolean",
            "zod schema Unknown (partial): : extends(Base), more: string",
        ]
    );
}

#[test]
fn interfaces_and_type_aliases() {
    let text = "export interface Line {\n  id: string;\n  readonly quantity: number;\n  note?: string;\n  tags: Array<string>;\n  status: 'open' | 'paid';\n}\ntype Alias = { id: string; lines: Line[] };\ninterface Ext extends Line { more: string }\ntype Union = Line | Alias;\ninterface Generic<T> { value: T }\n";
    assert_eq!(
        shapes("a.ts", text),
        [
            "interface Line (exported): id: string, note: string?, quantity: readonly number, status: enum(open|paid), tags: string[]",
            "type Alias: id: string, lines: «a.ts#Line»[]",
            "interface Ext (partial): more: string",
            "interface Generic (partial): value: «?T»",
        ]
    );
}

// Each pair differs in one nested detail: none may compare equal.
#[test]
fn nested_objects_methods_and_qualified_names_are_compared_exactly() {
    let text = "type Options = { text: string };
interface A { run: { id: string; startedAt: string }; speak(o: Options): Promise<{ audio: Uint8Array }>; style: JSX.CSSProperties; count: Map<string, number> }
interface B { run: { id: string; parentId: string | null }; speak(o: { audio: Uint8Array }): Promise<{ text: string }>; style: React.CSSProperties; count: Map<string, string> }
";
    assert_eq!(
        shapes("a.ts", text),
        [
            "type Options: text: string",
            "interface A: count: «?Map»<string,number>, run: {id:string;startedAt:string}, speak: fn(«a.ts#Options»)->«?Promise»<{audio:«?Uint8Array»}>, style: «?JSX.CSSProperties»",
            "interface B: count: «?Map»<string,string>, run: {id:string;parentId:null|string}, speak: fn({audio:«?Uint8Array»})->«?Promise»<{text:string}>, style: «?React.CSSProperties»",
        ]
    );
}

#[test]
fn a_method_is_the_property_holding_its_function() {
    let text = "interface A { load(id: string, force?: boolean): void; a: 1; b: 2 }\ninterface B { load: (key: string, again?: boolean) => void; a: 1; b: 2 }\n";
    let shapes = shapes("a.ts", text);
    assert_eq!(shapes[0].replace("interface A", "interface B"), shapes[1]);
    assert!(
        shapes[0].contains("load: fn(string,boolean?)->void"),
        "{shapes:?}"
    );
}

#[test]
fn the_files_other_type_aliases_are_kept_for_fields_typed_with_them() {
    let text = "export type Status = 'open' | 'paid';\ntype Make<T> = T;\ninterface Invoice { id: string; status: Status; history: Status[] }\n";
    let file = SourceFile::new(
        "a.ts".into(),
        "a.ts".into(),
        Language::TypeScript,
        text.into(),
    );
    let found = facts(&FileContext::new(&file));
    assert_eq!(
        found.aliases,
        [("«a.ts#Status»".to_string(), "enum(open|paid)".to_string())]
    );
    assert_eq!(
        found.schemas[0].fingerprint(),
        [
            "history: «a.ts#Status»[]",
            "id: string",
            "status: «a.ts#Status»"
        ]
    );
}

// Normalising recurses once per level: past the depth limit a type compares by its text, so
// generated or hostile nesting cannot overflow the test thread's small stack.
#[test]
fn deeply_nested_types_stop_at_the_depth_limit() {
    let deep = format!(
        "{}number{}",
        "Array<{ a: ".repeat(5_000),
        " }>".repeat(5_000)
    );
    let text = format!("interface Deep {{ a: {deep}; b: string; c: string }}\n");
    let shapes = shapes("a.ts", &text);
    assert!(
        shapes[0].starts_with("interface Deep: a: {a:{a:"),
        "{}",
        &shapes[0][..60]
    );
    let deep = format!("{}u8{}", "Vec<".repeat(5_000), ">".repeat(5_000));
    let text = format!("#[derive(Serialize)]\nstruct Deep {{ a: {deep}, b: u8, c: u8 }}\n");
    let file = SourceFile::new("a.rs".into(), "a.rs".into(), Language::Rust, text);
    let found = facts(&FileContext::new(&file));
    assert!(found.schemas[0].fields[0].ty.starts_with("Vec < Vec <"));
}
