//! The languages structlint reads, and how it reads them.
//!
//! - [`Language`] maps a file extension to a language and its tree-sitter grammar
//!   (`.js`/`.jsx`/`.mjs`/`.cjs` use the TSX grammar, which accepts JSX and plain JavaScript).
//! - [`parse_tree`] parses with tree-sitter, reusing one parser per thread and grammar, and
//!   gives up on a file whose error recovery runs away.
//! - [`parse_rust_items`] parses Rust with syn for rules that need exact items.
//! - [`LineIndex`] turns byte offsets into 1-based lines and columns (characters and UTF-16
//!   code units), the one conversion every output format and the language server share.
//! - [`NodeNames`] gives node kinds and fields from tables, without the C-string conversions
//!   of `Node::kind` and `Node::child_by_field_name`.
//! - [`SyntaxErrors`] counts the error and missing nodes tree-sitter recovered from.
//! - [`tokens`] reads a TS/JS file's top level from its tokens, for what needs no tree (an
//!   outline, imports and exports): several times cheaper than a parse.

mod language;
mod line_index;
mod nesting;
mod node_names;
mod parse;
mod syntax_errors;
pub mod tokens;

pub use language::{Grammar, Language};
pub use line_index::{LineIndex, Position};
pub use nesting::MAX_NESTING;
pub use node_names::NodeNames;
pub use parse::{
    GrammarError, ParseError, parse_deadline, parse_rust_items, parse_tree, release_rust_spans,
};
pub use syntax_errors::SyntaxErrors;
pub use {syn, tree_sitter};
