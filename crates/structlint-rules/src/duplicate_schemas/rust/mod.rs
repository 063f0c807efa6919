//! Rust schema definitions: structs and enums deriving `Serialize` or `Deserialize`, with
//! their fields' and variants' exact types (`u32` is not `u64`), their names in code and on
//! the wire, and their serde attributes.

mod names;
mod serde;

use structlint_core::FileContext;
use structlint_core::NodeNames;
use structlint_core::tree_sitter::Node;

use crate::duplicate_schemas::rust::names::RustNames;
use crate::duplicate_schemas::rust::serde::{Serde, field_case, variant_case};
use crate::duplicate_schemas::shape::{Field, MAX_TYPE_DEPTH, Schema, SchemaKind, collapsed};

pub(crate) fn schemas(cx: &FileContext<'_>) -> Vec<Schema> {
    let Some(tree) = cx.tree() else {
        return Vec::new();
    };
    let (root, text) = (tree.root_node(), cx.text());
    let names = RustNames::new(cx.path(), root, text);
    let mut cursor = root.walk();
    root.named_children(&mut cursor)
        .filter(|n| matches!(n.kind_name(), "struct_item" | "enum_item"))
        .filter(|n| derives_serde(*n, text))
        .filter_map(|n| schema(cx, &names, n))
        .collect()
}

/// The module path of a file in its crate, by its place (`src/a/b.rs` is `a::b`).
pub(crate) fn module_of(path: &str) -> Vec<String> {
    names::location(path).1
}

fn derives_serde(item: Node<'_>, text: &str) -> bool {
    attributes(item)
        .iter()
        .map(|n| &text[n.byte_range()])
        .any(|a| a.contains("derive") && (a.contains("Serialize") || a.contains("Deserialize")))
}

/// The attributes written above an item (comments may sit between them).
fn attributes(item: Node<'_>) -> Vec<Node<'_>> {
    std::iter::successors(item.prev_named_sibling(), |n| n.prev_named_sibling())
        .take_while(|n| {
            matches!(
                n.kind_name(),
                "attribute_item" | "line_comment" | "block_comment"
            )
        })
        .filter(|n| n.kind_name() == "attribute_item")
        .collect()
}

fn schema(cx: &FileContext<'_>, names: &RustNames, item: Node<'_>) -> Option<Schema> {
    let text = cx.text();
    let name = item.field("name")?;
    let body = item.field("body")?;
    let mut container = Serde::default();
    for attribute in attributes(item).iter().rev() {
        container.add(&text[attribute.byte_range()]);
    }
    let reader = Reader { text, names };
    let enumeration = item.kind_name() == "enum_item";
    let (fields, partial) = if enumeration {
        reader.members(body, &container, true)
    } else {
        let rule = Serde {
            rename_all: container.rename_all.clone(),
            ..Serde::default()
        };
        reader.members(body, &rule, false)
    };
    let mut cursor = item.walk();
    let exported = item
        .named_children(&mut cursor)
        .any(|c| c.kind_name() == "visibility_modifier" && &text[c.byte_range()] == "pub");
    Some(Schema {
        name: text[name.byte_range()].to_string(),
        identity: names.path(&text[name.byte_range()]),
        kind: if enumeration {
            SchemaKind::RustEnum
        } else {
            SchemaKind::RustStruct
        },
        fields,
        container: container.rest(),
        span: cx.node_span(name),
        exported,
        partial,
    })
}

struct Reader<'a> {
    text: &'a str,
    names: &'a RustNames,
}

impl Reader<'_> {
    /// The fields of a struct or struct variant, or the variants of an enum, each with the
    /// serde attributes above it; and whether some member is not understood (a macro).
    fn members(&self, body: Node<'_>, outer: &Serde, variants: bool) -> (Vec<Field>, bool) {
        let (mut fields, mut partial, mut pending) = (Vec::new(), false, Serde::default());
        let mut position = 0;
        let mut cursor = body.walk();
        for member in body.named_children(&mut cursor) {
            let own = std::mem::take(&mut pending);
            let text = &self.text[member.byte_range()];
            let (name, ty) = match member.kind_name() {
                "attribute_item" => {
                    pending = own;
                    pending.add(text);
                    continue;
                }
                "line_comment" | "block_comment" | "visibility_modifier" => {
                    pending = own;
                    continue;
                }
                "field_declaration" => match member.field("name") {
                    Some(n) => (
                        self.text[n.byte_range()].to_string(),
                        self.field_type(member),
                    ),
                    None => continue,
                },
                "enum_variant" if variants => match member.field("name") {
                    Some(n) => (
                        self.text[n.byte_range()].to_string(),
                        self.variant(member, outer),
                    ),
                    None => continue,
                },
                // A tuple struct's fields are its types, in order.
                _ if body.kind_name() == "ordered_field_declaration_list" => {
                    position += 1;
                    ((position - 1).to_string(), self.ty(member, 0))
                }
                _ => {
                    partial = true;
                    continue;
                }
            };
            let wire = own.rename.clone().unwrap_or_else(|| {
                if variants {
                    variant_case(&name, outer.rename_all.as_deref())
                } else {
                    field_case(&name, outer.rename_all.as_deref())
                }
            });
            let key = if wire == name {
                name.clone()
            } else {
                format!("{name}={wire:?}")
            };
            fields.push(Field::new(&name, key, format!("{ty}{}", own.rest()), text));
        }
        (fields, partial)
    }

    fn field_type(&self, field: Node<'_>) -> String {
        field
            .field("type")
            .map_or_else(|| "_".into(), |t| self.ty(t, 0))
    }

    /// `variant`, `variant(u32,String)`, `variant{a:u32}`, with a discriminant ` = 1`.
    fn variant(&self, variant: Node<'_>, outer: &Serde) -> String {
        let fields = outer.rename_all_fields.clone();
        let inner = Serde {
            rename_all: fields,
            ..Serde::default()
        };
        let payload = match variant.field("body") {
            Some(body) => {
                let (members, _) = self.members(body, &inner, false);
                if body.kind_name() == "ordered_field_declaration_list" {
                    let types: Vec<&str> = members.iter().map(|f| f.ty.as_str()).collect();
                    format!("({})", types.join(","))
                } else {
                    let mut members: Vec<String> = members.iter().map(Field::signature).collect();
                    members.sort_unstable();
                    format!("{{{}}}", members.join(";"))
                }
            }
            None => String::new(),
        };
        let value = variant.field("value").map_or_else(String::new, |v| {
            format!(" = {}", collapsed(&self.text[v.byte_range()]))
        });
        format!("variant{payload}{value}")
    }

    /// A type with every path replaced by the item it names.
    fn ty(&self, node: Node<'_>, depth: usize) -> String {
        let text = &self.text[node.byte_range()];
        if depth > MAX_TYPE_DEPTH {
            return collapsed(text);
        }
        match node.kind_name() {
            "type_identifier" | "scoped_type_identifier" | "scoped_identifier" => {
                self.names.path(text)
            }
            _ if node.child_count() == 0 => text.to_string(),
            _ => {
                let mut cursor = node.walk();
                let parts: Vec<String> = node
                    .children(&mut cursor)
                    .filter(|c| !matches!(c.kind_name(), "line_comment" | "block_comment"))
                    .map(|c| self.ty(c, depth + 1))
                    .collect();
                parts.join(" ")
            }
        }
    }
}

#[cfg(test)]
mod tests;
