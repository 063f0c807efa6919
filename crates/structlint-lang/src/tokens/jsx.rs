//! JSX in the token stream: an element, with its attributes and children, is one token.

use super::{Lexer, is_word};

impl Lexer<'_> {
    /// Whether the `<` here opens a generic arrow's type parameters (`<T,>`, `<T extends U>`,
    /// `<T = U>`), which TSX tells from an element by what follows the first name.
    pub(super) fn type_parameters_ahead(&self) -> bool {
        let mut at = self.at + 1;
        let skip_blanks = |mut at: usize| {
            while self.text.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            at
        };
        at = skip_blanks(at);
        let name = at;
        while self.text.get(at).is_some_and(|&c| is_word(c)) {
            at += 1;
        }
        if at == name {
            return false;
        }
        at = skip_blanks(at);
        let rest = &self.text[at.min(self.text.len())..];
        matches!(rest.first(), Some(b',' | b'='))
            || rest.starts_with(b"extends") && !rest.get(7).is_some_and(|&c| is_word(c))
    }

    /// A JSX element or fragment, from its `<` to the end of its closing tag.
    pub(super) fn element(&mut self) -> Option<()> {
        self.enter()?;
        self.at += 1;
        self.blanks();
        if self.peek(0) != b'>' {
            let name = self.at;
            while is_word(self.peek(0)) || matches!(self.peek(0), b'.' | b':' | b'-') {
                self.at += 1;
            }
            if self.at == name {
                return None;
            }
            // Type arguments: `<Select<Option> …>`.
            self.blanks();
            if self.peek(0) == b'<' {
                let mut depth = 0;
                loop {
                    match self.peek(0) {
                        b'<' => depth += 1,
                        b'>' if self.text[self.at - 1] != b'=' => depth -= 1,
                        0 if self.at >= self.text.len() => return None,
                        _ => {}
                    }
                    self.at += 1;
                    if depth == 0 {
                        break;
                    }
                }
            }
        }
        loop {
            self.blanks();
            match self.peek(0) {
                // A comment among the attributes.
                b'/' if matches!(self.peek(1), b'/' | b'*') => {
                    self.token(false)?;
                }
                b'/' => {
                    self.at += 1;
                    self.blanks();
                    if self.peek(0) != b'>' {
                        return None;
                    }
                    self.at += 1;
                    break;
                }
                b'>' => {
                    self.at += 1;
                    self.children()?;
                    break;
                }
                b'{' => {
                    self.at += 1;
                    self.group(b'}')?;
                }
                c if is_word(c) => {
                    while is_word(self.peek(0)) || matches!(self.peek(0), b'-' | b':') {
                        self.at += 1;
                    }
                    self.blanks();
                    if self.peek(0) == b'=' {
                        self.at += 1;
                        self.blanks();
                        self.attribute_value()?;
                    }
                }
                _ => return None,
            }
        }
        self.leave();
        Some(())
    }

    fn attribute_value(&mut self) -> Option<()> {
        match self.peek(0) {
            quote @ (b'"' | b'\'') => {
                let close = memchr::memchr(quote, &self.text[self.at + 1..])?;
                self.at += close + 2;
            }
            b'{' => {
                self.at += 1;
                self.group(b'}')?;
            }
            b'<' => self.element()?,
            _ => return None,
        }
        Some(())
    }

    /// An element's children, up to and including its closing tag.
    fn children(&mut self) -> Option<()> {
        loop {
            let next = memchr::memchr2(b'<', b'{', &self.text[self.at..])?;
            self.at += next;
            if self.peek(0) == b'{' {
                self.at += 1;
                self.group(b'}')?;
                continue;
            }
            let tag = self.at;
            self.at += 1;
            self.blanks();
            if self.peek(0) == b'/' {
                let close = memchr::memchr(b'>', &self.text[self.at..])?;
                self.at += close + 1;
                return Some(());
            }
            self.at = tag;
            self.element()?;
        }
    }
}
