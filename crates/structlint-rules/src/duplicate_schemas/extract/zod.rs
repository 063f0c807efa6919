//! zod schemas: `const X = z.object({…})` and what its fields' zod expressions mean as
//! TypeScript types, in the vocabulary of [`TsTypes`] (`z.string().optional()` is
//! `string?`, a nested `z.object` is `{…}`), so that a schema and the interface it
//! validates compare equal.

use structlint_core::FileContext;
use structlint_core::NodeNames;
use structlint_core::tree_sitter::Node;

use crate::duplicate_schemas::shape::{
    Field, MAX_TYPE_DEPTH, Schema, SchemaKind, collapsed, literal_enum, union_of,
};
use crate::duplicate_schemas::ts_type::{TsTypes, unquote};

/// Methods that check a value without changing its type.
const REFINEMENTS: [&str; 40] = [
    "min",
    "max",
    "length",
    "email",
    "url",
    "uuid",
    "cuid",
    "cuid2",
    "ulid",
    "regex",
    "int",
    "positive",
    "negative",
    "nonnegative",
    "nonpositive",
    "finite",
    "safe",
    "gt",
    "gte",
    "lt",
    "lte",
    "multipleOf",
    "step",
    "trim",
    "toLowerCase",
    "toUpperCase",
    "startsWith",
    "endsWith",
    "datetime",
    "ip",
    "nonempty",
    "describe",
    "refine",
    "superRefine",
    "brand",
    "readonly",
    "openapi",
    "meta",
    "default",
    "catch",
];

pub(crate) fn schema(
    cx: &FileContext<'_>,
    types: &TsTypes<'_>,
    declaration: Node<'_>,
) -> Option<Schema> {
    let text = cx.text();
    let mut cursor = declaration.walk();
    let declarator = declaration
        .named_children(&mut cursor)
        .find(|c| c.kind_name() == "variable_declarator")?;
    let name = declarator
        .field("name")
        .filter(|n| n.kind_name() == "identifier")?;
    let (object, base) = zod_object(declarator.field("value")?, text)?;
    let (fields, partial) = members(types, object, 0)?;
    let mut schema = Schema {
        name: text[name.byte_range()].to_string(),
        identity: types.names.reference(&text[name.byte_range()]),
        kind: SchemaKind::Zod,
        fields,
        container: String::new(),
        span: cx.node_span(name),
        exported: false,
        partial,
    };
    if let Some(base) = base.filter(|_| !partial) {
        // `Base.extend({…})`: the base's fields join once the file's schemas are known.
        schema.fields.insert(
            0,
            Field::new("…extends", String::new(), format!("extends({base})"), ""),
        );
        schema.partial = true;
    }
    Some(schema)
}

/// The fields of a `z.object`'s literal, and whether some are unknown (a spread).
fn members(types: &TsTypes<'_>, object: Node<'_>, depth: usize) -> Option<(Vec<Field>, bool)> {
    let mut fields = Vec::new();
    let mut partial = false;
    let mut cursor = object.walk();
    for member in object.named_children(&mut cursor) {
        match member.kind_name() {
            "pair" => {
                let key = unquote(&types.text[member.field("key")?.byte_range()]);
                let ty = member
                    .field("value")
                    .map_or_else(|| "unknown".into(), |v| zod_type(types, v, depth));
                fields.push(Field::new(
                    key,
                    key.to_string(),
                    ty,
                    &types.text[member.byte_range()],
                ));
            }
            "comment" => {}
            _ => partial = true,
        }
    }
    Some((fields, partial))
}

/// The object literal of `z.object({…})` under `.strict()` and the like, and the base of an
/// `X.extend({…})`.
fn zod_object<'t>(node: Node<'t>, text: &str) -> Option<(Node<'t>, Option<String>)> {
    let function = node
        .field("function")
        .filter(|f| f.kind_name() == "member_expression")?;
    let (object, property) = (function.field("object")?, function.field("property")?);
    let argument = || {
        node.field("arguments")
            .and_then(|a| a.named_child(0))
            .filter(|a| a.kind_name() == "object")
    };
    match (&text[object.byte_range()], &text[property.byte_range()]) {
        ("z", "object" | "strictObject" | "looseObject") => Some((argument()?, None)),
        (_, "strict" | "passthrough" | "strip" | "describe" | "brand" | "readonly" | "openapi") => {
            zod_object(object, text)
        }
        (base, "extend") if object.kind_name() == "identifier" => {
            Some((argument()?, Some(base.to_string())))
        }
        _ => None,
    }
}

/// A zod expression as the type it validates. What is not modelled compares by its text.
fn zod_type(types: &TsTypes<'_>, node: Node<'_>, depth: usize) -> String {
    let text = types.text;
    let verbatim = || format!("zod({})", collapsed(&text[node.byte_range()]));
    if depth > MAX_TYPE_DEPTH {
        return verbatim();
    }
    let d = depth + 1;
    match node.kind_name() {
        "identifier" | "member_expression" if !text[node.byte_range()].starts_with("z.") => {
            return types.names.reference(&text[node.byte_range()]);
        }
        "call_expression" => {}
        _ => return verbatim(),
    }
    let Some((object, property)) = node
        .field("function")
        .filter(|f| f.kind_name() == "member_expression")
        .and_then(|f| Some((f.field("object")?, &text[f.field("property")?.byte_range()])))
    else {
        return verbatim();
    };
    let args: Vec<Node<'_>> = node
        .field("arguments")
        .map(|a| {
            let mut c = a.walk();
            a.named_children(&mut c)
                .filter(|n| n.kind_name() != "comment")
                .collect()
        })
        .unwrap_or_default();
    let arg = |i: usize| {
        args.get(i)
            .map_or_else(|| "unknown".to_string(), |a| zod_type(types, *a, d))
    };
    let list = |i: usize| -> Vec<Node<'_>> {
        args.get(i)
            .filter(|a| a.kind_name() == "array")
            .map(|a| {
                let mut c = a.walk();
                a.named_children(&mut c).collect()
            })
            .unwrap_or_default()
    };
    if &text[object.byte_range()] == "z" {
        return match property {
            "string" | "number" | "boolean" | "bigint" | "null" | "undefined" | "any"
            | "unknown" | "never" | "void" | "symbol" => property.to_string(),
            "date" => "Date".into(),
            "array" => format!("{}[]", arg(0)),
            "optional" => format!("{}?", arg(0)),
            "nullable" => union_of([arg(0), "null".into()]),
            "enum" => literal_enum(list(0).iter().map(|m| unquote(&text[m.byte_range()]))),
            "literal" => match args.first() {
                Some(a) if a.kind_name() == "string" => {
                    literal_enum(std::iter::once(unquote(&text[a.byte_range()])))
                }
                Some(a) => collapsed(&text[a.byte_range()]),
                None => verbatim(),
            },
            "object" | "strictObject" | "looseObject" => {
                match args.first().and_then(|o| members(types, *o, d)) {
                    Some((fields, false)) => {
                        let mut members: Vec<String> = fields
                            .iter()
                            .map(|f| format!("{}:{}", f.key(), f.ty))
                            .collect();
                        members.sort_unstable();
                        format!("{{{}}}", members.join(";"))
                    }
                    _ => verbatim(),
                }
            }
            "record" if args.len() == 1 => format!("record<string,{}>", arg(0)),
            "record" => format!("record<{},{}>", arg(0), arg(1)),
            "union" => union_of(list(0).into_iter().map(|m| zod_type(types, m, d))),
            "discriminatedUnion" => union_of(list(1).into_iter().map(|m| zod_type(types, m, d))),
            "tuple" => format!(
                "[{}]",
                list(0)
                    .into_iter()
                    .map(|m| zod_type(types, m, d))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            "nativeEnum" => args
                .first()
                .map_or_else(verbatim, |a| types.names.reference(&text[a.byte_range()])),
            _ => verbatim(),
        };
    }
    match property {
        "optional" => format!("{}?", zod_type(types, object, d)),
        "nullable" => union_of([zod_type(types, object, d), "null".into()]),
        "nullish" => format!("{}?", union_of([zod_type(types, object, d), "null".into()])),
        "array" => format!("{}[]", zod_type(types, object, d)),
        "or" => union_of([zod_type(types, object, d), arg(0)]),
        _ if REFINEMENTS.contains(&property) => zod_type(types, object, d),
        _ => verbatim(),
    }
}
