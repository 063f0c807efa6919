//! A reader of the query language, as far as repetitions go: the nesting of nodes, groups,
//! alternations and their quantifiers.

use structlint_lang::tree_sitter::Language;

use super::{Item, Quantifier, Refusal, Shape};

pub(super) struct Reader<'s> {
    src: &'s str,
    at: usize,
    language: &'s Language,
    /// Where the first shape the compiler cannot survive is written, and which; reading stops
    /// there.
    pub refused: Option<(usize, Refusal)>,
}

/// `None` from a reader method: the query is not well-formed here.
type Read<T> = Option<T>;

impl<'s> Reader<'s> {
    pub fn new(src: &'s str, language: &'s Language) -> Reader<'s> {
        Reader {
            src,
            at: 0,
            language,
            refused: None,
        }
    }

    fn peek(&self) -> Option<char> {
        self.src[self.at..].chars().next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.at += c.len_utf8();
        }
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.bump();
            } else if c == ';' {
                while self.peek().is_some_and(|c| c != '\n') {
                    self.bump();
                }
            } else {
                break;
            }
        }
    }

    fn ident_start(&self) -> bool {
        self.peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
    }

    fn ident(&mut self) -> &str {
        let start = self.at;
        self.bump();
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            self.bump();
        }
        &self.src[start..self.at]
    }

    fn string(&mut self) -> Read<()> {
        self.bump();
        loop {
            match self.peek()? {
                '\\' => {
                    self.bump();
                    self.bump();
                }
                '"' => {
                    self.bump();
                    return Some(());
                }
                '\n' => return None,
                _ => self.bump(),
            }
        }
    }

    pub fn patterns(&mut self) -> Read<Vec<Item>> {
        let mut items = Vec::new();
        loop {
            self.skip_space();
            if self.peek().is_none() {
                return Some(items);
            }
            items.push(self.item()??);
        }
    }

    /// The items up to the `close` bracket, which is consumed; anchors and negated fields are
    /// skipped, they add no step.
    fn until(&mut self, close: char, in_node: bool) -> Read<Vec<Item>> {
        let mut items = Vec::new();
        loop {
            self.skip_space();
            if in_node && self.peek() == Some('!') {
                self.bump();
                self.skip_space();
                if !self.ident_start() {
                    return None;
                }
                self.ident();
                continue;
            }
            if self.peek() == Some('.') {
                self.bump();
                self.skip_space();
            }
            match self.item()? {
                Some(item) => items.push(item),
                None if self.peek() == Some(close) => {
                    self.bump();
                    return Some(items);
                }
                None => return None,
            }
        }
    }

    /// One pattern with its suffixes; `Some(None)` at a closing bracket.
    fn item(&mut self) -> Read<Option<Item>> {
        self.skip_space();
        let shape = match self.peek()? {
            ')' | ']' => return Some(None),
            '[' => {
                self.bump();
                let branches = self.until(']', false)?;
                if branches.is_empty() {
                    return None;
                }
                Shape::Alternation(branches)
            }
            '(' => {
                self.bump();
                self.skip_space();
                match self.peek()? {
                    '(' | '"' | '[' => Shape::Group(self.until(')', false)?),
                    '.' | '#' => {
                        // The compiler reads no suffix after a predicate.
                        self.predicate()?;
                        return Some(Some(Item {
                            shape: Shape::Predicate,
                            quantifier: Quantifier::One,
                            quantifier_at: self.at,
                        }));
                    }
                    _ if self.ident_start() => self.node()?,
                    _ => return None,
                }
            }
            '_' => {
                self.bump();
                Shape::Leaf
            }
            '"' => {
                self.string()?;
                Shape::Leaf
            }
            _ if self.ident_start() => {
                // A field: its pattern carries the suffixes.
                let field_at = self.at;
                self.ident();
                self.skip_space();
                if self.peek() != Some(':') {
                    return None;
                }
                self.bump();
                let item = self.item()??;
                if !item.adds_step() {
                    self.refused = Some((field_at, Refusal::FieldWithoutNode));
                    return None;
                }
                return Some(Some(item));
            }
            _ => return None,
        };
        Some(Some(self.suffixes(shape)?))
    }

    /// Skips a predicate's arguments (captures, strings, words) and its `)`.
    fn predicate(&mut self) -> Read<()> {
        loop {
            match self.peek()? {
                ')' => {
                    self.bump();
                    return Some(());
                }
                '"' => self.string()?,
                '(' | '[' => return None,
                _ => self.bump(),
            }
        }
    }

    /// A named node, after its `(`.
    fn node(&mut self) -> Read<Shape> {
        let name = self.ident().to_string();
        if name == "MISSING" {
            self.skip_space();
            if self.ident_start() {
                self.ident();
            } else if self.peek() == Some('"') {
                self.string()?;
            }
        }
        let id = self.language.id_for_node_kind(&name, true);
        let transparent = name == "_" || self.language.node_kind_is_supertype(id);
        if self.peek() == Some('/') {
            self.bump();
            if self.peek() == Some('"') {
                self.string()?;
            } else if self.ident_start() {
                self.ident();
            } else {
                return None;
            }
        }
        Some(Shape::Node {
            transparent,
            children: self.until(')', true)?,
        })
    }

    /// Quantifiers and captures, in any order, as the compiler reads them.
    fn suffixes(&mut self, shape: Shape) -> Read<Item> {
        let mut item = Item {
            shape,
            quantifier: Quantifier::One,
            quantifier_at: self.at,
        };
        let mut first_suffix = None;
        loop {
            self.skip_space();
            if matches!(self.peek(), Some('+' | '*' | '?' | '@')) {
                first_suffix.get_or_insert(self.at);
            }
            let q = match self.peek() {
                Some('+') => Quantifier::OneOrMore,
                Some('*') => Quantifier::ZeroOrMore,
                Some('?') => Quantifier::Optional,
                Some('@') => {
                    self.bump();
                    if !self.ident_start() {
                        return None;
                    }
                    self.ident();
                    continue;
                }
                _ => break,
            };
            if item.quantifier == Quantifier::One {
                item.quantifier_at = self.at;
            }
            item.quantifier = q.then(item.quantifier);
            self.bump();
        }
        // The compiler puts a capture or a quantifier on the item's first step.
        if let Some(at) = first_suffix.filter(|_| !item.adds_step()) {
            self.refused = Some((at, Refusal::SuffixWithoutNode));
            return None;
        }
        let repeats = matches!(
            item.quantifier,
            Quantifier::ZeroOrMore | Quantifier::OneOrMore
        );
        if repeats && item.shape_nullable() {
            self.refused = Some((item.quantifier_at, Refusal::RepeatsNothing));
            return None;
        }
        Some(item)
    }
}
