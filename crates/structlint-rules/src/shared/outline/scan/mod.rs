//! The top of a TypeScript/JavaScript file from its tokens (`structlint_lang::tokens`),
//! described the way the tree-sitter outline describes the tree's nodes.

use structlint_core::Language;
use structlint_lang::tokens::{self, TopNode};

mod describe;

use super::Top;
use describe::Describe;

/// The top-level nodes of a TS/JS file; `None` when the lexer cannot follow the text, where
/// the caller parses instead.
pub(super) fn top_level(text: &str, language: Language) -> Option<Vec<Top>> {
    let jsx = matches!(language, Language::Tsx | Language::JavaScript);
    let describe = Describe { text, jsx };
    let top = tokens::top_level(text, jsx)?;
    let nodes = top.nodes.into_iter().map(|node| match node {
        TopNode::Hashbang(bytes) => Top {
            bytes,
            trivia: false,
            item: None,
        },
        TopNode::Comment(bytes) => Top {
            bytes,
            trivia: true,
            item: None,
        },
        TopNode::Statement(statement) => describe.node(&statement.tokens, statement.bytes),
    });
    Some(nodes.collect())
}

#[cfg(test)]
mod tests;
