use structlint_core::{Language, SourceFile};

use super::*;

fn shapes(path: &str, text: &str) -> Vec<String> {
    let file = SourceFile::new(path.into(), path.into(), Language::Rust, text.into());
    schemas(&FileContext::new(&file))
        .iter()
        .map(|s| {
            format!(
                "{} {}{}{}: {}",
                s.kind.describe(),
                s.name,
                if s.exported { " (pub)" } else { "" },
                s.container,
                s.fingerprint().join(", ")
            )
        })
        .collect()
}

#[test]
fn serde_structs_and_enums_only() {
    let text = "use serde::{Deserialize, Serialize};\n#[derive(Debug, Serialize, Deserialize)]\n#[serde(rename_all = \"camelCase\")]\npub struct Line {\n    pub id: String,\n    pub unit_count: u32,\n    pub note: Option<String>,\n    pub tags: Vec<String>,\n}\n#[derive(Serialize)]\nenum Status { Open, Paid }\n#[derive(Debug, Clone)]\nstruct NotSerde { a: u8 }\n";
    assert_eq!(
        shapes("crates/a/src/lib.rs", text),
        [
            "struct Line (pub): id: String, note: Option < String >, tags: Vec < String >, unit_count=\"unitCount\": u32",
            "enum Status: Open: variant, Paid: variant",
        ]
    );
}

// Each of these would compare equal if widths, paths, payloads or serde attributes were
// ignored.
#[test]
fn integer_widths_named_types_payloads_and_serde_attributes_count() {
    let text = r#"use uuid::Uuid;
#[derive(Serialize)]
struct A { id: Uuid, size: u64 }
#[derive(Serialize)]
struct B { id: String, size: u32 }
#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Request { ListMacros(ListMacros), Expand(Box<Expand>), Check { version: u32 } }
#[derive(Serialize)]
struct C { #[serde(flatten)] data: Data, #[serde(rename = "type", default)] kind: String }
struct Expand;
"#;
    assert_eq!(
        shapes("crates/a/src/msg.rs", text),
        [
            "struct A: id: «uuid::Uuid», size: u64",
            "struct B: id: String, size: u32",
            "enum Request #[serde(tag = \"type\")]: Check=\"check\": variant{version: u32}, Expand=\"expand\": variant(Box < «crate:crates/a::msg::Expand» >), ListMacros=\"list_macros\": variant(«crates/a/src/?ListMacros»)",
            "struct C: data: «crates/a/src/?Data» #[serde(flatten)], kind=\"type\": String #[serde(default)]",
        ]
    );
}
