//! Schema definitions of a file: zod `z.object(…)` declarations, interfaces and object type
//! aliases, and Rust structs and enums deriving `Serialize` or `Deserialize`; and the file's
//! other type aliases, which a field typed with one stands for.

mod zod;

use std::collections::HashSet;
use structlint_core::NodeNames;

use structlint_core::tree_sitter::Node;
use structlint_core::{FileContext, Language};

use crate::duplicate_schemas::names::LocalNames;
use crate::duplicate_schemas::shape::{Field, Schema, SchemaKind};
use crate::duplicate_schemas::ts_type::TsTypes;

/// What a file holds for the rule.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct SchemaFacts {
    pub schemas: Vec<Schema>,
    /// `«path#Status»` → its type, for the file's type aliases that are not schemas
    /// (`type Status = "open" | "paid"`): a field typed `Status` has that type.
    pub aliases: Vec<(String, String)>,
}

pub(crate) fn facts(cx: &FileContext<'_>) -> SchemaFacts {
    if cx.language() == Language::Rust {
        return SchemaFacts {
            schemas: crate::duplicate_schemas::rust::schemas(cx),
            aliases: Vec::new(),
        };
    }
    let Some(tree) = cx.tree() else {
        return SchemaFacts::default();
    };
    let text = cx.text();
    let statements: Vec<(Node<'_>, bool)> = {
        let mut cursor = tree.root_node().walk();
        tree.root_node()
            .named_children(&mut cursor)
            .map(|node| match node.kind_name() {
                "export_statement" => (node.field("declaration").unwrap_or(node), true),
                _ => (node, false),
            })
            .collect()
    };
    let names = LocalNames {
        path: cx.path(),
        declared: statements
            .iter()
            .flat_map(|(node, _)| declared_names(*node, text))
            .collect(),
    };
    let types = TsTypes {
        text,
        names: &names,
    };
    let mut found = SchemaFacts::default();
    for &(node, exported) in &statements {
        let schema = match node.kind_name() {
            "interface_declaration" => ts_schema(cx, &types, node, SchemaKind::Interface, "body"),
            "type_alias_declaration" => {
                let value = node.field("value");
                if let (Some(name), Some(value)) = (node.field("name"), value)
                    && value.kind_name() != "object_type"
                    && node.field("type_parameters").is_none()
                {
                    found.aliases.push((
                        names.reference(&text[name.byte_range()]),
                        types.ty(value, 0),
                    ));
                }
                ts_schema(cx, &types, node, SchemaKind::TypeAlias, "value")
            }
            "lexical_declaration" | "variable_declaration" => zod::schema(cx, &types, node),
            _ => None,
        };
        found
            .schemas
            .extend(schema.map(|s| Schema { exported, ..s }));
    }
    resolve_extends(&mut found.schemas);
    found
}

/// The names a top-level statement declares.
fn declared_names(node: Node<'_>, text: &str) -> Vec<String> {
    match node.kind_name() {
        "lexical_declaration" | "variable_declaration" => {
            let mut cursor = node.walk();
            node.named_children(&mut cursor)
                .filter_map(|d| d.field("name"))
                .filter(|n| n.kind_name() == "identifier")
                .map(|n| text[n.byte_range()].to_string())
                .collect()
        }
        "ambient_declaration" => {
            let mut cursor = node.walk();
            node.named_children(&mut cursor)
                .flat_map(|d| declared_names(d, text))
                .collect()
        }
        _ => node
            .field("name")
            .map(|n| text[n.byte_range()].to_string())
            .into_iter()
            .collect(),
    }
}

/// An interface (`body`) or an object type alias (`value`).
fn ts_schema(
    cx: &FileContext<'_>,
    types: &TsTypes<'_>,
    node: Node<'_>,
    kind: SchemaKind,
    body: &str,
) -> Option<Schema> {
    let text = cx.text();
    let name = node.field("name")?;
    let body = node
        .field(body)
        .filter(|b| matches!(b.kind_name(), "object_type" | "interface_body"))?;
    let mut cursor = node.walk();
    let partial = node.field("type_parameters").is_some()
        || node
            .named_children(&mut cursor)
            .any(|c| c.kind_name() == "extends_type_clause");
    let mut fields = Vec::new();
    let mut cursor = body.walk();
    for member in body.named_children(&mut cursor) {
        if member.kind_name() == "comment" {
            continue;
        }
        let (key, ty) = types.member(member, 0);
        fields.push(Field::new(
            &key,
            key.clone(),
            ty,
            &text[member.byte_range()],
        ));
    }
    Some(Schema {
        name: text[name.byte_range()].to_string(),
        identity: types.names.reference(&text[name.byte_range()]),
        kind,
        fields,
        container: String::new(),
        span: cx.node_span(name),
        exported: false,
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
            let overridden: HashSet<&str> = own.iter().map(|f| f.key()).collect();
            let kept: Vec<Field> = inherited
                .into_iter()
                .filter(|f| !overridden.contains(f.key()))
                .collect();
            schemas[i].fields = kept.into_iter().chain(own).collect();
            schemas[i].partial = false;
        }
    }
}

#[cfg(test)]
mod tests;
