//! The shape of a data schema, whatever language declares it: field names and types,
//! normalised so that a zod schema, a TypeScript interface and a serde struct of the same
//! data compare equal.

use structlint_core::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    /// As written (`unitPriceCents`).
    pub name: String,
    /// Normalised: `unitpricecents` for `unitPriceCents` and `unit_price_cents`.
    pub key: String,
    /// Normalised type: `string`, `number`, `string[]`, `number?`, `enum(open|paid)`, `ref(Line)`.
    pub ty: String,
    /// The field's source text, for advice that moves it (`discountCents: z.number()`).
    pub text: String,
}

impl Field {
    pub fn new(name: &str, ty: String, text: &str) -> Field {
        let key = name
            .trim_matches(['"', '\''])
            .chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect();
        Field {
            name: name.trim_matches(['"', '\'']).to_string(),
            key,
            ty,
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }

    /// `key: type`, what shapes compare by.
    pub fn signature(&self) -> String {
        format!("{}: {}", self.key, self.ty)
    }
}

/// One schema definition.
#[derive(Debug, Clone)]
pub(crate) struct Schema {
    pub name: String,
    pub kind: SchemaKind,
    pub fields: Vec<Field>,
    /// The declared name.
    pub span: Span,
    /// Its fields are not all known (an `extends` clause, a spread, an unresolved `.extend`):
    /// it never takes part in a comparison.
    pub partial: bool,
}

impl Schema {
    /// Field signatures, sorted: equal for equal shapes whatever the field order.
    pub fn fingerprint(&self) -> Vec<String> {
        let mut signatures: Vec<String> = self.fields.iter().map(Field::signature).collect();
        signatures.sort_unstable();
        signatures
    }
}

/// Types nested deeper than this (`Array<Array<…>>`) are compared by their text: normalising
/// recurses once per level, and generated or hostile code can nest a hundred thousand levels,
/// which would overflow the stack and copy the text once per level.
const MAX_TYPE_DEPTH: usize = 32;

/// A TypeScript type as written, normalised.
pub(crate) fn ts_type(text: &str) -> String {
    ts_type_at(text, 0)
}

fn ts_type_at(text: &str, depth: usize) -> String {
    let t = text.trim().trim_start_matches('|').trim();
    if depth > MAX_TYPE_DEPTH {
        return format!("ref({t})");
    }
    let ts_type = |inner: &str| ts_type_at(inner, depth + 1);
    if let Some(inner) = t.strip_suffix("[]") {
        return format!("{}[]", ts_type(inner));
    }
    if let Some(inner) = t.strip_prefix("Array<").and_then(|r| r.strip_suffix('>')) {
        return format!("{}[]", ts_type(inner));
    }
    let parts = split_top(t, '|');
    if parts.len() > 1 {
        let literals: Vec<&str> = parts.iter().map(|p| p.trim()).collect();
        if literals.iter().all(|l| l.starts_with(['"', '\''])) {
            return literal_enum(literals.iter().map(|l| l.trim_matches(['"', '\''])));
        }
        let mut normalised: Vec<String> = literals.iter().map(|p| ts_type(p)).collect();
        normalised.sort_unstable();
        return normalised.join("|");
    }
    match t {
        "string" | "number" | "boolean" | "bigint" | "null" | "undefined" | "unknown" | "any" => {
            t.replace("any", "unknown")
        }
        "Date" => "date".into(),
        _ if t.starts_with("Record<") => format!(
            "record<{}>",
            ts_type(
                split_top(&t[7..t.len() - 1], ',')
                    .last()
                    .copied()
                    .unwrap_or("")
            )
        ),
        _ if t.starts_with('{') => "object".into(),
        _ => format!(
            "ref({})",
            strip_schema_suffix(
                t.split('<')
                    .next()
                    .unwrap_or(t)
                    .rsplit('.')
                    .next()
                    .unwrap_or(t)
            )
        ),
    }
}

/// A Rust type as written, normalised to the same vocabulary.
pub(crate) fn rust_type(text: &str) -> String {
    rust_type_at(text, 0)
}

fn rust_type_at(text: &str, depth: usize) -> String {
    let t = text
        .trim()
        .trim_start_matches('&')
        .trim_start_matches("'static ")
        .trim();
    if depth > MAX_TYPE_DEPTH {
        return format!("ref({t})");
    }
    let rust_type = |inner: &str| rust_type_at(inner, depth + 1);
    // `std::collections::HashMap<K, V>` → `HashMap<K, V>`: the path does not change the type.
    let t = match t.split_once('<') {
        Some((path, args)) => format!("{}<{args}", path.rsplit("::").next().unwrap_or(path)),
        None => t.to_string(),
    };
    let t = t.as_str();
    let generic = |prefix: &str| t.strip_prefix(prefix).and_then(|r| r.strip_suffix('>'));
    if let Some(inner) = generic("Option<") {
        return format!("{}?", rust_type(inner));
    }
    if let Some(inner) = generic("Vec<")
        .or_else(|| generic("VecDeque<"))
        .or_else(|| t.strip_prefix('[').and_then(|r| r.strip_suffix(']')))
    {
        return format!("{}[]", rust_type(inner));
    }
    if let Some(inner) = generic("HashMap<").or_else(|| generic("BTreeMap<")) {
        return format!(
            "record<{}>",
            rust_type(split_top(inner, ',').last().copied().unwrap_or(""))
        );
    }
    if let Some(inner) = generic("Box<")
        .or_else(|| generic("Arc<"))
        .or_else(|| generic("Rc<"))
    {
        return rust_type(inner);
    }
    let last = t.rsplit("::").next().unwrap_or(t);
    match last {
        "String" | "str" | "Cow<str>" | "Uuid" => "string".into(),
        "bool" => "boolean".into(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128"
        | "usize" | "f32" | "f64" => "number".into(),
        _ if last.starts_with("DateTime")
            || last == "NaiveDate"
            || last == "NaiveDateTime"
            || last == "OffsetDateTime" =>
        {
            "date".into()
        }
        _ => format!("ref({})", last.split('<').next().unwrap_or(last)),
    }
}

/// `enum(a|b)` with the members sorted.
pub(crate) fn literal_enum<'a>(members: impl Iterator<Item = &'a str>) -> String {
    let mut members: Vec<String> = members.map(|m| m.trim().to_lowercase()).collect();
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
            ('(' | '[' | '{' | '<', None) => depth += 1,
            (')' | ']' | '}' | '>', None) => depth -= 1,
            (c, None) if c == separator && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typescript_and_rust_types_share_a_vocabulary() {
        assert_eq!(ts_type("string"), "string");
        assert_eq!(ts_type("Array<number>"), "number[]");
        assert_eq!(ts_type("InvoiceLine[]"), "ref(InvoiceLine)[]");
        assert_eq!(ts_type("'paid' | \"open\""), "enum(open|paid)");
        assert_eq!(ts_type("string | null"), "null|string");
        assert_eq!(ts_type("Record<string, number>"), "record<number>");
        assert_eq!(rust_type("Option<String>"), "string?");
        assert_eq!(rust_type("Vec<InvoiceLine>"), "ref(InvoiceLine)[]");
        assert_eq!(rust_type("i64"), "number");
        assert_eq!(
            rust_type("std::collections::HashMap<String, u32>"),
            "record<number>"
        );
        assert_eq!(rust_type("chrono::DateTime<Utc>"), "date");
    }

    // On the test thread's small stack, a hundred thousand levels would overflow.
    #[test]
    fn deeply_nested_types_stop_at_the_depth_limit() {
        let deep = format!("{}number{}", "Array<".repeat(100_000), ">".repeat(100_000));
        let normalised = ts_type(&deep);
        assert!(
            normalised.starts_with("ref(Array<"),
            "{}",
            &normalised[..40]
        );
        assert!(normalised.ends_with(&format!(">){}", "[]".repeat(33))));
        let deep = format!("{}u8{}", "Vec<".repeat(100_000), ">".repeat(100_000));
        let normalised = rust_type(&deep);
        assert!(normalised.starts_with("ref(Vec<"), "{}", &normalised[..40]);
        assert!(normalised.ends_with(&format!(">){}", "[]".repeat(33))));
    }

    #[test]
    fn field_names_compare_across_naming_conventions() {
        assert_eq!(
            Field::new("unitPriceCents", "number".into(), "").key,
            Field::new("unit_price_cents", "number".into(), "").key
        );
        assert_eq!(
            split_top("a, b<c, d>, 'e,f'", ','),
            ["a", " b<c, d>", " 'e,f'"]
        );
    }
}
