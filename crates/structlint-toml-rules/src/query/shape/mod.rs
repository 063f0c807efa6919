//! Query shapes that tree-sitter 0.27's query compiler never returns from, rejected before it
//! sees them: a rule file must not be able to freeze `check`, `test`, `query` or the editor.
//!
//! - A `+` or `*` over a pattern that can match nothing (`((_)?)+`, `((x _+)*)+`, and
//!   `(_ (x)?)*`, because the compiler starts a wildcard or supertype node at its first
//!   child): the compiler follows the pattern's chain of alternatives, which loops back to where
//!   it started, forever, growing memory. Every repetition of what can match nothing is
//!   rejected, also the few the compiler would survive: the loop depends on how it lays out its
//!   steps, and repeating "nothing" is never what an author means.
//! - A field, a capture or a quantifier on a pattern of predicates alone
//!   (`body: (#eq? @a "x")`, `((#eq? @a "x")) @c`, `[(#eq? @a "x")]?`): the compiler puts it on
//!   the pattern's first step, which does not exist, and an assertion aborts the process.
//! - Brackets nested thousands deep: its parser recurses once per bracket and overflows the
//!   stack, which aborts the process.
//!
//! The reader mirrors the compiler's grammar (query.c, `ts_query__parse_pattern`) closely enough
//! to see every repetition, in the order the compiler reads them: the compiler may loop on one
//! before it reaches a syntax error further on, so the reader stops at the first; where the
//! reader cannot go on, the compiler stops with a syntax error too.

use structlint_lang::tree_sitter::Language;

use read::Reader;

mod read;

/// Deeper than any real query; far below the depth that overflows a 2 MiB thread stack.
pub(crate) const MAX_NESTING: usize = 64;

/// Why a query is rejected, at a byte offset of its source.
pub(crate) struct Rejected {
    pub offset: usize,
    pub message: String,
    pub help: String,
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Quantifier {
    One,
    Optional,
    ZeroOrMore,
    OneOrMore,
}

impl Quantifier {
    /// tree-sitter's `quantifier_join` for the suffixes it reads one after another.
    pub fn then(self, next: Quantifier) -> Quantifier {
        use Quantifier::*;
        match (self, next) {
            (One, q) | (q, One) => q,
            (Optional, Optional) => Optional,
            (OneOrMore, OneOrMore) => OneOrMore,
            _ => ZeroOrMore,
        }
    }
}

pub(super) enum Shape {
    /// `(kind children…)`; `transparent` when the compiler may start matching at its first
    /// child: a wildcard `(_ …)` or a supertype.
    Node {
        transparent: bool,
        children: Vec<Item>,
    },
    Group(Vec<Item>),
    Alternation(Vec<Item>),
    /// A string, a bare `_`: one node.
    Leaf,
    /// `(#eq? …)`: no node at all.
    Predicate,
}

pub(super) struct Item {
    pub shape: Shape,
    pub quantifier: Quantifier,
    /// Where the first quantifier of the item is written.
    pub quantifier_at: usize,
}

/// A shape the reader stops at.
#[derive(Clone, Copy)]
pub(super) enum Refusal {
    RepeatsNothing,
    FieldWithoutNode,
    SuffixWithoutNode,
}

impl Item {
    /// Whether the compiler adds a step for the item: a predicate matches no node, and a group
    /// or an alternation of predicates alone adds none either.
    fn adds_step(&self) -> bool {
        match &self.shape {
            Shape::Node { .. } | Shape::Leaf => true,
            Shape::Group(items) | Shape::Alternation(items) => items.iter().any(Item::adds_step),
            Shape::Predicate => false,
        }
    }

    /// Whether the item can match no node at all, as the compiler's chain of alternatives sees
    /// it.
    fn nullable(&self) -> bool {
        matches!(
            self.quantifier,
            Quantifier::Optional | Quantifier::ZeroOrMore
        ) || self.shape_nullable()
    }

    fn shape_nullable(&self) -> bool {
        let all = |items: &[Item]| {
            items
                .iter()
                .filter(|i| !matches!(i.shape, Shape::Predicate))
                .all(Item::nullable)
        };
        match &self.shape {
            Shape::Node {
                transparent,
                children,
            } => {
                *transparent
                    && children
                        .iter()
                        .any(|c| !matches!(c.shape, Shape::Predicate))
                    && all(children)
            }
            Shape::Group(items) => all(items),
            Shape::Alternation(branches) => branches.iter().any(Item::nullable),
            Shape::Leaf => false,
            Shape::Predicate => true,
        }
    }
}

/// Checks `source` for the shapes tree-sitter cannot compile; `language` tells which node
/// kinds are supertypes.
pub(crate) fn check(source: &str, language: &Language) -> Result<(), Rejected> {
    if let Some(at) = too_deep(source) {
        return Err(Rejected {
            offset: at,
            message: format!("brackets nested more than {MAX_NESTING} deep"),
            help: "a query this deep crashes tree-sitter's query compiler; write the pattern flatter, or split it into several".into(),
        });
    }
    // The compiler loops as soon as it reads such a repetition, even when a syntax error
    // follows: the reader stops at the first one, and otherwise leaves syntax errors to it.
    let mut reader = Reader::new(source, language);
    let _ = reader.patterns();
    match reader.refused {
        None => Ok(()),
        Some((at, Refusal::RepeatsNothing)) => Err(Rejected {
            offset: at,
            message: "this `+` or `*` repeats a pattern that can match no node at all, which can make tree-sitter's query compiler loop forever".into(),
            help: "make what is repeated match at least one node: write `(x)*` rather than `((x)?)+` or `((x)*)+`, and give a repeated `(_ …)` a required first child".into(),
        }),
        Some((at, Refusal::SuffixWithoutNode)) => Err(Rejected {
            offset: at,
            message: "this capture or quantifier applies to predicates alone, which match no node: tree-sitter's query compiler crashes on it".into(),
            help: "capture or quantify a node pattern, and put the predicates after it: `((identifier) @id (#eq? @id \"x\"))?`".into(),
        }),
        Some((at, Refusal::FieldWithoutNode)) => Err(Rejected {
            offset: at,
            message: "this field names only a predicate, which matches no node: tree-sitter's query compiler crashes on it".into(),
            help: "a field takes a node pattern, and a predicate follows the pattern it tests: write `(function_declaration name: (identifier) @n (#eq? @n \"main\"))`".into(),
        }),
    }
}

/// The offset of the first bracket nested deeper than [`MAX_NESTING`], outside strings and
/// comments.
fn too_deep(source: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = source.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '(' | '[' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            ')' | ']' => depth = depth.saturating_sub(1),
            '"' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            ';' => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests;
