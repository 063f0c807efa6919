//! Schema definitions of a file: zod `z.object(…)` declarations, interfaces and object type
//! aliases, and Rust structs and enums deriving `Serialize` or `Deserialize`.

use structlint_core::tree_sitter::Node;
use structlint_core::{FileContext, Language};

use crate::duplicate_schemas::rust::{derives_serde, rust_schema};
use crate::duplicate_schemas::shape::{
    Field, Schema, SchemaKind, literal_enum, split_top, strip_schema_suffix, ts_type,
};

/// The top-level schema definitions of a file.
pub(crate) fn schemas(cx: &FileContext<'_>) -> Vec<Schema> {
    let Some(tree) = cx.tree() else {
        return Vec::new();
    };
    let text = cx.text();
    let mut found = Vec::new();
    let mut aliases: Vec<(String, String)> = Vec::new();
    let mut cursor = tree.root_node().walk();
    for node in tree.root_node().named_children(&mut cursor) {
        let node = if node.kind() == "export_statement" {
            node.child_by_field_name("declaration").unwrap_or(node)
        } else {
            node
        };
        // `type Status = "open" | "paid"`: a field typed `Status` has that shape.
        if node.kind() == "type_alias_declaration"
            && let (Some(name), Some(value)) = (
                node.child_by_field_name("name"),
                node.child_by_field_name("value"),
            )
            && value.kind() != "object_type"
        {
            aliases.push((
                format!("ref({})", &text[name.byte_range()]),
                ts_type(&text[value.byte_range()]),
            ));
        }
        let schema = match (cx.language(), node.kind()) {
            (Language::Rust, "struct_item" | "enum_item") if derives_serde(node, text) => {
                rust_schema(cx, node)
            }
            (Language::Rust, _) => None,
            (_, "interface_declaration") => ts_schema(
                cx,
                node,
                SchemaKind::Interface,
                node.child_by_field_name("body"),
            ),
            (_, "type_alias_declaration") => ts_schema(
                cx,
                node,
                SchemaKind::TypeAlias,
                node.child_by_field_name("value")
                    .filter(|v| v.kind() == "object_type"),
            ),
            (_, "lexical_declaration" | "variable_declaration") => zod_schema(cx, node),
            _ => None,
        };
        found.extend(schema);
    }
    resolve_extends(&mut found);
    expand_aliases(&mut found, &aliases);
    found
}

/// Replaces `ref(Alias)` in field types with the alias's type, for aliases of the same file.
fn expand_aliases(schemas: &mut [Schema], aliases: &[(String, String)]) {
    for field in schemas.iter_mut().flat_map(|s| s.fields.iter_mut()) {
        for (alias, ty) in aliases {
            if field.ty.contains(alias.as_str()) && !ty.starts_with("ref(") {
                field.ty = field.ty.replace(alias.as_str(), ty);
            }
        }
    }
}

fn zod_schema(cx: &FileContext<'_>, declaration: Node<'_>) -> Option<Schema> {
    let text = cx.text();
    let mut cursor = declaration.walk();
    let declarator = declaration
        .named_children(&mut cursor)
        .find(|c| c.kind() == "variable_declarator")?;
    let name = declarator
        .child_by_field_name("name")
        .filter(|n| n.kind() == "identifier")?;
    let (object, base) = zod_object(declarator.child_by_field_name("value")?, text)?;
    let mut fields = Vec::new();
    let mut partial = false;
    let mut cursor = object.walk();
    for member in object.named_children(&mut cursor) {
        match member.kind() {
            "pair" => {
                let key = member.child_by_field_name("key")?;
                let ty = member
                    .child_by_field_name("value")
                    .map_or("unknown".into(), |v| zod_type(v, text));
                fields.push(Field::new(
                    &text[key.byte_range()],
                    ty,
                    &text[member.byte_range()],
                ));
            }
            "comment" => {}
            _ => partial = true,
        }
    }
    let mut schema = Schema {
        name: text[name.byte_range()].to_string(),
        kind: SchemaKind::Zod,
        fields,
        span: cx.node_span(name),
        partial,
    };
    if let Some(base) = base.filter(|_| !partial) {
        // `Base.extend({…})`: the base's fields join once the file's schemas are known.
        schema
            .fields
            .insert(0, Field::new("…extends", format!("extends({base})"), ""));
        schema.partial = true;
    }
    Some(schema)
}

/// The object literal of `z.object({…})` under `.strict()` and the like, and the base of an
/// `X.extend({…})`.
fn zod_object<'t>(node: Node<'t>, text: &str) -> Option<(Node<'t>, Option<String>)> {
    let function = node
        .child_by_field_name("function")
        .filter(|f| f.kind() == "member_expression")?;
    let (object, property) = (
        function.child_by_field_name("object")?,
        function.child_by_field_name("property")?,
    );
    let argument = || {
        node.child_by_field_name("arguments")
            .and_then(|a| a.named_child(0))
            .filter(|a| a.kind() == "object")
    };
    match (&text[object.byte_range()], &text[property.byte_range()]) {
        ("z", "object" | "strictObject" | "looseObject") => Some((argument()?, None)),
        (_, "strict" | "passthrough" | "strip" | "describe" | "brand" | "readonly" | "openapi") => {
            zod_object(object, text)
        }
        (base, "extend") if object.kind() == "identifier" => {
            Some((argument()?, Some(base.to_string())))
        }
        _ => None,
    }
}

/// A zod type expression as a normalised type.
fn zod_type(node: Node<'_>, text: &str) -> String {
    match node.kind() {
        "identifier" => format!("ref({})", strip_schema_suffix(&text[node.byte_range()])),
        "call_expression" => {
            let Some(function) = node
                .child_by_field_name("function")
                .filter(|f| f.kind() == "member_expression")
            else {
                return "unknown".into();
            };
            let (object, property) = match (
                function.child_by_field_name("object"),
                function.child_by_field_name("property"),
            ) {
                (Some(o), Some(p)) => (o, &text[p.byte_range()]),
                _ => return "unknown".into(),
            };
            let args: Vec<Node<'_>> = node
                .child_by_field_name("arguments")
                .map(|a| {
                    let mut c = a.walk();
                    a.named_children(&mut c).collect()
                })
                .unwrap_or_default();
            let arg = |i: usize| {
                args.get(i)
                    .map_or("unknown".to_string(), |a| zod_type(*a, text))
            };
            let strings = |i: usize| {
                args.get(i)
                    .map(|a| {
                        text[a.byte_range()]
                            .trim_matches(['[', ']'])
                            .split(',')
                            .map(|s| s.trim().trim_matches(['"', '\'']).to_string())
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            };
            if &text[object.byte_range()] == "z" {
                return match property {
                    "string" | "number" | "boolean" | "date" | "bigint" | "null" | "undefined" => {
                        property.to_string()
                    }
                    "any" | "unknown" => "unknown".into(),
                    "array" => format!("{}[]", arg(0)),
                    "optional" => format!("{}?", arg(0)),
                    "enum" => literal_enum(strings(0).iter().map(String::as_str)),
                    "literal" => literal_enum(strings(0).iter().map(String::as_str)),
                    "object" | "strictObject" => "object".into(),
                    "record" => format!("record<{}>", arg(args.len().saturating_sub(1))),
                    "nativeEnum" => format!(
                        "ref({})",
                        text[args.first().map_or(node.byte_range(), |a| a.byte_range())].trim()
                    ),
                    "union" => union(args.first().map(|a| &text[a.byte_range()]).unwrap_or("")),
                    _ => "unknown".into(),
                };
            }
            match property {
                "optional" => format!("{}?", zod_type(object, text)),
                "nullable" => format!("null|{}", zod_type(object, text)),
                "array" => format!("{}[]", zod_type(object, text)),
                _ => zod_type(object, text),
            }
        }
        _ => "unknown".into(),
    }
}

/// `z.union([z.literal("a"), z.literal("b")])` → `enum(a|b)`; other unions by their text.
fn union(list: &str) -> String {
    let members = split_top(
        list.trim().trim_start_matches('[').trim_end_matches(']'),
        ',',
    );
    let literals: Option<Vec<&str>> = members
        .iter()
        .map(|m| {
            m.trim()
                .strip_prefix("z.literal(")
                .and_then(|r| r.strip_suffix(')'))
                .map(|l| l.trim_matches(['"', '\'']))
        })
        .collect();
    match literals {
        Some(literals) => literal_enum(literals.into_iter()),
        None => format!("union({})", members.len()),
    }
}

fn ts_schema(
    cx: &FileContext<'_>,
    node: Node<'_>,
    kind: SchemaKind,
    body: Option<Node<'_>>,
) -> Option<Schema> {
    let text = cx.text();
    let (name, body) = (node.child_by_field_name("name")?, body?);
    let mut partial = node.child_by_field_name("type_parameters").is_some();
    let mut cursor = node.walk();
    partial |= node
        .named_children(&mut cursor)
        .any(|c| c.kind() == "extends_type_clause");
    let mut fields = Vec::new();
    let mut cursor = body.walk();
    for member in body.named_children(&mut cursor) {
        match member.kind() {
            "property_signature" => {
                let key = member.child_by_field_name("name")?;
                let annotation = member
                    .child_by_field_name("type")
                    .map_or("unknown", |t| text[t.byte_range()].trim_start_matches(':'));
                let optional = text[member.byte_range()]
                    .split(':')
                    .next()
                    .is_some_and(|head| head.trim_end().ends_with('?'));
                let ty = if optional {
                    format!("{}?", ts_type(annotation))
                } else {
                    ts_type(annotation)
                };
                fields.push(Field::new(
                    &text[key.byte_range()],
                    ty,
                    &text[member.byte_range()],
                ));
            }
            "method_signature" => fields.push(Field::new(
                &text[member.child_by_field_name("name")?.byte_range()],
                "fn".into(),
                "",
            )),
            "comment" => {}
            _ => partial = true,
        }
    }
    Some(Schema {
        name: text[name.byte_range()].to_string(),
        kind,
        fields,
        span: cx.node_span(name),
        partial,
    })
}

/// Replaces the `extends(Base)` placeholder of `Base.extend({…})` with Base's fields when
/// Base is a complete schema of the same file; otherwise the schema stays partial.
fn resolve_extends(schemas: &mut [Schema]) {
    for i in 0..schemas.len() {
        let Some(base) = schemas[i]
            .fields
            .first()
            .and_then(|f| f.ty.strip_prefix("extends("))
            .and_then(|b| b.strip_suffix(')'))
            .map(str::to_string)
        else {
            continue;
        };
        let inherited = schemas[..i]
            .iter()
            .find(|s| s.name == base && !s.partial)
            .map(|s| s.fields.clone());
        if let Some(inherited) = inherited {
            let own: Vec<Field> = schemas[i].fields.drain(1..).collect();
            schemas[i].fields = inherited.into_iter().chain(own).collect();
            schemas[i].partial = false;
        }
    }
}

#[cfg(test)]
mod tests;
