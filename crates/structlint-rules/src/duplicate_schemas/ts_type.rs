//! TypeScript types as normalised text, compared exactly: nested object types member by
//! member, methods by their parameter and return types, names by the declaration they mean
//! ([`LocalNames`]), unions and intersections whatever their order. A construct not modelled
//! here is written as its node kind with its parts normalised, so it still compares exactly.

use structlint_core::NodeNames;
use structlint_core::tree_sitter::Node;

use crate::duplicate_schemas::names::LocalNames;
use crate::duplicate_schemas::shape::{
    MAX_TYPE_DEPTH, collapsed, literal_enum, split_top, union_of,
};

/// Normalises the types of one file.
pub(crate) struct TsTypes<'a> {
    pub text: &'a str,
    pub names: &'a LocalNames<'a>,
}

impl TsTypes<'_> {
    fn src(&self, node: Node<'_>) -> &str {
        &self.text[node.byte_range()]
    }

    /// A type node.
    pub fn ty(&self, node: Node<'_>, depth: usize) -> String {
        if depth > MAX_TYPE_DEPTH {
            return collapsed(self.src(node));
        }
        let d = depth + 1;
        let children = || named(node);
        match node.kind_name() {
            "type_annotation"
            | "opting_type_annotation"
            | "omitting_type_annotation"
            | "adding_type_annotation"
            | "parenthesized_type" => children()
                .first()
                .map_or_else(|| "any".into(), |c| self.ty(*c, d)),
            "predefined_type" | "this_type" | "number" | "true" | "false" | "null"
            | "undefined" => self.src(node).to_string(),
            "type_identifier"
            | "identifier"
            | "nested_type_identifier"
            | "nested_identifier"
            | "member_expression" => self.names.reference(self.src(node)),
            "string" => literal_enum(std::iter::once(unquote(self.src(node)))),
            "literal_type" => children()
                .first()
                .map_or_else(|| collapsed(self.src(node)), |c| self.ty(*c, d)),
            "generic_type" => self.generic(node, d),
            "array_type" => format!("{}[]", self.first(node, d)),
            "readonly_type" => format!("readonly {}", self.first(node, d)),
            "optional_type" => format!("{}?", self.first(node, d)),
            "rest_type" => format!("...{}", self.first(node, d)),
            "union_type" => union_of(children().into_iter().map(|c| self.ty(c, d))),
            "intersection_type" => {
                let mut parts: Vec<String> = Vec::new();
                for c in children() {
                    let t = self.ty(c, d);
                    if c.kind_name() == "intersection_type" {
                        parts.extend(split_top(&t, '&').into_iter().map(str::to_string));
                    } else {
                        parts.push(t);
                    }
                }
                parts.sort_unstable();
                parts.join("&")
            }
            "object_type" => self.object(node, d),
            "function_type" => self.function(node, d),
            "constructor_type" => format!("new {}", self.function(node, d)),
            "tuple_type" => format!(
                "[{}]",
                children()
                    .into_iter()
                    .map(|c| self.ty(c, d))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            "type_query" => format!("typeof {}", self.first(node, d)),
            _ if node.named_child_count() == 0 => collapsed(self.src(node)),
            kind => format!(
                "{kind}({})",
                children()
                    .into_iter()
                    .map(|c| self.ty(c, d))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        }
    }

    fn first(&self, node: Node<'_>, depth: usize) -> String {
        named(node)
            .first()
            .map_or_else(|| "any".into(), |c| self.ty(*c, depth))
    }

    /// `Array<T>` is `T[]`, `Record<K, V>` is `record<K,V>` (as zod's `z.record`), any other
    /// `Name<A, B>` keeps its arguments.
    fn generic(&self, node: Node<'_>, depth: usize) -> String {
        let name = node.field("name").map_or("", |n| self.src(n));
        let args: Vec<String> = node
            .field("type_arguments")
            .map(|a| named(a).into_iter().map(|t| self.ty(t, depth)).collect())
            .unwrap_or_default();
        match (name, args.as_slice()) {
            ("Array", [item]) => format!("{item}[]"),
            ("ReadonlyArray", [item]) => format!("readonly {item}[]"),
            ("Record", [key, value]) => format!("record<{key},{value}>"),
            _ => format!("{}<{}>", self.names.reference(name), args.join(",")),
        }
    }

    /// `{a:string;b:number?}` with the members sorted.
    pub fn object(&self, node: Node<'_>, depth: usize) -> String {
        let mut members: Vec<String> = named(node)
            .into_iter()
            .filter(|m| m.kind_name() != "comment")
            .map(|m| {
                let (key, ty) = self.member(m, depth);
                format!("{key}:{ty}")
            })
            .collect();
        members.sort_unstable();
        format!("{{{}}}", members.join(";"))
    }

    /// A member of an object type or an interface: its key and its type. A method is its
    /// signature (`fn(string)->void`), as a property holding that function would be.
    pub fn member(&self, member: Node<'_>, depth: usize) -> (String, String) {
        let name = member
            .field("name")
            .map(|n| unquote(self.src(n)).to_string());
        let has = |token: &str| {
            let mut cursor = member.walk();
            member.children(&mut cursor).any(|c| c.kind_name() == token)
        };
        let optional = |ty: String| if has("?") { format!("{ty}?") } else { ty };
        let readonly = |ty: String| {
            if has("readonly") {
                format!("readonly {ty}")
            } else {
                ty
            }
        };
        match member.kind_name() {
            "property_signature" => {
                let ty = member
                    .field("type")
                    .map_or_else(|| "any".into(), |t| self.ty(t, depth));
                (name.unwrap_or_default(), readonly(optional(ty)))
            }
            "method_signature" => (
                name.unwrap_or_default(),
                optional(self.function(member, depth)),
            ),
            "call_signature" => ("()".into(), self.function(member, depth)),
            "construct_signature" => ("new()".into(), self.function(member, depth)),
            "index_signature" => {
                let index = member
                    .field("index_type")
                    .map_or_else(|| collapsed(self.src(member)), |t| self.ty(t, depth));
                let ty = member
                    .field("type")
                    .map_or_else(|| "any".into(), |t| self.ty(t, depth));
                (format!("[{index}]"), readonly(ty))
            }
            _ => (collapsed(self.src(member)), String::new()),
        }
    }

    /// `fn<T>(string,number?,...unknown[])->Promise<void>`: parameter names do not matter,
    /// their types, optionality and order do.
    fn function(&self, node: Node<'_>, depth: usize) -> String {
        let type_parameters = node
            .field("type_parameters")
            .map_or_else(String::new, |t| self.ty(t, depth));
        let parameters: Vec<String> = node
            .field("parameters")
            .map(|p| {
                named(p)
                    .into_iter()
                    .filter(|p| p.kind_name() != "comment")
                    .map(|p| self.parameter(p, depth))
                    .collect()
            })
            .unwrap_or_default();
        let returns = node
            .field("return_type")
            .or_else(|| node.field("type"))
            .map_or_else(|| "any".into(), |t| self.ty(t, depth));
        format!("fn{type_parameters}({})->{returns}", parameters.join(","))
    }

    fn parameter(&self, parameter: Node<'_>, depth: usize) -> String {
        let ty = parameter
            .field("type")
            .map_or_else(|| "any".into(), |t| self.ty(t, depth));
        let pattern = parameter
            .field("pattern")
            .or_else(|| parameter.field("name"));
        match (parameter.kind_name(), pattern.map(|p| p.kind_name())) {
            ("optional_parameter", _) => format!("{ty}?"),
            (_, Some("rest_pattern")) => format!("...{ty}"),
            (_, Some("this")) => format!("this:{ty}"),
            _ => ty,
        }
    }
}

fn named(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// A property name or string literal without its quotes.
pub(crate) fn unquote(text: &str) -> &str {
    text.trim_matches(['"', '\'', '`'])
}
