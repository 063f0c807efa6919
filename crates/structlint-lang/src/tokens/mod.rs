//! Tokens of a TypeScript/JavaScript file at one bracket depth: a bracketed group, a string,
//! a template, a regular expression or a JSX element is one token, skipped as a whole. This
//! is all the top-level outline needs, at a fraction of a parse's cost. Where the text is
//! ambiguous without a grammar (a `<` that may be a generic or an element, a string that
//! does not close on its line), the lexer gives up with `None` and the caller parses.

/// How deep brackets and elements may nest before the lexer gives up: the parser, which does
/// not recurse, handles such a file instead.
const MAX_DEPTH: usize = 256;

use std::ops::Range;

mod jsx;
mod statements;

pub use statements::{Statement, TopLevel, TopNode, after_decorators, angles, is_body, top_level};

/// `require(…)` or `import(…)`: a call whose argument may name a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// `require` or `import`.
    pub callee: Range<usize>,
    /// The parenthesised arguments, parentheses included.
    pub arguments: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An identifier, keyword or number.
    Word,
    /// A string, template, regular expression or JSX element.
    Literal,
    /// `;`, `,`, `.`, `@`, or a run of operator characters such as `=>` or `===`.
    Punct,
    /// A bracketed group, by its opening bracket, with everything up to its closing one.
    Group(u8),
    Close(u8),
    Comment,
    End,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whether a line ends between the previous token and this one.
    pub newline_before: bool,
}

pub struct Lexer<'t> {
    source: &'t str,
    text: &'t [u8],
    /// Where the next token starts.
    pub at: usize,
    /// Whether `<` in expression position opens a JSX element (TSX and JavaScript).
    jsx: bool,
    depth: usize,
    /// The `require(…)` and `import(…)` calls met so far, at any depth.
    pub calls: Vec<Call>,
}

impl<'t> Lexer<'t> {
    pub fn new(text: &'t str, jsx: bool) -> Self {
        Lexer {
            source: text,
            text: text.as_bytes(),
            at: 0,
            jsx,
            depth: 0,
            calls: Vec::new(),
        }
    }

    fn peek(&self, ahead: usize) -> u8 {
        self.text.get(self.at + ahead).copied().unwrap_or(0)
    }

    /// The next token; `expression` says whether an expression may start here, which
    /// decides whether `/` is a regular expression and `<` an element.
    pub fn token(&mut self, expression: bool) -> Option<Token> {
        let newline_before = self.blanks();
        let start = self.at;
        let kind = match self.peek(0) {
            0 if start >= self.text.len() => Kind::End,
            b'/' if self.peek(1) == b'/' => {
                self.at = memchr::memchr(b'\n', &self.text[start..])
                    .map_or(self.text.len(), |i| start + i);
                Kind::Comment
            }
            b'/' if self.peek(1) == b'*' => {
                let close = memchr::memmem::find(&self.text[start + 2..], b"*/")?;
                self.at = start + 2 + close + 2;
                Kind::Comment
            }
            b'/' if expression => {
                self.regex()?;
                Kind::Literal
            }
            quote @ (b'\'' | b'"') => {
                self.string(quote)?;
                Kind::Literal
            }
            b'`' => {
                self.template()?;
                Kind::Literal
            }
            open @ (b'(' | b'[' | b'{') => {
                self.at += 1;
                self.group(closing(open))?;
                Kind::Group(open)
            }
            close @ (b')' | b']' | b'}') => {
                self.at += 1;
                Kind::Close(close)
            }
            b'<' if expression && self.jsx && !self.type_parameters_ahead() => {
                self.element()?;
                Kind::Literal
            }
            b'.' if self.peek(1).is_ascii_digit() => {
                self.at += 1;
                self.word();
                Kind::Word
            }
            c if is_word(c) => {
                self.word();
                Kind::Word
            }
            c if is_operator(c) => {
                while is_operator(self.peek(0)) {
                    self.at += 1;
                }
                Kind::Punct
            }
            _ => {
                self.at += 1;
                Kind::Punct
            }
        };
        Some(Token {
            kind,
            start,
            end: self.at,
            newline_before,
        })
    }
}

/// Whether an expression may start after `token`, a token of `text`.
pub fn expression_after(token: &Token, text: &str) -> bool {
    let word = &text[token.start..token.end];
    match token.kind {
        Kind::Word => matches!(
            word,
            "return"
                | "typeof"
                | "instanceof"
                | "in"
                | "of"
                | "new"
                | "delete"
                | "void"
                | "throw"
                | "case"
                | "do"
                | "else"
                | "yield"
                | "await"
                | "extends"
        ),
        // `x!` asserts that x is not null: what follows is an operator.
        Kind::Punct if word == "!" => !text[..token.start]
            .bytes()
            .next_back()
            .is_some_and(|c| is_word(c) || matches!(c, b')' | b']')),
        Kind::Punct => !matches!(word, "++" | "--"),
        Kind::Group(open) => open == b'{',
        Kind::Literal | Kind::Close(_) | Kind::End => false,
        Kind::Comment => true,
    }
}

impl Lexer<'_> {
    /// Skips blanks; says whether a line ended among them.
    fn blanks(&mut self) -> bool {
        let mut newline = false;
        while let Some(&c) = self.text.get(self.at) {
            match c {
                b'\n' | b'\r' => newline = true,
                b' ' | b'\t' | b'\x0b' | b'\x0c' => {}
                _ => break,
            }
            self.at += 1;
        }
        newline
    }

    fn word(&mut self) {
        while is_word(self.peek(0)) {
            self.at += 1;
        }
    }

    /// Everything up to and including `close`, past the opening bracket.
    fn group(&mut self, close: u8) -> Option<()> {
        self.enter()?;
        let mut expression = true;
        let (mut before, mut previous): (Option<Token>, Option<Token>) = (None, None);
        loop {
            let token = self.token(expression)?;
            match token.kind {
                Kind::Close(c) if c == close => break,
                Kind::Close(_) | Kind::End => return None,
                Kind::Comment => continue,
                _ => expression = expression_after(&token, self.source),
            }
            self.note_call(before.as_ref(), previous.as_ref(), &token);
            (before, previous) = (previous, Some(token));
        }
        self.leave();
        Some(())
    }

    /// Notes a call of `require` or `import` when `token` is the `(` group after `previous`,
    /// which comes after `before`: not a method (`x.require(…)`), a constructor or a
    /// function's own name.
    fn note_call(&mut self, before: Option<&Token>, previous: Option<&Token>, token: &Token) {
        let text = |t: &Token| &self.source[t.start..t.end];
        let Some(callee) = previous.filter(|p| p.kind == Kind::Word) else {
            return;
        };
        if token.kind != Kind::Group(b'(')
            || !matches!(text(callee), "require" | "import")
            || before.is_some_and(|b| matches!(text(b), "." | "function" | "new"))
        {
            return;
        }
        self.calls.push(Call {
            callee: callee.start..callee.end,
            arguments: token.start..token.end,
        });
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// A quoted string; one that runs into the end of its line is not JavaScript.
    fn string(&mut self, quote: u8) -> Option<()> {
        self.at += 1;
        loop {
            match self.peek(0) {
                b'\\' => self.at += 2,
                b'\n' | b'\r' => return None,
                0 if self.at >= self.text.len() => return None,
                c => {
                    self.at += 1;
                    if c == quote {
                        return Some(());
                    }
                }
            }
        }
    }

    fn template(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            match self.peek(0) {
                b'\\' => self.at += 2,
                b'`' => {
                    self.at += 1;
                    return Some(());
                }
                b'$' if self.peek(1) == b'{' => {
                    self.at += 2;
                    self.group(b'}')?;
                }
                0 if self.at >= self.text.len() => return None,
                _ => self.at += 1,
            }
        }
    }

    fn regex(&mut self) -> Option<()> {
        self.at += 1;
        let mut class = false;
        loop {
            match self.peek(0) {
                b'\\' => self.at += 1,
                b'[' => class = true,
                b']' => class = false,
                b'/' if !class => break,
                b'\n' | b'\r' => return None,
                0 if self.at >= self.text.len() => return None,
                _ => {}
            }
            self.at += 1;
        }
        self.at += 1;
        self.word();
        Some(())
    }
}

fn closing(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'#') || c >= 0x80
}

/// Characters that join into one operator token; `/` is not one, since it may start a
/// comment or a regular expression.
fn is_operator(c: u8) -> bool {
    matches!(
        c,
        b'=' | b'<'
            | b'>'
            | b'!'
            | b'+'
            | b'-'
            | b'*'
            | b'%'
            | b'&'
            | b'|'
            | b'^'
            | b'?'
            | b':'
            | b'~'
    )
}

#[cfg(test)]
mod tests;
