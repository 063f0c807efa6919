//! What serde attributes do to a shape: `rename` and `rename_all` give the keys on the wire;
//! every other attribute (`flatten`, `default`, `with`, `skip_serializing_if`, `tag`,
//! `untagged`, …) is part of the shape as written, so two structs compare equal only when
//! they serialise alike.

use crate::duplicate_schemas::shape::{collapsed, split_top};

/// The serde attributes of one item, field or variant.
#[derive(Debug, Default, Clone)]
pub(crate) struct Serde {
    /// `rename = "…"`.
    pub rename: Option<String>,
    /// `rename_all = "…"`.
    pub rename_all: Option<String>,
    /// `rename_all_fields = "…"` (enums: the fields of struct variants).
    pub rename_all_fields: Option<String>,
    /// Every other attribute, as written.
    pub other: Vec<String>,
}

impl Serde {
    /// Adds what one attribute (`#[serde(…)]`, the text of an `attribute_item`) says.
    pub fn add(&mut self, attribute: &str) {
        let Some(inner) = attribute
            .trim()
            .strip_prefix("#[")
            .and_then(|a| a.strip_suffix(']'))
            .map(str::trim)
            .and_then(|a| a.strip_prefix("serde"))
            .map(str::trim)
            .and_then(|a| a.strip_prefix('('))
            .and_then(|a| a.strip_suffix(')'))
        else {
            return;
        };
        for entry in split_top(inner, ',') {
            let (key, value) = match entry.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim().trim_matches('"').to_string())),
                None => (entry.trim(), None),
            };
            match (key, value) {
                ("rename", Some(v)) => self.rename = Some(v),
                ("rename_all", Some(v)) => self.rename_all = Some(v),
                ("rename_all_fields", Some(v)) => self.rename_all_fields = Some(v),
                // They change nothing on the wire.
                ("bound" | "crate" | "expecting", _) => {}
                _ => self.other.push(collapsed(entry)),
            }
        }
    }

    /// The other attributes, sorted: ` #[serde(default, with = "x")]`, or nothing.
    pub fn rest(&self) -> String {
        if self.other.is_empty() {
            return String::new();
        }
        let mut other = self.other.clone();
        other.sort_unstable();
        format!(" #[serde({})]", other.join(", "))
    }
}

/// The serialised name of a field (`snake_case` in code) under `rename_all`.
pub(crate) fn field_case(name: &str, rule: Option<&str>) -> String {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let words: Vec<&str> = name.split('_').filter(|w| !w.is_empty()).collect();
    let pascal = || words.iter().map(|w| capitalised(w)).collect::<String>();
    match rule {
        Some("UPPERCASE" | "SCREAMING_SNAKE_CASE") => name.to_uppercase(),
        Some("PascalCase") => pascal(),
        Some("camelCase") => {
            let p = pascal();
            let mut chars = p.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_lowercase().chain(chars).collect()
            })
        }
        Some("kebab-case") => name.replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => name.replace('_', "-").to_uppercase(),
        _ => name.to_string(),
    }
}

/// The serialised name of a variant (`PascalCase` in code) under `rename_all`.
pub(crate) fn variant_case(name: &str, rule: Option<&str>) -> String {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let snake = || {
        let mut out = String::new();
        for (i, c) in name.char_indices() {
            if c.is_uppercase() && i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        }
        out
    };
    match rule {
        Some("lowercase") => name.to_lowercase(),
        Some("UPPERCASE") => name.to_uppercase(),
        Some("camelCase") => {
            let mut chars = name.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_lowercase().chain(chars).collect()
            })
        }
        Some("snake_case") => snake(),
        Some("SCREAMING_SNAKE_CASE") => snake().to_uppercase(),
        Some("kebab-case") => snake().replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => snake().replace('_', "-").to_uppercase(),
        _ => name.to_string(),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_follow_serde() {
        assert_eq!(
            field_case("unit_price_cents", Some("camelCase")),
            "unitPriceCents"
        );
        assert_eq!(field_case("unit_price", Some("PascalCase")), "UnitPrice");
        assert_eq!(field_case("r#type", Some("kebab-case")), "type");
        assert_eq!(
            field_case("unit_price", Some("SCREAMING-KEBAB-CASE")),
            "UNIT-PRICE"
        );
        assert_eq!(
            variant_case("PaidInFull", Some("snake_case")),
            "paid_in_full"
        );
        assert_eq!(variant_case("PaidInFull", Some("camelCase")), "paidInFull");
        assert_eq!(variant_case("Paid", None), "Paid");
        let mut serde = Serde::default();
        serde
            .add("#[serde(rename = \"type\", default, skip_serializing_if = \"Option::is_none\")]");
        serde.add("#[serde(flatten)]");
        serde.add("#[derive(Serialize)]");
        assert_eq!(serde.rename.as_deref(), Some("type"));
        assert_eq!(
            serde.rest(),
            " #[serde(default, flatten, skip_serializing_if = \"Option::is_none\")]"
        );
    }
}
