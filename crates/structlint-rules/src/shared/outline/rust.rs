//! The top of a Rust file from syn's tree, node for node as tree-sitter gives it: syn has the
//! items and attributes, and the text between them holds the comments.

use std::ops::Range;

use proc_macro2::{LineColumn, Span};
use structlint_core::FileContext;
use structlint_lang::syn;
use structlint_lang::syn::spanned::Spanned;

use super::Top;

/// The top-level nodes of a file syn parsed; `None` for syntax tree-sitter reads otherwise
/// (an item syn keeps as raw tokens, a trait alias) or text between syn's items that is not
/// a comment, where the tree-sitter outline decides.
pub(super) fn top_level(cx: &FileContext<'_>, file: &syn::File) -> Option<Vec<Top>> {
    let mut walk = Walk {
        text: cx.text(),
        offset: |at: LineColumn| {
            cx.file
                .lines
                .offset_of_char_column(cx.text(), at.line, at.column)
        },
        at: 0,
        top: Vec::new(),
    };
    // tree-sitter reads a byte-order mark as blanks, and a shebang as a node to its newline.
    walk.at = if walk.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    if file.shebang.is_some() {
        let end = walk.text.find('\n').map_or(walk.text.len(), |i| i + 1);
        walk.push(walk.at..end, false, None);
        walk.at = end;
    }
    walk.attributes(&file.attrs, false)?;
    for item in &file.items {
        walk.attributes(attrs(item)?, true)?;
        let start = walk.comments(usize::MAX);
        let end = (walk.offset)(last_token(item)?.end());
        let named = describe(item, &walk, start..end)?;
        walk.push(start..end, false, named);
        walk.at = end;
    }
    (walk.comments(usize::MAX) == walk.text.len()).then_some(walk.top)
}

struct Walk<'t, F> {
    text: &'t str,
    offset: F,
    /// Where the text not yet turned into nodes starts.
    at: usize,
    top: Vec<Top>,
}

impl<F: Fn(LineColumn) -> usize> Walk<'_, F> {
    fn push(&mut self, bytes: Range<usize>, trivia: bool, item: Option<Named>) {
        self.top.push(Top {
            bytes,
            trivia,
            item,
        });
    }

    fn range(&self, span: Span) -> Range<usize> {
        (self.offset)(span.start())..(self.offset)(span.end())
    }

    /// The attributes written as `#[…]` or `#![…]`, with the comments before each; doc
    /// comments are comments here, as in tree-sitter's tree. `None` when something else
    /// sits before an attribute.
    fn attributes(&mut self, attrs: &[syn::Attribute], outer: bool) -> Option<()> {
        // syn adds the inner attributes of an item's body to the item's own.
        let inner = !outer;
        for attr in attrs
            .iter()
            .filter(|a| matches!(a.style, syn::AttrStyle::Inner(_)) == inner)
        {
            let start = (self.offset)(attr.pound_token.span.start());
            if !self.text[start..].starts_with('#') {
                continue;
            }
            if self.comments(start) != start {
                return None;
            }
            let end = (self.offset)(attr.bracket_token.span.close().end());
            self.push(start..end, outer, None);
            self.at = end;
        }
        Some(())
    }

    /// Pushes the comments from `self.at` on and moves past them and the blanks around them;
    /// returns where the next token starts (or `limit`, or the end of the text).
    fn comments(&mut self, limit: usize) -> usize {
        let bytes = self.text.as_bytes();
        let limit = limit.min(bytes.len());
        let mut at = self.at;
        while at < limit {
            let rest = &self.text[at..];
            let end = if rest.starts_with("//") {
                let eol = rest.find('\n').map_or(rest.len(), |i| i + 1);
                // A doc comment's node ends after its newline, a plain one's before it.
                let doc = (rest.starts_with("///") && !rest.starts_with("////"))
                    || rest.starts_with("//!");
                let line = if doc {
                    eol
                } else {
                    rest[..eol].trim_end_matches(['\n', '\r']).len()
                };
                at + line
            } else if rest.starts_with("/*") {
                at + block_comment(rest)
            } else if rest
                .starts_with(|c: char| c.is_whitespace() || c == '\u{200e}' || c == '\u{200f}')
            {
                at += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            } else {
                break;
            };
            self.push(at..end, true, None);
            at = end;
        }
        self.at = at;
        at
    }
}

/// The length of the block comment at the start of `text`; Rust's block comments nest.
fn block_comment(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0);
    while i + 1 < bytes.len() {
        match &bytes[i..i + 2] {
            b"/*" => {
                depth += 1;
                i += 2;
            }
            b"*/" => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

type Named = (&'static str, String, Range<usize>);

/// What tree-sitter's outline says of `item`, whose node covers `node`; `Some(None)` for a
/// node that declares nothing to move (a `use`, a `mod x;`, a macro call ending in `;`).
fn describe<F: Fn(LineColumn) -> usize>(
    item: &syn::Item,
    walk: &Walk<'_, F>,
    node: Range<usize>,
) -> Option<Option<Named>> {
    let named = |kind: &'static str, ident: &syn::Ident| {
        Some(Some((kind, ident.to_string(), walk.range(ident.span()))))
    };
    let text = |span: Span| &walk.text[walk.range(span)];
    match item {
        syn::Item::Fn(i) => named("fn", &i.sig.ident),
        syn::Item::Struct(i) => named("struct", &i.ident),
        syn::Item::Enum(i) => named("enum", &i.ident),
        syn::Item::Union(i) => named("union", &i.ident),
        syn::Item::Trait(i) => named("trait", &i.ident),
        syn::Item::Mod(i) if i.content.is_some() => named("mod", &i.ident),
        syn::Item::Const(i) => named("const", &i.ident),
        syn::Item::Static(i) => named("static", &i.ident),
        syn::Item::Type(i) => named("type", &i.ident),
        syn::Item::Macro(i) => match &i.ident {
            Some(ident) => named("macro_rules!", ident),
            // A call in parentheses or brackets is a statement with its `;` in tree-sitter.
            None if i.semi_token.is_some() => Some(None),
            None => {
                let name = format!("{}!", text(i.mac.path.span()));
                Some(Some(("macro", name, node)))
            }
        },
        syn::Item::Impl(i) => {
            let ty = text(i.self_ty.span());
            let name = match &i.trait_ {
                Some((path, _)) => format!("{} for {ty}", text(path.span())),
                None => ty.to_string(),
            };
            Some(Some(("impl", name, node)))
        }
        syn::Item::Mod(_) | syn::Item::Use(_) | syn::Item::ExternCrate(_) => Some(None),
        syn::Item::ForeignMod(_) => Some(None),
        _ => None,
    }
}

fn attrs(item: &syn::Item) -> Option<&[syn::Attribute]> {
    Some(match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::ExternCrate(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::ForeignMod(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Union(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => return None,
    })
}

/// The item's last token, where its node ends.
fn last_token(item: &syn::Item) -> Option<Span> {
    let close = |delim: &proc_macro2::extra::DelimSpan| delim.close();
    Some(match item {
        syn::Item::Const(i) => i.semi_token.span,
        syn::Item::Enum(i) => close(&i.brace_token.span),
        syn::Item::ExternCrate(i) => i.semi_token.span,
        syn::Item::Fn(i) => close(&i.block.brace_token.span),
        syn::Item::ForeignMod(i) => close(&i.brace_token.span),
        syn::Item::Impl(i) => close(&i.brace_token.span),
        syn::Item::Macro(i) => match (&i.semi_token, &i.mac.delimiter) {
            (Some(semi), _) => semi.span,
            (None, syn::MacroDelimiter::Paren(d)) => close(&d.span),
            (None, syn::MacroDelimiter::Brace(d)) => close(&d.span),
            (None, syn::MacroDelimiter::Bracket(d)) => close(&d.span),
        },
        syn::Item::Mod(i) => match (&i.semi, &i.content) {
            (Some(semi), _) => semi.span,
            (None, Some((brace, _))) => close(&brace.span),
            (None, None) => return None,
        },
        syn::Item::Static(i) => i.semi_token.span,
        syn::Item::Struct(i) => match (&i.semi_token, &i.fields) {
            (Some(semi), _) => semi.span,
            (None, syn::Fields::Named(f)) => close(&f.brace_token.span),
            _ => return None,
        },
        syn::Item::Trait(i) => close(&i.brace_token.span),
        syn::Item::Type(i) => i.semi_token.span,
        syn::Item::Union(i) => close(&i.fields.brace_token.span),
        syn::Item::Use(i) => i.semi_token.span,
        _ => return None,
    })
}
