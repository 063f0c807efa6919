//! Rust schema definitions: structs and enums deriving `Serialize` or `Deserialize`.

use structlint_core::FileContext;
use structlint_core::tree_sitter::Node;

use crate::duplicate_schemas::shape::{Field, Schema, SchemaKind, rust_type};

pub(crate) fn derives_serde(item: Node<'_>, text: &str) -> bool {
    std::iter::successors(item.prev_named_sibling(), |n| n.prev_named_sibling())
        .take_while(|n| {
            matches!(
                n.kind(),
                "attribute_item" | "line_comment" | "block_comment"
            )
        })
        .any(|n| {
            n.kind() == "attribute_item"
                && text[n.byte_range()].contains("derive")
                && (text[n.byte_range()].contains("Serialize")
                    || text[n.byte_range()].contains("Deserialize"))
        })
}

pub(crate) fn rust_schema(cx: &FileContext<'_>, item: Node<'_>) -> Option<Schema> {
    let text = cx.text();
    let name = item.child_by_field_name("name")?;
    let body = item.child_by_field_name("body")?;
    let (kind, mut fields, mut partial) = (
        if item.kind() == "enum_item" {
            SchemaKind::RustEnum
        } else {
            SchemaKind::RustStruct
        },
        Vec::new(),
        false,
    );
    let mut cursor = body.walk();
    for member in body.named_children(&mut cursor) {
        match member.kind() {
            "field_declaration" => {
                let key = member.child_by_field_name("name")?;
                let ty = member
                    .child_by_field_name("type")
                    .map_or("unknown".into(), |t| rust_type(&text[t.byte_range()]));
                partial |= text[member.byte_range()].contains("flatten");
                fields.push(Field::new(
                    &text[key.byte_range()],
                    ty,
                    &text[member.byte_range()],
                ));
            }
            "enum_variant" => fields.push(Field::new(
                &text[member.child_by_field_name("name")?.byte_range()],
                "variant".into(),
                "",
            )),
            "attribute_item" | "line_comment" | "block_comment" => {}
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
