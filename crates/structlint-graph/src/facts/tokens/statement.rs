//! One import or export statement read from its tokens.

use structlint_lang::tokens::{Kind, Lexer, Token, angles};

use crate::facts::{Name, RefKind};

/// One statement's tokens.
pub(super) struct Reader<'t> {
    pub text: &'t str,
    pub tokens: &'t [Token],
}

/// What a statement refers to: its source's token, the kind, the names, and whether it is
/// marked `type` as a whole.
pub(super) type Reference = (Token, RefKind, Vec<Name>, bool);

impl<'t> Reader<'t> {
    fn text(&self, i: usize) -> Option<&'t str> {
        self.tokens.get(i).map(|t| &self.text[t.start..t.end])
    }

    pub fn is(&self, i: usize, kind: Kind) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == kind)
    }

    pub fn word(&self, i: usize) -> Option<&'t str> {
        self.text(i).filter(|_| self.is(i, Kind::Word))
    }

    pub fn punct(&self, i: usize) -> Option<&'t str> {
        self.text(i).filter(|_| self.is(i, Kind::Punct))
    }

    /// A string literal.
    pub fn literal(&self, i: usize) -> bool {
        self.is(i, Kind::Literal) && self.text(i).is_some_and(|t| t.starts_with(['"', '\'']))
    }

    /// The string after `from`, at or after `i`.
    fn source(&self, i: usize) -> Option<usize> {
        (i..self.tokens.len())
            .find(|&j| self.word(j) == Some("from") && self.literal(j + 1))
            .map(|j| j + 1)
    }

    /// `import …` from the token after `import`.
    pub fn import(&self, mut i: usize) -> Option<Reference> {
        let statement_type = self.word(i) == Some("type")
            && (self.word(i + 1).is_some_and(|w| w != "from")
                || self.is(i + 1, Kind::Group(b'{'))
                || self.punct(i + 1) == Some("*"));
        if statement_type {
            i += 1;
        }
        if self.literal(i) {
            return Some((
                self.tokens[i],
                RefKind::SideEffect,
                Vec::new(),
                statement_type,
            ));
        }
        if let Some(alias) = self.word(i).filter(|_| self.punct(i + 1) == Some("=")) {
            // `import x = require("m")`; `import x = A.B` is an alias, not an import.
            if self.word(i + 2) != Some("require") || !self.is(i + 3, Kind::Group(b'(')) {
                return None;
            }
            let inside = group_tokens(self.text, &self.tokens[i + 3]);
            let inner = Reader {
                text: self.text,
                tokens: &inside,
            };
            let source = *inside.first().filter(|_| inner.literal(0))?;
            let names = vec![Name {
                name: "*".into(),
                alias: Some(alias.to_string()),
                type_only: false,
            }];
            return Some((source, RefKind::Import, names, statement_type));
        }
        let mut names = Vec::new();
        while i < self.tokens.len() && self.word(i) != Some("from") {
            match (self.word(i), self.text(i)) {
                (Some(default), _) => names.push(Name {
                    name: "default".into(),
                    alias: Some(default.to_string()),
                    type_only: statement_type,
                }),
                (None, Some("*")) if self.word(i + 1) == Some("as") => {
                    names.push(Name {
                        name: "*".into(),
                        alias: self.word(i + 2).map(str::to_string),
                        type_only: statement_type,
                    });
                    i += 2;
                }
                _ if self.is(i, Kind::Group(b'{')) => {
                    names.extend(specifiers(self.text, &self.tokens[i], statement_type))
                }
                _ => {}
            }
            i += 1;
        }
        Some((
            self.tokens[self.source(i)?],
            RefKind::Import,
            names,
            statement_type,
        ))
    }

    /// `export …` from the token after `export`: a reference when it re-exports, else the
    /// names it exports added to `exports`.
    pub fn export(&self, mut i: usize, exports: &mut Vec<String>) -> Option<Reference> {
        let statement_type = self.word(i) == Some("type")
            && (self.is(i + 1, Kind::Group(b'{')) || self.punct(i + 1) == Some("*"));
        if statement_type {
            i += 1;
        }
        if self.is(i, Kind::Group(b'{')) {
            let names = specifiers(self.text, &self.tokens[i], statement_type);
            match self.source(i + 1) {
                Some(source) => {
                    return Some((
                        self.tokens[source],
                        RefKind::ExportFrom,
                        names,
                        statement_type,
                    ));
                }
                None => exports.extend(names.into_iter().map(|n| n.alias.unwrap_or(n.name))),
            }
            return None;
        }
        if self.punct(i) == Some("*") {
            let source = self.source(i + 1)?;
            if self.word(i + 1) != Some("as") {
                return Some((
                    self.tokens[source],
                    RefKind::ExportAll,
                    Vec::new(),
                    statement_type,
                ));
            }
            let alias = self
                .text(i + 2)
                .filter(|_| i + 2 < source - 1)
                .map(str::to_string);
            let names = vec![Name {
                name: "*".into(),
                alias,
                type_only: statement_type,
            }];
            return Some((
                self.tokens[source],
                RefKind::ExportFrom,
                names,
                statement_type,
            ));
        }
        if self.word(i) == Some("default") {
            exports.push("default".into());
            return None;
        }
        self.declared_names(i, exports);
        None
    }

    /// The names a declaration at `i` introduces: `export const a = 1, b = 2` → a, b.
    fn declared_names(&self, mut i: usize, out: &mut Vec<String>) {
        let ambient = self.word(i) == Some("declare");
        if ambient {
            i += 1;
        }
        if self.word(i) == Some("async") && self.word(i + 1) == Some("function") {
            i += 1;
        }
        let named = |at: usize, out: &mut Vec<String>| {
            if let Some(name) = self.word(at) {
                out.push(name.to_string());
            }
        };
        match self.word(i) {
            // An ambient `const enum` is not among the declarations tree-sitter names.
            Some("const") if self.word(i + 1) == Some("enum") && ambient => {}
            Some("const") if self.word(i + 1) == Some("enum") => named(i + 2, out),
            Some("const" | "let" | "var") => self.declarators(i + 1, out),
            Some("function") => named(
                if self.punct(i + 1) == Some("*") {
                    i + 2
                } else {
                    i + 1
                },
                out,
            ),
            Some("class") if !matches!(self.word(i + 1), Some("extends" | "implements")) => {
                named(i + 1, out)
            }
            _ if ambient => {}
            Some("abstract") if self.word(i + 1) == Some("class") => named(i + 2, out),
            Some("interface" | "enum") => named(i + 1, out),
            Some("type") if self.punct(i + 2).is_some_and(|p| p.starts_with(['=', '<'])) => {
                named(i + 1, out)
            }
            Some("namespace" | "module") => {
                let mut end = i + 1;
                if self.word(end).is_some() {
                    end += 1;
                    while self.punct(end) == Some(".") && self.word(end + 1).is_some() {
                        end += 2;
                    }
                } else if self.literal(end) {
                    end += 1;
                }
                if end > i + 1 {
                    let range = self.tokens[i + 1].start..self.tokens[end - 1].end;
                    out.push(self.text[range].to_string());
                }
            }
            _ => {}
        }
    }

    /// Each declarator's name from `i` on (not a destructuring pattern's), declarators being
    /// split at the commas outside any brackets, generics' included.
    fn declarators(&self, mut i: usize, out: &mut Vec<String>) {
        loop {
            if let Some(name) = self.word(i) {
                out.push(name.to_string());
            }
            let mut depth = 0;
            let next = (i + 1..self.tokens.len()).find(|&j| {
                if self.is(j, Kind::Punct) {
                    depth += angles(&self.tokens[j..=j], self.text);
                }
                depth <= 0 && self.punct(j) == Some(",")
            });
            match next {
                Some(comma) => i = comma + 1,
                None => return,
            }
        }
    }
}

/// The tokens inside a `{ … }` or `( … )` group, comments left out.
fn group_tokens(text: &str, group: &Token) -> Vec<Token> {
    let mut lexer = Lexer::new(text, false);
    lexer.at = group.start + 1;
    let mut tokens = Vec::new();
    while let Some(t) = lexer.token(true) {
        match t.kind {
            Kind::Comment => {}
            Kind::Close(_) | Kind::End => break,
            _ => tokens.push(t),
        }
    }
    tokens
}

/// The specifiers of `{ a, type b, c as d, "e" as f }`.
fn specifiers(text: &str, group: &Token, statement_type: bool) -> Vec<Name> {
    let tokens = group_tokens(text, group);
    let word = |t: &Token| &text[t.start..t.end];
    tokens
        .split(|t| t.kind == Kind::Punct && word(t) == ",")
        .filter(|s| !s.is_empty())
        .map(|s| {
            let marked = s.len() > 1 && word(&s[0]) == "type" && word(&s[1]) != "as";
            let s = if marked { &s[1..] } else { s };
            Name {
                name: word(&s[0]).trim_matches(['"', '\'']).to_string(),
                alias: (s.len() > 2 && word(&s[1]) == "as").then(|| word(&s[2]).to_string()),
                type_only: statement_type || marked,
            }
        })
        .collect()
}
