//! Small helpers over syn's syntax that the fact collectors share: where a node is in the
//! file, and the paths a `use` tree names.

use structlint_core::{FileContext, Span};
use structlint_lang::syn;

/// The span of a syn node, through the file's line index: linear in the size of the node's
/// line, so extracting facts stays linear in the size of the file.
pub(crate) fn span_of(cx: &FileContext<'_>, span: proc_macro2::Span) -> Span {
    let (text, lines) = (cx.text(), &cx.file.lines);
    let offset =
        |lc: proc_macro2::LineColumn| lines.offset_of_char_column(text, lc.line, lc.column);
    let (start, end) = (offset(span.start()), offset(span.end()));
    cx.span(start..end.max(start))
}

/// `use a::{b, c::d as e, f::*}` → `a::b`, `a::c::d`, `a::f::*`.
pub(crate) fn flatten(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => out.push(
            prefix
                .iter()
                .cloned()
                .chain([n.ident.to_string()])
                .collect(),
        ),
        syn::UseTree::Rename(r) => out.push(
            prefix
                .iter()
                .cloned()
                .chain([r.ident.to_string()])
                .collect(),
        ),
        syn::UseTree::Glob(_) => {
            out.push(prefix.iter().cloned().chain(["*".to_string()]).collect())
        }
        syn::UseTree::Group(g) => {
            for item in &g.items {
                flatten(item, prefix, out);
            }
        }
    }
}
