use super::*;
use structlint_core::SourceFile;

fn items(path: &str, text: &str) -> Vec<String> {
    let language = Language::from_path(path.as_ref()).unwrap();
    let file = SourceFile::new(path.into(), path.into(), language, text.into());
    outline(&FileContext::new(&file))
        .iter()
        .map(|i| format!("{} {}-{}", i.label(), i.start_line, i.end_line))
        .collect()
}

#[test]
fn typescript_items_with_leading_comments() {
    let text = "import { z } from 'zod';\n\n/** Totals. */\nexport function total(a: number) {\n  return a;\n}\nexport const Schema = z.object({\n  id: z.string(),\n});\nconst fmt = (x: number) => x;\nexport class Repo {}\ninterface I { a: 1 }\nexport type T = { b: 2 };\nenum E { A }\nexport default fmt;\ndescribe('x', () => {});\n";
    assert_eq!(
        items("a.ts", text),
        [
            "function `total` 3-6",
            "const `Schema` 7-9",
            "function `fmt` 10-10",
            "class `Repo` 11-11",
            "interface `I` 12-12",
            "type `T` 13-13",
            "enum `E` 14-14",
            "export default `fmt` 15-15",
            "statement `describe('x', () => {});` 16-16",
        ]
    );
}

#[test]
fn components_in_tsx() {
    let text = "export function InvoiceTable() {\n  return <table />;\n}\nexport const Row = () => <tr />;\nfunction helper() {}\n";
    assert_eq!(
        items("a.tsx", text),
        [
            "component `InvoiceTable` 1-3",
            "component `Row` 4-4",
            "function `helper` 5-5"
        ]
    );
}

#[test]
fn rust_items_with_attributes_and_docs() {
    let text = "//! Crate docs.\n\nmod declared;\nuse std::fmt;\n\n/// A report.\n#[derive(Debug)]\npub struct Report;\n\nimpl fmt::Display for Report {\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) }\n}\n\nimpl Report {}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\nmacro_rules! m { () => {} }\nconst N: usize = 1;\n";
    assert_eq!(
        items("a.rs", text),
        [
            "struct `Report` 6-8",
            "impl `fmt::Display for Report` 10-12",
            "impl `Report` 14-14",
            "mod `tests` 16-20",
            "macro_rules! `m` 21-21",
            "const `N` 22-22",
        ]
    );
}

/// Both outlines of a Rust file: from syn's tree (`None` when syn rejects it or leaves it to
/// tree-sitter) and from tree-sitter's.
fn both(text: &str) -> (Option<Vec<OutlineItem>>, Vec<OutlineItem>) {
    let file = SourceFile::new("a.rs".into(), "a.rs".into(), Language::Rust, text.into());
    let cx = FileContext::new(&file);
    let from_syn = cx
        .syn()
        .and_then(|f| rust::top_level(&cx, f))
        .map(|top| assemble(&cx, top));
    let from_tree = assemble(&cx, tree_top_level(&cx).unwrap());
    structlint_lang::release_rust_spans();
    (from_syn, from_tree)
}

// The outline of a Rust file comes from syn's tree when syn parsed it; it must be the one
// tree-sitter's tree gives, node for node.
#[test]
fn rust_outlines_from_syn_and_tree_sitter_agree() {
    let cases = [
        "// plain\n\n/// doc\n\n#[derive(Debug)] #[cfg(test)]\n// between\npub struct A { x: u8 }\n",
        "//! crate docs\n#![allow(dead_code)]\n\nuse std::fmt;\nmod declared;\nextern crate core;\n/* block /* nested */ */\nfn f() {\n    #![allow(unused)]\n    let _ = 1;\n}\n// trailing",
        "#!/usr/bin/env run\nfn main() {}\n",
        "\u{feff}/// doc\r\nfn h() {}\r\n\r\n/** block doc */\r\nconst N: u8 = 1;\r\n",
        "foo!(a);\nbar! {\n    x\n}\nbaz![b];\na::b! { c }\nmacro_rules! m { () => {} }\n/// doc\nmacro_rules! k ( () => {} );\n",
        "impl<T: Copy> fmt::Display for Wrapper<T> where T: Default {\n    fn fmt(&self) {}\n}\nunsafe impl Send for A {}\nimpl dyn Tr + Send {}\n",
        "mod tests {\n    #![allow(x)]\n    fn t() {}\n}\nstatic S: u8 = 0;\ntype T = u8;\nunion U { a: u8 }\nenum E { A }\ntrait Tr {}\nstruct B(u8);\nstruct C;\nextern \"C\" { fn c(); }\nconst _: () = ();\n",
        "trait Alias = Copy;\nfn after() {}\n",
        // A lone CR ends a line for the line index, not a Rust comment.
        "fn a() {}\r// b\r\rfn b() {}\rfn c() {}\n",
    ];
    for text in cases {
        let (from_syn, from_tree) = both(text);
        if let Some(from_syn) = from_syn {
            assert_eq!(from_syn, from_tree, "{text:?}");
        }
        assert_eq!(outlined(text), from_tree, "{text:?}");
    }
    assert!(both(cases[0]).0.is_some() && both(cases[7]).0.is_none() && both(cases[8]).0.is_some());
}

fn outlined(text: &str) -> Vec<OutlineItem> {
    let file = SourceFile::new("a.rs".into(), "a.rs".into(), Language::Rust, text.into());
    let outline = outline(&FileContext::new(&file));
    structlint_lang::release_rust_spans();
    outline
}

/// The outline read from tokens against the one read from tree-sitter's tree, on every
/// TS/JS file of a checkout. Run it on the development corpora after changing the lexer:
/// `STRUCTLINT_TOKENS_CORPUS=DIR cargo test -p structlint-rules outline_from_tokens -- --ignored --nocapture`.
#[test]
#[ignore = "needs a checkout named by STRUCTLINT_TOKENS_CORPUS"]
fn outline_from_tokens_matches_the_tree_on_a_checkout() {
    let files = structlint_core::test_support::corpus_sources()
        .expect("STRUCTLINT_TOKENS_CORPUS names a checkout");
    let (mut fallbacks, mut broken, mut differ) = (0, 0, Vec::new());
    for file in &files {
        let cx = FileContext::new(file);
        let Some(scanned) = scan::top_level(cx.text(), cx.language()) else {
            fallbacks += 1;
            println!("parsed instead: {} ({} lines)", cx.path(), cx.line_count());
            continue;
        };
        if cx.tree().is_none_or(|t| t.root_node().has_error()) {
            broken += 1;
            continue;
        }
        let (scanned, parsed) = (
            assemble(&cx, scanned),
            assemble(&cx, tree_top_level(&cx).unwrap()),
        );
        if scanned != parsed {
            let first = scanned
                .iter()
                .zip(&parsed)
                .position(|(a, b)| a != b)
                .unwrap_or(scanned.len().min(parsed.len()));
            differ.push(format!(
                "{}\n  tokens: {:?}\n  tree:   {:?}",
                cx.path(),
                scanned.get(first),
                parsed.get(first)
            ));
        }
    }
    println!(
        "{} files; {fallbacks} parsed instead; {broken} with syntax errors skipped; {} differ",
        files.len(),
        differ.len()
    );
    for d in differ.iter().take(30) {
        println!("{d}");
    }
    assert!(differ.is_empty());
}
