//! The top-level items of a file (functions, classes, components, impl blocks, modules) with
//! their line ranges: what a reader could move out of a file that is too long.

mod rust;
mod scan;

use std::ops::Range;
use structlint_core::NodeNames;

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

/// The file's top-level items in source order; empty when the tree is unavailable. A Rust
/// file syn parsed is read from syn's tree, which the other Rust rules share, rather than
/// parsed again with tree-sitter; a TS/JS file is read from its tokens, and parsed only where
/// the lexer cannot follow it.
pub(crate) fn outline(cx: &FileContext<'_>) -> Vec<OutlineItem> {
    let top = cx
        .syn()
        .and_then(|file| rust::top_level(cx, file))
        .or_else(|| scanned_top_level(cx))
        .or_else(|| tree_top_level(cx));
    assemble(cx, top.unwrap_or_default())
}

/// The top-level nodes of a TS/JS file from its tokens: an over-long file is outlined without
/// parsing it, which would cost several times what the rest of the check costs for it.
fn scanned_top_level(cx: &FileContext<'_>) -> Option<Vec<Top>> {
    let language = cx.language();
    language
        .is_typescript_family()
        .then(|| scan::top_level(cx.text(), language))
        .flatten()
}

/// The top-level nodes of tree-sitter's tree.
fn tree_top_level(cx: &FileContext<'_>) -> Option<Vec<Top>> {
    let tree = cx.tree()?;
    let (text, language) = (cx.text(), cx.language());
    let mut cursor = tree.root_node().walk();
    let top = tree
        .root_node()
        .named_children(&mut cursor)
        .map(|node| Top {
            bytes: node.byte_range(),
            trivia: is_leading_trivia(node.kind_name()),
            item: describe(node, text, language).map(|(kind, name)| {
                let named = name_node(node).unwrap_or(node);
                (kind, name, named.byte_range())
            }),
        })
        .collect();
    Some(top)
}

/// A node at the top of a file, as either parser gives it.
struct Top {
    bytes: Range<usize>,
    /// A comment or an outer attribute: it belongs to the item right below it.
    trivia: bool,
    /// What the node declares: its kind, name, and where it is named.
    item: Option<(&'static str, String, Range<usize>)>,
}

/// The items of `top`, each starting at the comments and attributes directly above it.
fn assemble(cx: &FileContext<'_>, top: Vec<Top>) -> Vec<OutlineItem> {
    let mut items = Vec::new();
    let mut leading: Option<usize> = None;
    let mut previous_end_row = None;
    // Rows from the line index, which ends a line at a lone `\r` too (tree-sitter does not).
    let row = |byte: usize| cx.file.lines.line_of(byte);
    for node in top {
        let adjacent = previous_end_row.is_some_and(|end: usize| row(node.bytes.start) <= end + 1);
        previous_end_row = Some(row(node.bytes.end));
        if node.trivia {
            if leading.is_none() || !adjacent {
                leading = Some(node.bytes.start);
            }
            continue;
        }
        let start = match leading.take() {
            Some(first) if adjacent => first,
            _ => node.bytes.start,
        };
        if let Some((kind, name, named)) = node.item {
            items.push(OutlineItem {
                name_start: named.start,
                name_end: named.end,
                kind,
                name,
                start_line: row(start) + 1,
                end_line: row(node.bytes.end) + 1,
            });
        }
    }
    items
}

/// The identifier naming a declaration, looking through `export` and variable declarators.
fn name_node(node: Node<'_>) -> Option<Node<'_>> {
    if let Some(name) = node.field("name") {
        return Some(name);
    }
    if let Some(inner) = node.field("declaration") {
        return name_node(inner);
    }
    let mut cursor = node.walk();
    let declarator = node
        .named_children(&mut cursor)
        .find(|c| c.kind_name() == "variable_declarator")?;
    declarator.field("name")
}

fn is_leading_trivia(kind: &str) -> bool {
    matches!(
        kind,
        "comment" | "line_comment" | "block_comment" | "attribute_item"
    )
}

fn field_text<'t>(node: Node<'_>, field: &str, text: &'t str) -> Option<&'t str> {
    node.field(field).map(|n| &text[n.byte_range()])
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
    Some(match node.kind_name() {
        "export_statement" => {
            return match node.field("declaration") {
                Some(declaration) => describe(declaration, text, language),
                None => node
                    .field("value")
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
                .find(|c| c.kind_name() == "variable_declarator")?;
            let name = field_text(declarator, "name", text)?.to_string();
            let value = declarator.field("value").map(|v| v.kind_name());
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
    Some(match node.kind_name() {
        "function_item" => ("fn", name()?),
        "struct_item" => ("struct", name()?),
        "enum_item" => ("enum", name()?),
        "union_item" => ("union", name()?),
        "trait_item" => ("trait", name()?),
        // `mod x;` only declares a module that lives in another file: nothing to move.
        "mod_item" if node.field("body").is_some() => ("mod", name()?),
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
mod tests;
