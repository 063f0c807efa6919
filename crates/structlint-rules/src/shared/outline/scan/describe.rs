//! What a top-level statement declares, read from its tokens the way the tree-sitter outline
//! reads it from the statement's node.

use std::ops::Range;

use structlint_lang::tokens::{Kind, Token, after_decorators, angles, is_body};

use super::Top;
use crate::shared::outline::{is_pascal, one_line};

/// What a top-level statement declares, as the tree-sitter outline would describe its node.
pub(super) struct Describe<'t> {
    pub text: &'t str,
    pub jsx: bool,
}

/// The shape of a statement's tokens.
enum Shape {
    Item(&'static str, String, Range<usize>),
    /// A declaration the outline does not list (an import, `declare`, a control statement).
    Nothing,
    Expression,
}

impl Describe<'_> {
    fn word(&self, tokens: &[Token], i: usize) -> Option<&str> {
        tokens
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| &self.text[t.start..t.end])
    }

    fn punct(&self, tokens: &[Token], i: usize) -> Option<&str> {
        tokens
            .get(i)
            .filter(|t| t.kind == Kind::Punct)
            .map(|t| &self.text[t.start..t.end])
    }

    /// The node of the statement `tokens`, whose text is `bytes`.
    pub fn node(&self, tokens: &[Token], bytes: Range<usize>) -> Top {
        let whole = |kind: &'static str, label: &str| Some((kind, one_line(label), bytes.clone()));
        let mut i = after_decorators(tokens, self.text);
        let item = if self.word(tokens, i) == Some("export") {
            i += 1;
            if self.word(tokens, i) == Some("default") {
                match self.shape(tokens, i + 1) {
                    Shape::Item(kind, name, named) => Some((kind, name, named)),
                    _ if i + 1 < tokens.len() => {
                        let value = &tokens[i + 1..];
                        let end = match value.last() {
                            Some(t)
                                if t.kind == Kind::Punct && &self.text[t.start..t.end] == ";" =>
                            {
                                value.len() - 1
                            }
                            _ => value.len(),
                        };
                        let value = &value[..end.max(1)];
                        whole(
                            "export default",
                            &self.text[value[0].start..value[value.len() - 1].end],
                        )
                    }
                    _ => None,
                }
            } else {
                match self.shape(tokens, i) {
                    Shape::Item(kind, name, named) => Some((kind, name, named)),
                    _ => None,
                }
            }
        } else {
            match self.shape(tokens, i) {
                // tree-sitter reads a namespace that is not exported as an expression.
                Shape::Item("namespace", ..) if self.word(tokens, i) == Some("namespace") => {
                    whole("statement", &self.text[bytes.clone()])
                }
                Shape::Item(kind, name, named) => Some((kind, name, named)),
                Shape::Nothing => None,
                Shape::Expression => whole("statement", &self.text[bytes.clone()]),
            }
        };
        Top {
            bytes,
            trivia: false,
            item,
        }
    }

    fn shape(&self, tokens: &[Token], i: usize) -> Shape {
        let named = |kind: &'static str, at: usize| match tokens.get(at) {
            Some(t) if t.kind == Kind::Word => {
                Shape::Item(kind, self.text[t.start..t.end].to_string(), t.start..t.end)
            }
            _ => Shape::Expression,
        };
        let Some(first) = tokens.get(i) else {
            return Shape::Nothing;
        };
        let next_is = |k: Kind| tokens.get(i + 1).is_some_and(|t| t.kind == k);
        match self.word(tokens, i) {
            Some("async") if self.word(tokens, i + 1) == Some("function") => {
                self.function(tokens, i + 1)
            }
            Some("function") => self.function(tokens, i),
            Some("class") => self.class(tokens, i + 1),
            Some("abstract") if self.word(tokens, i + 1) == Some("class") => {
                self.class(tokens, i + 2)
            }
            Some("interface") => named("interface", i + 1),
            Some("type")
                if self.word(tokens, i + 1).is_some()
                    && self
                        .punct(tokens, i + 2)
                        .is_some_and(|p| p.starts_with('=') || p.starts_with('<')) =>
            {
                named("type", i + 1)
            }
            Some("enum") => named("enum", i + 1),
            Some("const") if self.word(tokens, i + 1) == Some("enum") => named("enum", i + 2),
            Some("namespace" | "module") => self.namespace(tokens, i + 1),
            Some("const" | "let" | "var") => self.variable(tokens, i + 1),
            Some("import")
                if next_is(Kind::Group(b'(')) || self.punct(tokens, i + 1) == Some(".") =>
            {
                Shape::Expression
            }
            Some("declare") if next_is(Kind::Word) => Shape::Nothing,
            Some(
                "import" | "if" | "for" | "while" | "do" | "try" | "switch" | "with" | "return"
                | "throw" | "break" | "continue" | "debugger",
            ) => Shape::Nothing,
            Some(_) if self.punct(tokens, i + 1) == Some(":") => Shape::Nothing,
            _ if first.kind == Kind::Group(b'{') => Shape::Nothing,
            _ if first.kind == Kind::Punct && &self.text[first.start..first.end] == ";" => {
                Shape::Nothing
            }
            _ => Shape::Expression,
        }
    }

    fn function(&self, tokens: &[Token], i: usize) -> Shape {
        // An overload's signature has no body: tree-sitter's outline skips it.
        let body = tokens
            .iter()
            .rposition(|t| !(t.kind == Kind::Punct && &self.text[t.start..t.end] == ";"));
        if body.is_none_or(|b| !is_body(tokens, b, self.text)) {
            return Shape::Nothing;
        }
        let at = if self.punct(tokens, i + 1) == Some("*") {
            i + 2
        } else {
            i + 1
        };
        match self.word(tokens, at) {
            Some(name) => Shape::Item(
                self.function_kind(name),
                name.to_string(),
                tokens[at].start..tokens[at].end,
            ),
            None => Shape::Expression,
        }
    }

    fn function_kind(&self, name: &str) -> &'static str {
        if self.jsx && is_pascal(name) {
            "component"
        } else {
            "function"
        }
    }

    fn class(&self, tokens: &[Token], at: usize) -> Shape {
        match self.word(tokens, at) {
            Some("extends" | "implements") | None => Shape::Expression,
            Some(name) => Shape::Item("class", name.to_string(), tokens[at].start..tokens[at].end),
        }
    }

    /// `namespace A.B { … }` or `module "name" { … }`.
    fn namespace(&self, tokens: &[Token], i: usize) -> Shape {
        let mut end = i;
        match tokens.get(i).map(|t| t.kind) {
            Some(Kind::Literal) => end += 1,
            Some(Kind::Word) => {
                end += 1;
                while self.punct(tokens, end) == Some(".") && self.word(tokens, end + 1).is_some() {
                    end += 2;
                }
            }
            _ => return Shape::Expression,
        }
        match tokens.get(end) {
            Some(t) if t.kind == Kind::Group(b'{') => {
                let named = tokens[i].start..tokens[end - 1].end;
                Shape::Item("namespace", self.text[named.clone()].to_string(), named)
            }
            _ => Shape::Expression,
        }
    }

    /// The first declarator of `const`, `let` or `var`: a function or component when its
    /// value is a function, a `const` otherwise.
    fn variable(&self, tokens: &[Token], i: usize) -> Shape {
        let Some(name) = tokens
            .get(i)
            .filter(|t| matches!(t.kind, Kind::Word | Kind::Group(b'{') | Kind::Group(b'[')))
        else {
            return Shape::Nothing;
        };
        let name_text = &self.text[name.start..name.end];
        let assignment = tokens[i + 1..]
            .iter()
            .position(|t| t.kind == Kind::Punct && &self.text[t.start..t.end] == "=")
            .map(|p| i + 1 + p);
        let function = assignment.is_some_and(|at| self.is_function(tokens, at + 1));
        let kind = match function {
            true => self.function_kind(name_text),
            false => "const",
        };
        Shape::Item(kind, name_text.to_string(), name.start..name.end)
    }

    /// Whether the value starting at token `i` is a function expression or an arrow function.
    fn is_function(&self, tokens: &[Token], i: usize) -> bool {
        let arrow_at = |at: usize| match self.punct(tokens, at) {
            Some("=>") => true,
            // A return type, then the arrow.
            Some(":") => tokens[at..]
                .iter()
                .take_while(|t| !(t.kind == Kind::Punct && &self.text[t.start..t.end] == ";"))
                .any(|t| t.kind == Kind::Punct && &self.text[t.start..t.end] == "=>"),
            _ => false,
        };
        let group_at = |at: usize| tokens.get(at).is_some_and(|t| t.kind == Kind::Group(b'('));
        // Parameters, after type parameters if any: `<T>(x: T) => …`.
        let parameters_at = |at: usize| {
            if self.punct(tokens, at) != Some("<") {
                return group_at(at).then_some(at);
            }
            let mut depth = 0;
            for (j, t) in tokens.iter().enumerate().skip(at) {
                if t.kind == Kind::Punct {
                    depth += angles(std::slice::from_ref(t), self.text);
                    if depth <= 0 {
                        return group_at(j + 1).then_some(j + 1);
                    }
                }
            }
            None
        };
        let arrow_after = |at: usize| parameters_at(at).is_some_and(|p| arrow_at(p + 1));
        // `function () {}` is the whole value, not the start of `function () {}.call(…)`.
        let whole_function = |at: usize| {
            let rest = &tokens[at..];
            let body = rest.iter().position(|t| t.kind == Kind::Group(b'{'));
            self.punct(tokens, at + 1) != Some("*")
                && body.is_some_and(|b| {
                    rest[b + 1..]
                        .iter()
                        .all(|t| t.kind == Kind::Punct && &self.text[t.start..t.end] == ";")
                })
        };
        match self.word(tokens, i) {
            Some("function") => whole_function(i),
            Some("async") => match self.word(tokens, i + 1) {
                Some("function") => whole_function(i + 1),
                Some(_) => arrow_at(i + 2),
                None => arrow_after(i + 1),
            },
            Some(_) => arrow_at(i + 1),
            None => arrow_after(i),
        }
    }
}
