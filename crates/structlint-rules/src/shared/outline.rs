//! The top-level items of a file (functions, classes, components, impl blocks, modules) with
//! their line ranges: what a reader could move out of a file that is too long.

use structlint_core::tree_sitter::Node;
use structlint_core::{FileContext, Language};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutlineItem {
    /// `function`, `component`, `class`, `impl`, `mod`, …
    pub kind: &'static str,
    pub name: String,
    /// 1-based, inclusive; includes the doc comments and attributes directly above.
    pub start_line: usize,
    pub end_line: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    /// Where the item is named (its identifier, or its first line): what a label points at.
    pub name_start: usize,
    pub name_end: usize,
}

impl OutlineItem {
    pub fn lines(&self) -> usize {
        self.end_line + 1 - self.start_line
    }

    /// E.g. ``function `formatRow` ``.
    pub fn label(&self) -> String {
        format!("{} `{}`", self.kind, self.name)
    }
}

/// The file's top-level items in source order; empty when the tree is unavailable.
pub(crate) fn outline(cx: &FileContext<'_>) -> Vec<OutlineItem> {
    let Some(tree) = cx.tree() else {
        return Vec::new();
    };
    let text = cx.text();
    let language = cx.language();
    let mut items = Vec::new();
    let mut leading: Option<Node<'_>> = None;
    let mut previous_end_row = None;
    // Rows from the line index, which ends a line at a lone `\r` too (tree-sitter does not).
    let row = |byte: usize| cx.file.lines.line_of(byte);
    let mut cursor = tree.root_node().walk();
    for node in tree.root_node().named_children(&mut cursor) {
        let adjacent = previous_end_row.is_some_and(|end: usize| row(node.start_byte()) <= end + 1);
        if is_leading_trivia(node.kind()) {
            if leading.is_none() || !adjacent {
                leading = Some(node);
            }
            previous_end_row = Some(row(node.end_byte()));
            continue;
        }
        let start = match leading.take() {
            Some(first) if adjacent => first,
            _ => node,
        };
        previous_end_row = Some(row(node.end_byte()));
        if let Some((kind, name)) = describe(node, text, language) {
            let named = name_node(node).unwrap_or(node);
            items.push(OutlineItem {
                name_start: named.start_byte(),
                name_end: named.end_byte(),
                kind,
                name,
                start_line: row(start.start_byte()) + 1,
                end_line: row(node.end_byte()) + 1,
                start_byte: start.start_byte(),
                end_byte: node.end_byte(),
            });
        }
    }
    items
}

/// The identifier naming a declaration, looking through `export` and variable declarators.
fn name_node(node: Node<'_>) -> Option<Node<'_>> {
    if let Some(name) = node.child_by_field_name("name") {
        return Some(name);
    }
    if let Some(inner) = node.child_by_field_name("declaration") {
        return name_node(inner);
    }
    let mut cursor = node.walk();
    let declarator = node
        .named_children(&mut cursor)
        .find(|c| c.kind() == "variable_declarator")?;
    declarator.child_by_field_name("name")
}

fn is_leading_trivia(kind: &str) -> bool {
    matches!(
        kind,
        "comment" | "line_comment" | "block_comment" | "attribute_item"
    )
}

fn field_text<'t>(node: Node<'_>, field: &str, text: &'t str) -> Option<&'t str> {
    node.child_by_field_name(field)
        .map(|n| &text[n.byte_range()])
}

fn is_pascal(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

fn describe(node: Node<'_>, text: &str, language: Language) -> Option<(&'static str, String)> {
    if language == Language::Rust {
        return describe_rust(node, text);
    }
    let jsx = matches!(language, Language::Tsx | Language::JavaScript);
    let name = || field_text(node, "name", text).map(str::to_string);
    Some(match node.kind() {
        "export_statement" => {
            return match node.child_by_field_name("declaration") {
                Some(declaration) => describe(declaration, text, language),
                None => node
                    .child_by_field_name("value")
                    .map(|v| ("export default", one_line(&text[v.byte_range()]))),
            };
        }
        "function_declaration" | "generator_function_declaration" => {
            let name = name()?;
            (
                if jsx && is_pascal(&name) {
                    "component"
                } else {
                    "function"
                },
                name,
            )
        }
        "class_declaration" | "abstract_class_declaration" => ("class", name()?),
        "interface_declaration" => ("interface", name()?),
        "type_alias_declaration" => ("type", name()?),
        "enum_declaration" => ("enum", name()?),
        "internal_module" | "module" => ("namespace", name()?),
        "lexical_declaration" | "variable_declaration" => {
            let mut cursor = node.walk();
            let declarator = node
                .named_children(&mut cursor)
                .find(|c| c.kind() == "variable_declarator")?;
            let name = field_text(declarator, "name", text)?.to_string();
            let value = declarator.child_by_field_name("value").map(|v| v.kind());
            let function = matches!(
                value,
                Some("arrow_function" | "function_expression" | "function")
            );
            let kind = match (function, jsx && is_pascal(&name)) {
                (true, true) => "component",
                (true, false) => "function",
                _ => "const",
            };
            (kind, name)
        }
        "expression_statement" => ("statement", one_line(&text[node.byte_range()])),
        _ => return None,
    })
}

fn describe_rust(node: Node<'_>, text: &str) -> Option<(&'static str, String)> {
    let name = || field_text(node, "name", text).map(str::to_string);
    Some(match node.kind() {
        "function_item" => ("fn", name()?),
        "struct_item" => ("struct", name()?),
        "enum_item" => ("enum", name()?),
        "union_item" => ("union", name()?),
        "trait_item" => ("trait", name()?),
        // `mod x;` only declares a module that lives in another file: nothing to move.
        "mod_item" if node.child_by_field_name("body").is_some() => ("mod", name()?),
        "const_item" => ("const", name()?),
        "static_item" => ("static", name()?),
        "type_item" => ("type", name()?),
        "macro_definition" => ("macro_rules!", name()?),
        "impl_item" => {
            let ty = field_text(node, "type", text)?;
            match field_text(node, "trait", text) {
                Some(tr) => ("impl", format!("{tr} for {ty}")),
                None => ("impl", ty.to_string()),
            }
        }
        "macro_invocation" => ("macro", format!("{}!", field_text(node, "macro", text)?)),
        _ => return None,
    })
}

/// The first line of `text`, shortened: a label, not a quote.
fn one_line(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let mut short: String = first.chars().take(40).collect();
    if short.len() < first.len() || text.contains('\n') {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
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
}
