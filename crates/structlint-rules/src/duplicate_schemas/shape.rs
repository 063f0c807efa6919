//! The shape of a data schema: its members with their names as written and their types
//! normalised, exactly: two shapes are equal when one could stand in for the other without a
//! single property name, type or serialisation detail changing.

use structlint_core::Span;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum SchemaKind {
    Zod,
    Interface,
    TypeAlias,
    RustStruct,
    RustEnum,
}

impl SchemaKind {
    /// Schemas of one family can stand in for each other; TS and Rust cannot import each other.
    pub fn is_rust(self) -> bool {
        matches!(self, SchemaKind::RustStruct | SchemaKind::RustEnum)
    }

    pub fn describe(self) -> &'static str {
        match self {
            SchemaKind::Zod => "zod schema",
            SchemaKind::Interface => "interface",
            SchemaKind::TypeAlias => "type",
            SchemaKind::RustStruct => "struct",
            SchemaKind::RustEnum => "enum",
        }
    }
}

/// Kept for every schema until the workspace phase: its texts are held exactly, and the key
/// only when it is not the name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Field {
    /// As written in code (`unitPriceCents`, `unit_price_cents`, `Paid`).
    pub name: Box<str>,
    /// The key when it is not the name: for Rust, the serialised name too when serde renames
    /// the field (`kind="type"`).
    renamed: Option<Box<str>>,
    /// Normalised type: `string`, `number?`, `enum(open|paid)`, `{id:string;at:string}`,
    /// `fn(«a.ts#Options»)->Promise<Uint8Array>`, `u32 #[serde(default)]`.
    pub ty: String,
    /// The member's source text, for advice that moves it (`discountCents: z.number()`).
    pub text: Box<str>,
}

impl Field {
    pub fn new(name: &str, key: String, ty: String, text: &str) -> Field {
        Field {
            name: name.into(),
            renamed: (key != name).then(|| key.into_boxed_str()),
            ty,
            text: text.split_whitespace().collect::<Vec<_>>().join(" ").into(),
        }
    }

    /// What shapes compare by: the name, and for Rust the serialised name too when serde
    /// renames it. Case is kept: `customerId` is not `customer_id`.
    pub fn key(&self) -> &str {
        self.renamed.as_deref().unwrap_or(&self.name)
    }

    /// `key: type`, what shapes compare by.
    pub fn signature(&self) -> String {
        format!("{}: {}", self.key(), self.ty)
    }
}

/// One schema definition.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Schema {
    pub name: String,
    /// The declaration as field types name it (`«path#Invoice»`), so that a field typed with
    /// a copy can be read as typed with the canonical definition.
    pub identity: String,
    pub kind: SchemaKind,
    pub fields: Vec<Field>,
    /// What applies to the whole shape beside its fields: serde's container attributes
    /// (`tag = "type"`, `deny_unknown_fields`). Shapes compare only when these are equal.
    pub container: String,
    /// The declared name.
    pub span: Span,
    /// Exported (`export`, or `pub` in Rust): others can import it as it stands.
    pub exported: bool,
    /// Its fields are not all known (an `extends` clause, a spread, an unresolved `.extend`,
    /// generics): it never takes part in a comparison.
    pub partial: bool,
}

impl Schema {
    /// Whether it takes part in comparisons: its fields are all known, and enough of them.
    pub fn is_comparable(&self, min_fields: usize) -> bool {
        !self.partial && self.fields.len() >= min_fields
    }

    /// Field signatures, sorted: equal for equal shapes whatever the field order.
    pub fn fingerprint(&self) -> Vec<String> {
        let mut signatures: Vec<String> = self.fields.iter().map(Field::signature).collect();
        signatures.sort_unstable();
        signatures
    }
}

/// A schema definition found in the workspace.
pub(crate) struct Found<'a> {
    pub path: &'a str,
    pub schema: &'a Schema,
    /// Under one of the rule's `canonical` globs.
    pub canonical: bool,
}

/// Types nested deeper than this are compared by their text: normalising recurses once per
/// level, and generated or hostile code can nest a hundred thousand levels, which would
/// overflow the stack.
pub(crate) const MAX_TYPE_DEPTH: usize = 32;

/// A union of normalised types, as TypeScript reads it: nested unions flattened, order and
/// repeats ignored, string literals gathered into one `enum(…)`.
pub(crate) fn union_of(members: impl IntoIterator<Item = String>) -> String {
    let mut literals: Vec<String> = Vec::new();
    let mut others: Vec<String> = Vec::new();
    for member in members {
        for part in split_top(&member, '|') {
            match part.strip_prefix("enum(").and_then(|r| r.strip_suffix(')')) {
                Some(list) => literals.extend(list.split('|').map(str::to_string)),
                None => others.push(part.to_string()),
            }
        }
    }
    if !literals.is_empty() {
        others.push(literal_enum(literals.iter().map(String::as_str)));
    }
    others.sort_unstable();
    others.dedup();
    others.join("|")
}

/// `enum(a|b)` with the members sorted, case kept: `"Open"` is not `"open"`.
pub(crate) fn literal_enum<'a>(members: impl Iterator<Item = &'a str>) -> String {
    let mut members: Vec<&str> = members.map(str::trim).collect();
    members.sort_unstable();
    members.dedup();
    format!("enum({})", members.join("|"))
}

/// `InvoiceLineSchema` → `InvoiceLine`: a zod schema and its type mean the same data.
pub(crate) fn strip_schema_suffix(name: &str) -> &str {
    name.strip_suffix("Schema")
        .filter(|s| !s.is_empty())
        .unwrap_or(name)
}

/// `text` split at top-level `separator`s (outside brackets and quotes).
pub(crate) fn split_top(text: &str, separator: char) -> Vec<&str> {
    let (mut parts, mut depth, mut start, mut quote) = (Vec::new(), 0i32, 0, None);
    for (i, c) in text.char_indices() {
        match (c, quote) {
            ('"' | '\'' | '`', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            (_, Some(_)) => {}
            ('(' | '[' | '{' | '<' | '«', None) => depth += 1,
            (')' | ']' | '}' | '>' | '»', None) => depth -= 1,
            (c, None) if c == separator && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Source text with its whitespace collapsed: how a construct the normalisers do not model
/// compares (exactly, by what it says).
pub(crate) fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unions_ignore_order_and_gather_literals() {
        assert_eq!(
            union_of(["string".into(), "null".into()]),
            union_of(["null|string".into()])
        );
        assert_eq!(
            union_of(["enum(paid)".into(), "enum(open)".into(), "null".into()]),
            "enum(open|paid)|null"
        );
        assert_ne!(
            literal_enum(["Open", "Paid"].into_iter()),
            literal_enum(["open", "paid"].into_iter())
        );
        assert_eq!(
            split_top("a, b<c, d>, 'e,f', «x|y»", ','),
            ["a", "b<c, d>", "'e,f'", "«x|y»"]
        );
    }
}
