//! The outline from tokens must be the outline from tree-sitter's tree, item for item and line
//! for line: each case is a construct where a lexer could split statements differently than
//! the grammar does.

use structlint_core::{FileContext, Language, SourceFile};

use crate::shared::outline::{OutlineItem, assemble, tree_top_level};

fn both(path: &str, text: &str) -> (Option<Vec<OutlineItem>>, Vec<OutlineItem>) {
    let language = Language::from_path(path.as_ref()).unwrap();
    let file = SourceFile::new(path.into(), path.into(), language, text.into());
    let cx = FileContext::new(&file);
    let tree = cx.tree().unwrap();
    assert!(
        !tree.root_node().has_error(),
        "the case is valid code: {text}"
    );
    let scanned = super::top_level(text, language).map(|top| assemble(&cx, top));
    (scanned, assemble(&cx, tree_top_level(&cx).unwrap()))
}

fn assert_same(path: &str, text: &str) {
    let (scanned, parsed) = both(path, text);
    assert!(!parsed.is_empty(), "the case has items: {text}");
    assert_eq!(scanned.as_ref(), Some(&parsed), "{path}: {text}");
}

#[test]
fn statements_end_where_the_grammar_ends_them() {
    let cases = [
        // Overloads without semicolons, one with an object type after its return type.
        "export function f(a: string): void\nexport function f(a: number): void\nexport function f(a: unknown) {\n  return a\n}\n",
        "export function g<T>(\n  x: T,\n): Base<T> & {\n  key: T\n}\n\nexport function g(x: unknown) {\n  return x\n}\n",
        // A comment on the last line of a statement without `;` belongs to it.
        "import a from 'a' // a comment\nexport default ''\n",
        "(() => {})() // runs at once\nconsole.log(1)\n",
        // Operators that continue a statement on the next line, and those that do not.
        "const plain = {\n  key: 1,\n} satisfies Record<string, number>\n\nexport const other = 2\n",
        "type A = Array<[string, number]>\ntype B = {\n  a: A\n}\n",
        "export const total = a\n  + b\n  - c\nexport const sum = total >\n  1\n",
        "let i = 0\ni++\n++i\nexport const j = i\n",
        // A `;` after a declaration's block is a statement of its own.
        "function setView(v) {\n  return v\n}\n\n;['a', 'b'].forEach(setView)\n",
        "if (!subject) throw new Error('missing')\n\nconst release = detect({\n  subject,\n})\n",
        "if (a) {\n  b()\n}\nelse {\n  c()\n}\ndo {\n  d()\n} while (e)\nexport const f = 1\n",
        "export const AsyncFunction = async function () {}.constructor\nexport const h = function () {}\n",
        "export const open = <M extends boolean | undefined = false>(opts: {\n  a: M\n}): Promise<M extends false ? File : File[]> => {\n  return null!\n}\n",
        "const re = /[/]{2}/g; const half = total / 2 / 1\nexport function f() { return /x\\/y/.test('x/y') }\n",
        "export const q = `a ${`b ${c}`} }`\nexport function g() {}\n",
        "@Component({ selector: 'x' })\nexport class Widget {\n  run() {}\n}\nabstract class Base {}\n",
        "declare module 'x' {\n  export const a: number\n}\ndeclare function f(): void\nnamespace A.B {\n  export const c = 1\n}\nexport default async () => {}\n",
        "export { a, b } from './c'\nexport * from './d'\nexport type { E } from './e'\nexport enum F { G }\nconst enum H { I }\n",
        "const { a, b } = c, d = () => 1\nlet [e] = f\nvar g = async x => x\n",
    ];
    for text in cases {
        assert_same("a.ts", text);
    }
}

#[test]
fn jsx_is_one_token() {
    let cases = [
        "export const Cycle = <T extends any>({ value }: { value: T }) => (\n  <label>\n    <input value={String(value)} />\n  </label>\n);\nexport function Other() {\n  return <div>it's {`ok`} / fine</div>;\n}\n",
        "export const Picker = () => (\n  <Radio<Width | false>\n    // which group\n    group=\"w\"\n  />\n);\nconst ok = a.index! < b.index!;\nexport function Z() {}\n",
        "export interface Use<T extends Def> {\n  <D extends T['out'] = T['out']>(input: T['in']): D\n}\nexport const x = 1\n",
        "export const Id = <T,>(x: T) => x;\nexport default function App() {\n  return <>{cond ? <A /> : <B b={<C />} />}{/* note */}</>;\n}\n",
    ];
    for text in cases {
        assert_same("a.tsx", text);
    }
    assert_same(
        "b.js",
        "\u{feff}#!/usr/bin/env node\nconsole.log(<p>hi</p>)\n",
    );
}

#[test]
fn text_the_lexer_cannot_follow_is_parsed_instead() {
    // A string that runs into the end of its line, and nesting deeper than the lexer follows.
    let unclosed = "export const a = 'x\nexport function b() {}\n";
    assert!(super::top_level(unclosed, Language::TypeScript).is_none());
    let deep = format!("export const d = {}{};\n", "[".repeat(300), "]".repeat(300));
    assert!(super::top_level(&deep, Language::TypeScript).is_none());
    let (scanned, parsed) = both("a.ts", &deep);
    assert_eq!(scanned, None);
    assert_eq!(parsed.len(), 1);
    let endless = "(".repeat(100_000);
    assert!(super::top_level(&endless, Language::Tsx).is_none());
}
