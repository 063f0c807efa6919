//! Which item a type path in a Rust schema means, so that types compare by the item and not
//! by their last segment: `Uuid` is `uuid::Uuid`, not `String`; two files' own
//! `ExpnGlobals` are two types; `HashMap` and `std::collections::HashMap` are one.

use std::collections::{HashMap, HashSet};
use structlint_core::NodeNames;

use structlint_core::tree_sitter::Node;

/// Prelude types: the same wherever they are named.
const PRELUDE: [&str; 8] = [
    "String", "Vec", "Option", "Box", "Result", "Some", "None", "Self",
];

/// The names of one Rust file: its own items and its `use` declarations.
pub(crate) struct RustNames {
    /// The crate's directory (`crates/api`), standing for `crate`.
    crate_key: String,
    /// The file's module in its crate (`["proto", "msg"]` for `src/proto/msg.rs`).
    module: Vec<String>,
    /// The file's folder: what a name from a glob import is qualified with.
    dir: String,
    uses: HashMap<String, Vec<String>>,
    declared: HashSet<String>,
}

impl RustNames {
    pub fn new(path: &str, root: Node<'_>, text: &str) -> RustNames {
        let (crate_key, module) = location(path);
        let mut names = RustNames {
            crate_key,
            module,
            dir: path.rsplit_once('/').map_or("", |(d, _)| d).to_string(),
            uses: HashMap::new(),
            declared: HashSet::new(),
        };
        let mut cursor = root.walk();
        for item in root.named_children(&mut cursor) {
            match item.kind_name() {
                "use_declaration" => {
                    if let Some(argument) = item.field("argument") {
                        names.expand_use(argument, text, &[]);
                    }
                }
                "struct_item" | "enum_item" | "type_item" | "union_item" | "trait_item" => {
                    if let Some(name) = item.field("name") {
                        names.declared.insert(text[name.byte_range()].to_string());
                    }
                }
                _ => {}
            }
        }
        names
    }

    /// Records what a use tree binds.
    fn expand_use(&mut self, node: Node<'_>, text: &str, prefix: &[String]) {
        let segments = |n: Node<'_>| -> Vec<String> {
            prefix
                .iter()
                .cloned()
                .chain(split(&text[n.byte_range()]))
                .collect()
        };
        match node.kind_name() {
            "use_as_clause" => {
                if let (Some(path), Some(alias)) = (node.field("path"), node.field("alias")) {
                    let full = self.absolute(&segments(path));
                    self.uses.insert(text[alias.byte_range()].to_string(), full);
                }
            }
            "scoped_use_list" => {
                let path = node.field("path").map(segments);
                let path = path.unwrap_or_else(|| prefix.to_vec());
                if let Some(list) = node.field("list") {
                    self.expand_use(list, text, &path);
                }
            }
            "use_list" => {
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    self.expand_use(child, text, prefix);
                }
            }
            "use_wildcard" => {}
            _ => {
                let mut full = segments(node);
                if full.last().is_some_and(|s| s == "self") {
                    full.pop();
                }
                if let Some(binding) = full.last().cloned() {
                    let full = self.absolute(&full);
                    self.uses.insert(binding, full);
                }
            }
        }
    }

    /// A path as written in a `use`: `crate`, `self` and `super` made absolute, `core` and
    /// `alloc` read as `std`.
    fn absolute(&self, path: &[String]) -> Vec<String> {
        let mut at = match path.first().map(String::as_str) {
            Some("crate") => vec![self.crate_key.clone()],
            Some("self" | "super") => std::iter::once(self.crate_key.clone())
                .chain(self.module.iter().cloned())
                .collect(),
            Some("core" | "alloc") => vec!["std".to_string()],
            _ => return path.to_vec(),
        };
        let mut rest = &path[1..];
        if path[0] == "super" {
            at.pop();
        }
        while rest.first().is_some_and(|s| s == "super") {
            at.pop();
            rest = &rest[1..];
        }
        at.extend(rest.iter().cloned());
        at
    }

    /// The item a type path written in the file means, as one path: `«uuid::Uuid»`; prelude
    /// types and primitives as they are (`String`, `u32`).
    pub fn path(&self, written: &str) -> String {
        let segments = split(written);
        let Some(first) = segments.first() else {
            return written.to_string();
        };
        let full = match first.as_str() {
            "crate" | "self" | "super" | "core" | "alloc" => self.absolute(&segments),
            _ if self.uses.contains_key(first) => self.uses[first]
                .iter()
                .chain(&segments[1..])
                .cloned()
                .collect(),
            _ if self.declared.contains(first) => std::iter::once(self.crate_key.clone())
                .chain(self.module.iter().cloned())
                .chain(segments.iter().cloned())
                .collect(),
            _ if segments.len() > 1 => segments,
            // A prelude type, a primitive (`u32`, `str`) or a lowercase generic parameter.
            _ if PRELUDE.contains(&first.as_str())
                || first
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) =>
            {
                return first.clone();
            }
            // Neither the file's nor imported by name: a glob import brought it.
            _ => vec![format!("{}/?{first}", self.dir)],
        };
        format!("«{}»", full.join("::"))
    }
}

fn split(path: &str) -> Vec<String> {
    path.split("::")
        .map(|s| s.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The crate directory and module path of a file by its place: `crates/a/src/x/mod.rs` is
/// module `x` of `crates/a`.
pub(super) fn location(path: &str) -> (String, Vec<String>) {
    let (dir, rest) = match path.rfind("/src/") {
        Some(i) => (&path[..i], &path[i + "/src/".len()..]),
        None => match path.strip_prefix("src/") {
            Some(rest) => ("", rest),
            None => (path.rsplit_once('/').map_or("", |(d, _)| d), path),
        },
    };
    let stem = rest.strip_suffix(".rs").unwrap_or(rest);
    let mut module: Vec<String> = stem.split('/').map(str::to_string).collect();
    if module.last().is_some_and(|m| m == "mod") || module == ["lib"] || module == ["main"] {
        module.pop();
    }
    (format!("crate:{dir}"), module)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(path: &str, text: &str) -> RustNames {
        let file = structlint_core::SourceFile::new(
            path.into(),
            path.into(),
            structlint_core::Language::Rust,
            text.into(),
        );
        let cx = structlint_core::FileContext::new(&file);
        RustNames::new(path, cx.tree().unwrap().root_node(), text)
    }

    #[test]
    fn paths_lead_to_the_item_they_name() {
        let text = "use uuid::Uuid;\nuse std::collections::{HashMap, BTreeMap as Map};\nuse crate::proto::flat::{self, FlatTree};\nuse super::Span;\nuse core::fmt;\nstruct Local;\n";
        let n = names("crates/api/src/proto/msg.rs", text);
        assert_eq!(n.path("Uuid"), "«uuid::Uuid»");
        assert_eq!(n.path("HashMap"), "«std::collections::HashMap»");
        assert_eq!(
            n.path("std::collections::HashMap"),
            "«std::collections::HashMap»"
        );
        assert_eq!(n.path("Map"), "«std::collections::BTreeMap»");
        assert_eq!(
            n.path("FlatTree"),
            "«crate:crates/api::proto::flat::FlatTree»"
        );
        assert_eq!(
            n.path("flat::Node"),
            "«crate:crates/api::proto::flat::Node»"
        );
        assert_eq!(n.path("Span"), "«crate:crates/api::proto::Span»");
        assert_eq!(
            n.path("crate::proto::Span"),
            "«crate:crates/api::proto::Span»"
        );
        assert_eq!(n.path("fmt::Debug"), "«std::fmt::Debug»");
        assert_eq!(n.path("Local"), "«crate:crates/api::proto::msg::Local»");
        assert_eq!(n.path("u32"), "u32");
        assert_eq!(n.path("String"), "String");
        assert_eq!(n.path("Globbed"), "«crates/api/src/proto/?Globbed»");
        let other = names("crates/api/src/legacy/msg.rs", "struct Local;\n");
        assert_ne!(other.path("Local"), n.path("Local"));
    }
}
