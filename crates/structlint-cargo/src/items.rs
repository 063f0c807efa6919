//! The items a Rust file declares at module level (its own and its inline modules'): their
//! visibility and `#[doc(hidden)]`, the modules it declares, and what it re-exports.

use structlint_core::{FileContext, Span};
use structlint_lang::syn;
use structlint_lang::syn::spanned::Spanned;
use structlint_lang::syn::visit::{self, Visit};

use crate::syntax::{flatten, span_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Vis {
    Public,
    Crate,
    /// `pub(super)`, `pub(in path)`.
    Restricted,
    Private,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ItemFact {
    /// The inline modules the item sits in, within the file.
    pub module: Vec<String>,
    pub name: String,
    #[serde(with = "item_kind")]
    pub kind: ItemKind,
    pub vis: Vis,
    pub doc_hidden: bool,
    /// In a `#[cfg(test)]` module: not API.
    pub test_only: bool,
    pub span: Span,
    /// The `pub` token, for an edit that narrows it.
    pub vis_span: Option<Span>,
    /// The type names of its public surface (a pub struct's pub fields, a fn's signature, an
    /// enum's variants), each once and sorted: items named there are reachable when this one
    /// is.
    pub surface: Vec<String>,
}

/// The public methods of an `impl` block: what their signatures name is reachable when the
/// type is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImplFact {
    pub self_type: String,
    pub surface: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ModFact {
    pub module: Vec<String>,
    pub name: String,
    pub public: bool,
    pub test_only: bool,
    /// A file module's `#[path = "…"]`, relative to the declaring file's directory.
    pub path: Option<String>,
}

/// A `pub use`, flattened: the path as written and the inline module it is in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reexport {
    pub module: Vec<String>,
    pub path: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Items {
    pub items: Vec<ItemFact>,
    pub impls: Vec<ImplFact>,
    pub mods: Vec<ModFact>,
    pub reexports: Vec<Reexport>,
}

/// What an item is: `fn`, `struct`, `enum`… A named type, because serde would borrow a field
/// written `&str` from the input and so ask the input to live forever.
pub type ItemKind = &'static str;

/// An item's `kind` through the result cache: written as its word, read back as the same
/// `&'static str` from the words `collect` gives, and an error for any other word.
mod item_kind {
    const KINDS: [&str; 8] = [
        "fn", "struct", "enum", "trait", "type", "const", "static", "union",
    ];

    pub(crate) fn serialize<S: serde::Serializer>(
        kind: &&'static str,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(kind)
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<&'static str, D::Error> {
        let word = <String as serde::Deserialize>::deserialize(d)?;
        KINDS
            .into_iter()
            .find(|k| *k == word)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown item kind `{word}`")))
    }
}

pub(crate) fn collect(cx: &FileContext<'_>, file: &syn::File) -> Items {
    let mut out = Items::default();
    walk(cx, &file.items, &mut Vec::new(), false, &mut out);
    out
}

fn walk(
    cx: &FileContext<'_>,
    items: &[syn::Item],
    module: &mut Vec<String>,
    test_only: bool,
    out: &mut Items,
) {
    for item in items {
        let (name, kind, vis, attrs) = match item {
            syn::Item::Fn(i) => (&i.sig.ident, "fn", &i.vis, &i.attrs),
            syn::Item::Struct(i) => (&i.ident, "struct", &i.vis, &i.attrs),
            syn::Item::Enum(i) => (&i.ident, "enum", &i.vis, &i.attrs),
            syn::Item::Trait(i) => (&i.ident, "trait", &i.vis, &i.attrs),
            syn::Item::Type(i) => (&i.ident, "type", &i.vis, &i.attrs),
            syn::Item::Const(i) => (&i.ident, "const", &i.vis, &i.attrs),
            syn::Item::Static(i) => (&i.ident, "static", &i.vis, &i.attrs),
            syn::Item::Union(i) => (&i.ident, "union", &i.vis, &i.attrs),
            syn::Item::Mod(m) => {
                let test = test_only || is_cfg_test(&m.attrs);
                out.mods.push(ModFact {
                    path: path_attr(&m.attrs),
                    module: module.clone(),
                    name: m.ident.to_string(),
                    public: matches!(m.vis, syn::Visibility::Public(_)),
                    test_only: test,
                });
                if let Some((_, content)) = &m.content {
                    module.push(m.ident.to_string());
                    walk(cx, content, module, test, out);
                    module.pop();
                }
                continue;
            }
            syn::Item::Impl(i) => {
                let mut names = Names::default();
                for item in &i.items {
                    if let syn::ImplItem::Fn(f) = item
                        && (i.trait_.is_some() || matches!(f.vis, syn::Visibility::Public(_)))
                    {
                        names.visit_signature(&f.sig);
                    }
                }
                if let syn::Type::Path(p) = &*i.self_ty
                    && let Some(last) = p.path.segments.last()
                {
                    out.impls.push(ImplFact {
                        self_type: last.ident.to_string(),
                        surface: names.into_set(),
                    });
                }
                continue;
            }
            syn::Item::Use(u) if matches!(u.vis, syn::Visibility::Public(_)) => {
                let mut paths = Vec::new();
                flatten(&u.tree, &mut Vec::new(), &mut paths);
                out.reexports.extend(paths.into_iter().map(|path| Reexport {
                    module: module.clone(),
                    path,
                }));
                continue;
            }
            _ => continue,
        };
        let (vis, vis_span) = match vis {
            syn::Visibility::Public(token) => (Vis::Public, Some(span_of(cx, token.span()))),
            syn::Visibility::Restricted(r) if r.path.is_ident("crate") => (Vis::Crate, None),
            syn::Visibility::Restricted(_) => (Vis::Restricted, None),
            syn::Visibility::Inherited => (Vis::Private, None),
        };
        out.items.push(ItemFact {
            surface: surface(item),
            module: module.clone(),
            name: name.to_string(),
            kind,
            vis,
            doc_hidden: attrs.iter().any(is_doc_hidden),
            test_only: test_only || is_cfg_test(attrs),
            span: span_of(cx, name.span()),
            vis_span,
        });
    }
}

fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

fn is_doc_hidden(attr: &syn::Attribute) -> bool {
    matches!(&attr.meta, syn::Meta::List(l) if l.path.is_ident("doc") && l.tokens.to_string().contains("hidden"))
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| matches!(&a.meta, syn::Meta::List(l) if l.path.is_ident("cfg") && l.tokens.to_string().split(|c: char| !c.is_alphanumeric()).any(|w| w == "test")))
}

/// The type names an item's public surface mentions.
fn surface(item: &syn::Item) -> Vec<String> {
    let mut names = Names::default();
    match item {
        syn::Item::Fn(f) => names.visit_signature(&f.sig),
        syn::Item::Struct(s) => s
            .fields
            .iter()
            .filter(|f| matches!(f.vis, syn::Visibility::Public(_)))
            .for_each(|f| names.visit_type(&f.ty)),
        syn::Item::Enum(e) => e
            .variants
            .iter()
            .flat_map(|v| &v.fields)
            .for_each(|f| names.visit_type(&f.ty)),
        syn::Item::Type(t) => names.visit_type(&t.ty),
        syn::Item::Const(c) => names.visit_type(&c.ty),
        syn::Item::Static(s) => names.visit_type(&s.ty),
        syn::Item::Trait(t) => names.visit_item_trait(t),
        _ => {}
    }
    names.into_set()
}

#[derive(Default)]
struct Names(Vec<String>);

impl Names {
    /// Each name once, held exactly: a signature names `String` or `Option` again and again,
    /// and every item's names are kept until the workspace phase.
    fn into_set(mut self) -> Vec<String> {
        self.0.sort_unstable();
        self.0.dedup();
        self.0.shrink_to_fit();
        self.0
    }
}

impl<'ast> Visit<'ast> for Names {
    fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
        self.0.push(segment.ident.to_string());
        visit::visit_path_segment(self, segment);
    }

    fn visit_block(&mut self, _: &'ast syn::Block) {}
}
