//! How deeply a Rust file nests, measured on its tokens before syn parses them.
//!
//! syn parses, visits and drops its tree by recursion, one set of stack frames per level, and
//! a stack overflow aborts the process: no `catch_unwind` turns it into a note. A file whose
//! measure is over [`MAX_NESTING`] is refused before syn sees it. Tokenizing is safe at any
//! depth: proc-macro2 lexes and drops token trees with explicit stacks.
//!
//! The measure is an upper bound on syn's depth, not the depth itself. Each delimited group
//! is a level; inside a level, every token that can open a level of syn's tree without a
//! delimiter (an operator, `<`, `&`, `else`, `return`, `impl`, …) counts one more until
//! something ends the expression or type it belongs to: `;`, a `,` outside `<…>`, or a new
//! statement after a `{…}` block. The measure at a point is the sum over the enclosing levels.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree, token_stream};

/// The deepest measure structlint parses with syn. The costliest construct for the stack, a
/// `mod` per level, takes about 6 KiB per level in a release build and 42 KiB in a debug
/// build: a thousand levels fit the engine's 64 MiB worker stacks either way. Real code stays
/// far below: the deepest of 3,700 files of popular crates measured 222 (a list of 70 trait
/// bounds).
pub const MAX_NESTING: usize = 1000;

/// Keywords that start a nested expression, type or pattern without a delimiter.
const NESTING_KEYWORDS: &[&str] = &[
    "as", "async", "box", "break", "become", "const", "dyn", "else", "fn", "for", "if", "impl",
    "in", "let", "loop", "match", "move", "return", "static", "unsafe", "while", "yield",
];

struct Level {
    tokens: token_stream::IntoIter,
    /// Tokens counted since the last point where nesting ends.
    count: usize,
    /// `<` not yet closed: a `,` between them separates generic arguments, which nest on.
    angles: usize,
    /// The previous token: a `{…}` group, or a punctuation joined to the next one.
    after_brace: bool,
    after_hash: bool,
    joint: Option<char>,
}

impl Level {
    fn new(tokens: TokenStream) -> Level {
        Level {
            tokens: tokens.into_iter(),
            count: 0,
            angles: 0,
            after_brace: false,
            after_hash: false,
            joint: None,
        }
    }

    /// Counts `token`; returns the group to descend into.
    fn take(&mut self, token: TokenTree) -> Option<TokenStream> {
        let after_brace = std::mem::replace(&mut self.after_brace, false);
        let after_hash = std::mem::replace(&mut self.after_hash, false);
        let joint = self.joint.take();
        match token {
            TokenTree::Group(group) => return Some(group.stream()),
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                if after_brace && name != "else" && name != "as" {
                    self.reset();
                }
                if NESTING_KEYWORDS.contains(&name.as_str()) {
                    self.count += 1;
                }
            }
            TokenTree::Punct(punct) => {
                let c = punct.as_char();
                match c {
                    ';' => self.reset(),
                    ',' if self.angles == 0 => self.reset(),
                    '#' if after_brace => self.reset(),
                    ',' | '#' | ':' | '$' | '\'' => {}
                    // `#![…]`, an inner attribute (every `//!` line is one).
                    '!' if after_hash => {}
                    _ => {
                        self.count += 1;
                        match (c, joint) {
                            ('<', _) => self.angles += 1,
                            ('>', Some('-')) => {}
                            // A match arm's pattern ends at `=>`; its arms are siblings.
                            ('>', Some('=')) => self.reset(),
                            ('>', _) => self.angles = self.angles.saturating_sub(1),
                            _ => {}
                        }
                    }
                }
                self.after_hash = c == '#';
                if punct.spacing() == Spacing::Joint {
                    self.joint = Some(c);
                }
            }
            TokenTree::Literal(_) if after_brace => self.reset(),
            TokenTree::Literal(_) => {}
        }
        None
    }

    fn reset(&mut self) {
        self.count = 0;
        self.angles = 0;
    }
}

/// The nesting measure of `tokens` (see the module documentation), without recursion.
pub(crate) fn measure(tokens: TokenStream) -> usize {
    let mut stack = vec![(Level::new(tokens), false)];
    // The measure of the levels below the top one.
    let mut below = 0;
    let mut deepest = 0;
    while let Some((top, _)) = stack.last_mut() {
        match top.tokens.next() {
            Some(token) => {
                let brace =
                    matches!(&token, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace);
                match top.take(token) {
                    Some(inner) => {
                        below += 1 + top.count;
                        stack.push((Level::new(inner), brace));
                        deepest = deepest.max(below + 1);
                    }
                    None => deepest = deepest.max(below + 1 + top.count),
                }
            }
            None => {
                let (_, brace) = stack.pop().expect("the loop saw a top level");
                if let Some((parent, _)) = stack.last_mut() {
                    below -= 1 + parent.count;
                    parent.after_brace = brace;
                }
            }
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> usize {
        measure(text.parse().unwrap())
    }

    #[test]
    fn delimiters_and_undelimited_nesting_both_count() {
        let parens = |n| format!("fn f() -> u8 {{ {}1{} }}", "(".repeat(n), ")".repeat(n));
        assert_eq!(of(&parens(50)) - of(&parens(0)), 50);
        assert!(
            of(&format!(
                "type T = {}u8{};",
                "Vec<".repeat(50),
                ">".repeat(50)
            )) > 50
        );
        assert!(of(&format!("fn f() {{ {}x }}", "!".repeat(50))) > 50);
        assert!(of(&format!("fn f() {{ {}x }}", "return ".repeat(50))) > 50);
        let chain = format!("fn f() {{ if a {{}} {} }}", "else if a {} ".repeat(50));
        assert!(of(&chain) > 50);
        let sum = format!("const A: u8 = {}1;", "1 + ".repeat(50));
        assert!(of(&sum) > 50);
    }

    #[test]
    fn siblings_do_not_add_up() {
        let items = "pub fn f(a: u8) -> Option<u8> { Some(a + 1) }\n".repeat(500);
        assert!(of(&items) < 10, "{}", of(&items));
        let statements = format!(
            "fn f() {{ {} }}",
            "let x = a + b * c; if x > 1 { g() } ".repeat(500)
        );
        assert!(of(&statements) < 10);
        let arms = format!(
            "fn f() {{ match x {{ {} }} }}",
            "A => -1, B => { -2 } ".repeat(500)
        );
        assert!(of(&arms) < 10);
        let table = format!("const T: [i8; 500] = [{}];", "-1, ".repeat(500));
        assert!(of(&table) < 10);
    }

    #[test]
    fn commas_inside_generics_do_not_end_the_nesting() {
        let nested = format!("type T = {}u8{};", "Map<u8, ".repeat(50), ">".repeat(50));
        assert!(of(&nested) > 50);
        let arrows = format!(
            "type T = {}u8{};",
            "A<fn() -> u8, ".repeat(50),
            ">".repeat(50)
        );
        assert!(of(&arrows) > 50);
    }
}
