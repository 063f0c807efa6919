//! What a Rust file uses, from syn's tree: every `use` flattened to full paths (groups, globs,
//! renames), and every path of two or more segments in the code (`acme_repo::memory::Store`,
//! `crate::ui::render`), each with its place in the file.

use structlint_core::{FileContext, Span};

use crate::items::Items;
use crate::syntax::{flatten, span_of};
use structlint_lang::syn;
use structlint_lang::syn::spanned::Spanned;
use structlint_lang::syn::visit::{self, Visit};

/// One use of a path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PathUse {
    /// `["acme_repo", "memory", "Store"]`; a glob ends in `*`.
    pub segments: Vec<String>,
    /// A `use` declaration (rather than a path in the code).
    pub declared: bool,
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RustFacts {
    pub uses: Vec<PathUse>,
    /// Module-level items, module declarations and re-exports.
    pub items: Items,
}

impl RustFacts {
    /// The facts of a Rust file; `None` when syn rejects it (the engine notes that).
    pub fn extract(cx: &FileContext<'_>) -> Option<RustFacts> {
        let file = cx.syn()?;
        let mut collector = Collector {
            cx,
            facts: RustFacts::default(),
        };
        collector.visit_file(file);
        collector.facts.items = crate::items::collect(cx, file);
        Some(collector.facts)
    }
}

struct Collector<'a, 'f> {
    cx: &'a FileContext<'f>,
    facts: RustFacts,
}

impl Collector<'_, '_> {
    fn span(&self, span: proc_macro2::Span) -> Span {
        span_of(self.cx, span)
    }
}

/// Whether `attrs` make an item test-only (`#[cfg(test)]`, `#[test]`): such code builds with
/// the dev-dependencies and is not part of what the crate uses.
fn test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || (a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test"))
    })
}

impl<'ast> Visit<'ast> for Collector<'_, '_> {
    /// Attribute paths are not uses of a crate: `#[rust_analyzer::rust_fixture]` and
    /// `#[clippy::…]` name tools, and an attribute macro's crate is a dependency the
    /// manifest already declares (and is checked there).
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !test_only(&item.attrs) {
            visit::visit_item_mod(self, item);
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !test_only(&item.attrs) {
            visit::visit_item_fn(self, item);
        }
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if !test_only(&item.attrs) {
            visit::visit_item_impl(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let span = self.span(item.span());
        let mut paths = Vec::new();
        flatten(&item.tree, &mut Vec::new(), &mut paths);
        for segments in paths {
            self.facts.uses.push(PathUse {
                segments,
                declared: true,
                span: span.clone(),
            });
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.segments.len() >= 2 {
            let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            if !matches!(segments[0].as_str(), "std" | "core" | "alloc" | "Self") {
                let span = self.span(path.span());
                self.facts.uses.push(PathUse {
                    segments,
                    declared: false,
                    span,
                });
            }
        }
        visit::visit_path(self, path);
    }
}

#[cfg(test)]
mod tests {
    use structlint_core::{Language, SourceFile};

    use super::*;

    #[test]
    fn uses_are_flattened_and_code_paths_kept() {
        let text = "use acme_repo::{memory::Store, remote::{self as r, *}};\nuse crate::ui::render as draw;\n\nfn f() {\n    let s = acme_types::InvoiceId(1);\n    std::mem::drop(s);\n}\n";
        let file = SourceFile::new(
            "src/lib.rs".into(),
            "src/lib.rs".into(),
            Language::Rust,
            text.into(),
        );
        let facts = RustFacts::extract(&FileContext::new(&file)).unwrap();
        let shown: Vec<String> = facts
            .uses
            .iter()
            .map(|u| {
                format!(
                    "{}{} @{}",
                    if u.declared { "use " } else { "" },
                    u.segments.join("::"),
                    u.span.start_pos.line
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                "use acme_repo::memory::Store @1",
                "use acme_repo::remote::self @1",
                "use acme_repo::remote::* @1",
                "use crate::ui::render @2",
                "acme_types::InvoiceId @5"
            ]
        );
    }
}

#[cfg(test)]
mod attribute_tests {
    use structlint_core::{Language, SourceFile};

    use super::*;

    /// Tool attributes, an attribute macro and test-only code: none of them is a use of a
    /// crate by the library.
    #[test]
    fn attributes_and_test_code_are_not_uses() {
        let text = "#[rust_analyzer::rust_fixture]
fn fixture(#[rust_analyzer::rust_fixture] text: &str) {}
#[clippy::msrv = \"1.70\"]
fn old() {}
#[tokio::main]
async fn main() { app_core::run(); }
#[cfg(test)]
mod tests {
    use app_ui::Screen;
    fn t() { app_ui::draw(); }
}
#[test]
fn check() { app_cli::go(); }
";
        let file = SourceFile::new(
            "src/lib.rs".into(),
            "src/lib.rs".into(),
            Language::Rust,
            text.into(),
        );
        let facts = RustFacts::extract(&FileContext::new(&file)).unwrap();
        let uses: Vec<String> = facts.uses.iter().map(|u| u.segments.join("::")).collect();
        assert_eq!(uses, ["app_core::run"]);
    }
}

#[cfg(test)]
mod item_tests {
    use structlint_core::{Language, SourceFile};

    use super::*;
    use crate::Vis;

    #[test]
    fn items_modules_and_reexports() {
        let text = "pub mod api;\nmod memory;\npub use memory::{Store, Cache as C};\n#[doc(hidden)]\npub fn internal() {}\npub(crate) struct K;\nmod inner { pub fn deep() {} }\n#[cfg(test)]\nmod tests { pub fn helper() {} }\n";
        let file = SourceFile::new(
            "src/lib.rs".into(),
            "src/lib.rs".into(),
            Language::Rust,
            text.into(),
        );
        let facts = RustFacts::extract(&FileContext::new(&file)).unwrap().items;
        let items: Vec<String> = facts
            .items
            .iter()
            .map(|i| {
                format!(
                    "{}{} {:?} hidden={} test={}",
                    i.module
                        .iter()
                        .map(|m| format!("{m}::"))
                        .collect::<String>(),
                    i.name,
                    i.vis,
                    i.doc_hidden,
                    i.test_only
                )
            })
            .collect();
        assert_eq!(
            items,
            [
                "internal Public hidden=true test=false",
                "K Crate hidden=false test=false",
                "inner::deep Public hidden=false test=false",
                "tests::helper Public hidden=false test=true"
            ]
        );
        let mods: Vec<(String, bool)> = facts
            .mods
            .iter()
            .map(|m| (m.name.clone(), m.public))
            .collect();
        assert_eq!(
            mods,
            [
                ("api".into(), true),
                ("memory".into(), false),
                ("inner".into(), false),
                ("tests".into(), false)
            ]
        );
        let reexports: Vec<String> = facts.reexports.iter().map(|r| r.path.join("::")).collect();
        assert_eq!(reexports, ["memory::Store", "memory::Cache"]);
        assert_eq!(
            facts.items[0]
                .vis_span
                .as_ref()
                .map(|s| &text[s.start..s.end]),
            Some("pub")
        );
        let _ = Vis::Private;
    }
}
