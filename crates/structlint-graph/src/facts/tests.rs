use structlint_core::{Language, SourceFile};

use super::*;

fn facts(path: &str, text: &str) -> ModuleFacts {
    let language = Language::from_path(path.as_ref()).unwrap();
    let file = SourceFile::new(path.into(), path.into(), language, text.into());
    ModuleFacts::extract(&FileContext::new(&file))
}

fn summary(f: &ModuleFacts) -> Vec<String> {
    f.refs
        .iter()
        .map(|r| {
            let names: Vec<String> = r
                .names
                .iter()
                .map(|n| {
                    let ty = if n.type_only { "type " } else { "" };
                    match &n.alias {
                        Some(a) => format!("{ty}{} as {a}", n.name),
                        None => format!("{ty}{}", n.name),
                    }
                })
                .collect();
            let ty = if r.type_only { " (type-only)" } else { "" };
            format!(
                "{:?} {} [{}]{ty} @{}",
                r.kind,
                r.specifier,
                names.join(", "),
                r.span.start_pos.line
            )
        })
        .collect()
}

#[test]
fn every_kind_of_static_reference() {
    let f = facts(
        "a.ts",
        r#"import a from "./a";
import type { B } from "./b";
import { type C, D as E } from "./c";
import * as ns from "@x/y";
import "./side";
import f, { g } from "./f.js";
import h = require("./h");
export { i, j as k } from "./i";
export * from "./all";
export * as star from "./star";
export type { T } from "./t";
import { type Only } from "./only-types";
"#,
    );
    assert_eq!(
        summary(&f),
        [
            "Import ./a [default as a] @1",
            "Import ./b [type B] (type-only) @2",
            "Import ./c [type C, D as E] @3",
            "Import @x/y [* as ns] @4",
            "SideEffect ./side [] @5",
            "Import ./f.js [default as f, g] @6",
            "Import ./h [* as h] @7",
            "ExportFrom ./i [i, j as k] @8",
            "ExportAll ./all [] @9",
            "ExportFrom ./star [* as star] @10",
            "ExportFrom ./t [type T] (type-only) @11",
            "Import ./only-types [type Only] (type-only) @12",
        ]
    );
    assert!(f.exports.is_empty());
    let r = &f.refs[0];
    assert_eq!(&r.specifier_span.path, "a.ts");
    assert_eq!(
        (
            r.specifier_span.start_pos.column,
            r.specifier_span.end_pos.column
        ),
        (15, 20),
        "the literal with its quotes"
    );
}

#[test]
fn dynamic_imports_and_requires_anywhere() {
    let f = facts(
        "a.js",
        "async function load() {\n  const m = await import('./lazy');\n  if (x) { return require(\"./req\"); }\n}\nconst t = import(`./tpl`);\nconst no = import(`./${name}`);\nconst alsoNo = require(name);\n",
    );
    assert_eq!(
        summary(&f),
        [
            "Dynamic ./lazy [] @2",
            "Require ./req [] @3",
            "Dynamic ./tpl [] @5"
        ]
    );
}

#[test]
fn local_exports() {
    let f = facts(
        "a.tsx",
        "export const l = 1, m = 2;\nexport default function () {}\nconst n = 1, o = 2;\nexport { n, o as p };\nexport interface Q {}\nexport type R = {};\nexport enum S {}\nexport class U {}\nexport function v() {}\nexport abstract class W {}\nexport declare const X: number;\nexport namespace NS {}\nexport const Comp = () => <div />;\n",
    );
    assert_eq!(
        f.exports,
        [
            "l", "m", "default", "n", "p", "Q", "R", "S", "U", "v", "W", "X", "NS", "Comp"
        ]
    );
    assert!(f.refs.is_empty());
}

#[test]
fn files_without_calls_skip_the_deep_walk_but_stay_correct() {
    let f = facts(
        "a.ts",
        "import { x } from './x';\nexport const importer = 1;\n",
    );
    assert_eq!(summary(&f), ["Import ./x [x] @1"]);
    assert_eq!(f.exports, ["importer"]);
}

#[test]
fn calls_are_found_by_their_text_and_confirmed_in_the_tree() {
    let f = facts(
        "a.ts",
        "// require('./comment') and import('./comment')\nconst s = \"require('./string')\";\nconst r = requireAll('./other');\nobj.require('./method');\nconst a = require('./a'), b = window.import;\nexport const c = () => import(/* chunk */ './c');\nnew require('./new');\n",
    );
    assert_eq!(summary(&f), ["Require ./a [] @5", "Dynamic ./c [] @6"]);
}

/// The facts read from tokens against those read from tree-sitter's tree, on every TS/JS
/// file of a checkout. Run it on the development corpora after changing the lexer:
/// `STRUCTLINT_TOKENS_CORPUS=DIR cargo test -p structlint-graph facts_from_tokens -- --ignored --nocapture`.
#[test]
#[ignore = "needs a checkout named by STRUCTLINT_TOKENS_CORPUS"]
fn facts_from_tokens_match_the_tree_on_a_checkout() {
    let files = structlint_core::test_support::corpus_sources()
        .expect("STRUCTLINT_TOKENS_CORPUS names a checkout");
    let (mut fallbacks, mut broken, mut differ) = (0, 0, Vec::new());
    for file in &files {
        let cx = FileContext::new(file);
        let Some(scanned) = super::tokens::extract(&cx) else {
            fallbacks += 1;
            continue;
        };
        if cx.tree().is_none_or(|t| t.root_node().has_error()) {
            broken += 1;
            continue;
        }
        let parsed = ModuleFacts::from_tree(&cx);
        if scanned != parsed {
            differ.push(format!(
                "{}\n  tokens: {scanned:?}\n  tree:   {parsed:?}",
                cx.path()
            ));
        }
    }
    println!(
        "{} files; {fallbacks} parsed instead; {broken} with syntax errors skipped; {} differ",
        files.len(),
        differ.len()
    );
    for d in differ.iter().take(10) {
        println!("{d}");
    }
    assert!(differ.is_empty());
}

/// Each case is a construct where reading tokens could differ from reading the tree.
#[test]
fn tokens_give_the_facts_the_tree_gives() {
    let cases = [
        (
            "a.ts",
            "import x = require('m')\nimport y = A.B\nimport type T = require(\"t\")\n",
        ),
        (
            "a.ts",
            "import d, { type a, b as c, 'e-f' as g, } from './m'\nimport * as ns from \"./n\"\nimport './side'\nimport type { T } from './t'\n",
        ),
        (
            "a.ts",
            "export * as ns from './a'\nexport * from './c'\nexport { default, x as \"y\" } from './d'\nexport type { T } from './e'\n",
        ),
        (
            "a.ts",
            "export { a, b as c }\nexport default 1\nexport declare const enum E { A }\nexport const enum F { B }\nexport declare const d: number, e: string\n",
        ),
        (
            "a.ts",
            "export const cache: Map<string, number> = new Map(), size = 1\nexport const { a, b } = o\nexport let [c] = p, q = 2\n",
        ),
        (
            "a.ts",
            "export function f(): void\nexport function f() {}\nexport async function g() {}\nexport function* h() {}\nexport abstract class K {}\nexport class L extends M {}\n",
        ),
        (
            "a.ts",
            "export interface I {}\nexport type U<T> = T\nexport namespace N.O { }\nexport declare namespace P {}\nexport declare function q(): void\nexport declare abstract class R {}\n@dec()\nexport class S {}\n",
        ),
        (
            "a.ts",
            "const a = require('a')\nx.require('b')\nnew require('c')\nfunction require(id: string) { return id }\nrequire('d' + e)\nrequire(`f${g}`)\nrequire(`h`, 1)\n",
        ),
        (
            "a.ts",
            "await import(/* webpackChunkName: \"c\" */ './c')\nconst s = \"require('no')\" // import('no')\nconst r = /import\\('no'\\)/\nconst t = `${import('./t')}`\n",
        ),
        (
            "a.tsx",
            "export default function App() {\n  return <img src={require('./img.png')} alt=\"require('no')\" />\n}\nexport const Lazy = lazy(() => import('./Page'))\n",
        ),
    ];
    for (path, text) in cases {
        let language = Language::from_path(path.as_ref()).unwrap();
        let file = SourceFile::new(path.into(), path.into(), language, text.into());
        let cx = FileContext::new(&file);
        assert!(
            !cx.tree().unwrap().root_node().has_error(),
            "the case is valid code: {text}"
        );
        let parsed = ModuleFacts::from_tree(&cx);
        assert!(
            !parsed.refs.is_empty() || !parsed.exports.is_empty(),
            "{text}"
        );
        assert_eq!(super::tokens::extract(&cx), Some(parsed), "{text}");
    }
}
