//! The functions a file declares, each with a fingerprint of its body in which local names
//! and literals are abstracted: two functions whose code differs only in the names of their
//! parameters and locals, and in their constants, get the same fingerprint.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use structlint_core::NodeNames;

use structlint_core::tree_sitter::{Node, TreeCursor};
use structlint_core::{FileContext, Span};

/// Bodies shorter than this many tokens (`(x) => x + 1` is 7) say too little to call two
/// functions copies of each other.
pub(crate) const MIN_TOKENS: usize = 14;

/// Where a function is declared, which decides what its name can mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Place {
    /// A module's own function (`function f`, `const f = () => …`, a free Rust `fn`): what a
    /// module exports as a helper.
    ModuleLevel,
    /// A function inside another function.
    Nested,
    /// A method, constructor, class field or object-literal method (Rust: an `impl` or trait
    /// item): its name belongs to its type (`proc.wait()`, `stream.pause()`).
    Method,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Function {
    pub name: String,
    /// The declared name.
    pub span: Span,
    /// Exported (`export`, `pub`): what another module can import.
    pub exported: bool,
    pub place: Place,
    /// The parameters as written, without their types (`ms`, `{ signal }`, `&self`).
    pub params: Vec<String>,
    /// The fingerprint of parameters and body, when the body has at least [`MIN_TOKENS`].
    pub fingerprint: Option<u64>,
    /// Names the body calls: a function that delegates to the canonical helper is a wrapper,
    /// not a copy.
    pub calls: Vec<String>,
}

/// Every function of a file: declarations, `const f = () => …` and function expressions,
/// class methods and arrow-function fields, Rust `fn` items (free, in `impl`s and traits).
pub(crate) fn functions(cx: &FileContext<'_>) -> Vec<Function> {
    let Some(tree) = cx.tree() else {
        return Vec::new();
    };
    let text = cx.text();
    let mut found = Vec::new();
    let mut cursor = tree.walk();
    let mut descended = true;
    // Per ancestor of the cursor's node, what it is inside of: known on the way down, where
    // asking each function's ancestors would descend from the root once per ancestor.
    let mut enclosing = vec![Enclosing::default()];
    loop {
        let node = cursor.node();
        let within = *enclosing.last().unwrap_or(&Enclosing::default());
        if descended && let Some((name, code)) = declared_function(node) {
            found.push(function(cx, node, name, code, text, within.place_of(node)));
        }
        if descended && cursor.goto_first_child() {
            enclosing.push(within.enter(node));
            continue;
        }
        if cursor.goto_next_sibling() {
            descended = true;
            continue;
        }
        if !cursor.goto_parent() {
            break;
        }
        enclosing.pop();
        descended = false;
    }
    found
}

/// The name and the code (parameters and body) of a function declared by `node`.
fn declared_function(node: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    match node.kind_name() {
        "function_declaration"
        | "generator_function_declaration"
        | "method_definition"
        | "function_item" => Some((node.field("name")?, node)),
        "variable_declarator" | "public_field_definition" => {
            let name = node.field("name").or_else(|| node.field("property"))?;
            let value = node.field("value")?;
            let is_function = matches!(
                value.kind_name(),
                "arrow_function" | "function_expression" | "function" | "generator_function"
            );
            (is_function && matches!(name.kind_name(), "identifier" | "property_identifier"))
                .then_some((name, value))
        }
        _ => None,
    }
}

fn function(
    cx: &FileContext<'_>,
    node: Node<'_>,
    name: Node<'_>,
    code: Node<'_>,
    text: &str,
    place: Place,
) -> Function {
    let own_name = &text[name.byte_range()];
    let mut bound = HashMap::from([(own_name, 0usize)]);
    let mut cursor = code.walk();
    collect_bindings(&mut cursor, text, false, &mut bound);
    let mut tokens = Tokens {
        hasher: DefaultHasher::new(),
        count: 0,
        bound,
        calls: Vec::new(),
    };
    tokens.walk(&mut cursor, Some(name), text);
    let mut span = cx.node_span(name);
    span.path = Default::default();
    Function {
        name: own_name.to_string(),
        span,
        exported: is_exported(node, text),
        place,
        params: params(code, text),
        fingerprint: (tokens.count >= MIN_TOKENS).then(|| tokens.hasher.finish()),
        calls: tokens.calls,
    }
}

/// What a node is inside of: a type or object (its functions are methods), a function.
#[derive(Debug, Clone, Copy, Default)]
struct Enclosing {
    in_type: bool,
    in_function: bool,
}

impl Enclosing {
    /// What the children of `node` are inside of.
    fn enter(self, node: Node<'_>) -> Enclosing {
        let kind = node.kind_name();
        Enclosing {
            in_type: self.in_type
                || matches!(kind, "class_body" | "object" | "impl_item" | "trait_item"),
            in_function: self.in_function
                || matches!(
                    kind,
                    "function_declaration"
                        | "generator_function_declaration"
                        | "function_expression"
                        | "function"
                        | "generator_function"
                        | "arrow_function"
                        | "method_definition"
                        | "function_item"
                        | "closure_expression"
                ),
        }
    }

    fn place_of(self, node: Node<'_>) -> Place {
        if self.in_type
            || matches!(
                node.kind_name(),
                "method_definition" | "public_field_definition"
            )
        {
            Place::Method
        } else if self.in_function {
            Place::Nested
        } else {
            Place::ModuleLevel
        }
    }
}

/// The parameter patterns of a function (`code` is the declaration or the function value).
fn params(code: Node<'_>, text: &str) -> Vec<String> {
    let Some(list) = code.field("parameters").or_else(|| code.field("parameter")) else {
        return Vec::new();
    };
    if list.kind_name() == "identifier" {
        return vec![text[list.byte_range()].to_string()];
    }
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter(|p| !p.is_extra())
        .map(|p| {
            let pattern = p.field("pattern").unwrap_or(p);
            let written = &text[pattern.byte_range()];
            let optional = p.kind_name() == "optional_parameter";
            // Long destructurings are clipped: the advice shows a call's shape, not its code.
            let mut shown: String = written.split_whitespace().collect::<Vec<_>>().join(" ");
            if shown.chars().count() > 40 {
                shown = format!("{}…", shown.chars().take(39).collect::<String>());
            }
            if optional { format!("{shown}?") } else { shown }
        })
        .collect()
}

fn is_exported(node: Node<'_>, text: &str) -> bool {
    if node.kind_name() == "function_item" {
        let mut cursor = node.walk();
        return node
            .children(&mut cursor)
            .any(|c| c.kind_name() == "visibility_modifier" && &text[c.byte_range()] == "pub");
    }
    // `export function f` and `export const f = …` (declarator → declaration → export).
    std::iter::successors(node.parent(), |n| n.parent())
        .take(2)
        .any(|n| n.kind_name() == "export_statement")
}

/// Names bound inside the function (parameters, locals, closure and catch parameters), each
/// numbered by first appearance, so that a consistent renaming leaves the fingerprint as is.
/// `cursor` is on the node to scan and is left there.
fn collect_bindings<'t>(
    cursor: &mut TreeCursor<'_>,
    text: &'t str,
    in_pattern: bool,
    bound: &mut HashMap<&'t str, usize>,
) {
    let node = cursor.node();
    let kind = node.kind_name();
    if in_pattern && matches!(kind, "identifier" | "shorthand_property_identifier_pattern") {
        let next = bound.len();
        bound.entry(&text[node.byte_range()]).or_insert(next);
        return;
    }
    if !cursor.goto_first_child() {
        return;
    }
    loop {
        let field = cursor.field_name();
        let pattern = in_pattern
            || match (kind, field) {
                ("required_parameter" | "optional_parameter", Some("pattern")) => true,
                ("arrow_function", Some("parameter")) => true,
                ("variable_declarator", Some("name")) | ("catch_clause", Some("parameter")) => true,
                ("for_in_statement", Some("left")) => true,
                ("parameter" | "let_declaration" | "for_expression", Some("pattern")) => true,
                ("closure_parameters", _) => {
                    let child = cursor.node().kind_name();
                    child == "identifier" || child.ends_with("pattern")
                }
                ("function_declaration" | "function_item", Some("name")) => true,
                _ => false,
            };
        // Object keys in a destructuring pattern are property names, not bindings.
        if !(pattern && kind == "pair_pattern" && field == Some("key")) {
            collect_bindings(cursor, text, pattern, bound);
        }
        if !cursor.goto_next_sibling() {
            break;
        }
    }
    cursor.goto_parent();
}

/// Types say nothing about what a function does, and a JavaScript copy has none.
const SKIPPED: [&str; 6] = [
    "type_annotation",
    "type_parameters",
    "type_arguments",
    "comment",
    "line_comment",
    "block_comment",
];

const LITERALS: [&str; 8] = [
    "string",
    "template_string",
    "number",
    "string_literal",
    "raw_string_literal",
    "char_literal",
    "integer_literal",
    "float_literal",
];

struct Tokens<'t> {
    hasher: DefaultHasher,
    count: usize,
    bound: HashMap<&'t str, usize>,
    calls: Vec<String>,
}

impl<'t> Tokens<'t> {
    /// Hashes the tokens under the cursor's node, leaving the cursor there.
    fn walk(&mut self, cursor: &mut TreeCursor<'_>, skip: Option<Node<'_>>, text: &'t str) {
        let node = cursor.node();
        let kind = node.kind_name();
        if Some(node) == skip || node.is_extra() || SKIPPED.contains(&kind) {
            return;
        }
        if kind == "call_expression"
            && let Some(callee) = node.field("function")
        {
            let callee = callee
                .field("property")
                .or_else(|| callee.field("field"))
                .or_else(|| callee.field("name"))
                .unwrap_or(callee);
            self.calls.push(text[callee.byte_range()].to_string());
        }
        if kind == "regex" {
            // A regular expression is the function's logic, not a constant: two one-line
            // `s.replace(/…/g, …)` helpers are copies only when their patterns agree.
            text[node.byte_range()].hash(&mut self.hasher);
            self.count += 1;
            return;
        }
        if LITERALS.contains(&kind) {
            kind.hash(&mut self.hasher);
            self.count += 1;
            return;
        }
        if !cursor.goto_first_child() {
            let token = &text[node.byte_range()];
            let is_name = matches!(
                kind,
                "identifier"
                    | "shorthand_property_identifier"
                    | "shorthand_property_identifier_pattern"
            );
            match self.bound.get(token).filter(|_| is_name) {
                // A bound name hashes as its number, so renaming it changes nothing.
                Some(&n) => n.hash(&mut self.hasher),
                None => token.hash(&mut self.hasher),
            }
            self.count += 1;
            return;
        }
        loop {
            self.walk(cursor, skip, text);
            if !cursor.goto_next_sibling() {
                break;
            }
        }
        cursor.goto_parent();
    }
}

#[cfg(test)]
mod tests;
