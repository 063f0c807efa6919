//! The derivation that replaces a near copy, written with the property names both shapes
//! share (keys compare exactly, so the names are the copy's own): `Pick<…, "a" | "b">`,
//! `.omit({ c: true })`, `extends`, `#[serde(flatten)]`.

use crate::duplicate_schemas::shape::{Field, Schema, SchemaKind};

/// `export ` when the copy was exported, so the replacement keeps its visibility.
fn export(c: &Schema) -> &'static str {
    if c.exported { "export " } else { "" }
}

/// A key as a TypeScript object literal writes it: quoted unless it is an identifier.
fn property(name: &str) -> String {
    let identifier = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    if identifier {
        name.to_string()
    } else {
        format!("{name:?}")
    }
}

pub(crate) fn subset(c: &Schema, k: &Schema, kept: &[&Field], dropped: &[&Field]) -> String {
    let keys = |fields: &[&Field]| {
        fields
            .iter()
            .map(|f| format!("{:?}", f.name))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let mask = |fields: &[&Field]| {
        fields
            .iter()
            .map(|f| format!("{}: true", property(&f.name)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (method, fields) = if dropped.len() < kept.len() {
        ("omit", dropped)
    } else {
        ("pick", kept)
    };
    let utility = capitalised(method);
    let export = export(c);
    match (c.kind, k.kind) {
        (_, _) if c.kind.is_rust() => format!(
            "Use `{}` where this {} is used if the extra fields are harmless there; otherwise move the shared fields into one struct that `{}` embeds with `#[serde(flatten)]`, and use that here.",
            k.name,
            c.kind.describe(),
            k.name
        ),
        (SchemaKind::Zod, SchemaKind::Zod) => format!(
            "Derive it from the canonical schema: `{export}const {} = {}.{method}({{ {} }});`.",
            c.name,
            k.name,
            mask(fields)
        ),
        (_, SchemaKind::Zod) => format!(
            "Derive the type: `{export}type {} = {utility}<z.infer<typeof {}>, {}>;` (with `import type {{ z }} from \"zod\";`).",
            c.name,
            k.name,
            keys(fields)
        ),
        (SchemaKind::Zod, _) => format!(
            "Tie the schema to the canonical type: `const {}: z.ZodType<{utility}<{}, {}>> = z.object({{ … }});`.",
            c.name,
            k.name,
            keys(fields)
        ),
        _ => format!(
            "Derive the type: `{export}type {} = {utility}<{}, {}>;`.",
            c.name,
            k.name,
            keys(fields)
        ),
    }
}

pub(crate) fn superset(c: &Schema, k: &Schema, extra: &[&Field]) -> String {
    let texts: Vec<String> = extra
        .iter()
        .map(|f| f.text.trim_end_matches([',', ';']).to_string())
        .collect();
    let export = export(c);
    match (c.kind, k.kind) {
        (_, _) if c.kind.is_rust() => format!(
            "Embed the canonical struct instead of repeating its fields: `#[serde(flatten)] pub {}: {},` followed by only the extra fields ({}).",
            snake(&k.name),
            k.name,
            texts.join(", ")
        ),
        (SchemaKind::Zod, SchemaKind::Zod) => format!(
            "Extend the canonical schema: `{export}const {} = {}.extend({{ {} }});`.",
            c.name,
            k.name,
            texts.join(", ")
        ),
        (_, SchemaKind::Zod) => format!(
            "Derive the type: `{export}type {} = z.infer<typeof {}> & {{ {} }};` (with `import type {{ z }} from \"zod\";`).",
            c.name,
            k.name,
            texts.join("; ")
        ),
        (SchemaKind::Zod, _) => format!(
            "Tie the schema to the canonical type: `const {}: z.ZodType<{} & {{ … }}> = z.object({{ … }});` with only the extra fields ({}) spelled out.",
            c.name,
            k.name,
            texts.join(", ")
        ),
        (SchemaKind::TypeAlias, _) => format!(
            "Extend the canonical type: `{export}type {} = {} & {{ {} }};`.",
            c.name,
            k.name,
            texts.join("; ")
        ),
        _ => format!(
            "Extend the canonical type: `{export}interface {} extends {} {{ {} }}`.",
            c.name,
            k.name,
            texts.join("; ")
        ),
    }
}

/// `InvoiceLine` → `invoice_line`, the field name for an embedded struct.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

pub(crate) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
