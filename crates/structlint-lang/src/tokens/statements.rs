//! A TypeScript/JavaScript file's top level from its tokens, node for node as tree-sitter's
//! tree gives it: statements split where the grammar ends them (a `;`, or a line break the
//! next token cannot continue), with the comments between them.

use std::ops::Range;

use super::{Call, Kind, Lexer, Token, expression_after};

/// A node at the top of a file.
#[derive(Debug, Clone)]
pub enum TopNode {
    /// `#!/usr/bin/env node`, to its newline.
    Hashbang(Range<usize>),
    Comment(Range<usize>),
    Statement(Statement),
}

#[derive(Debug, Clone)]
pub struct Statement {
    /// Its tokens, each bracketed group one token.
    pub tokens: Vec<Token>,
    /// Its text: from its first token to its `;`, or to the comments on its last line when
    /// its semicolon is automatic (tree-sitter's node ends after them).
    pub bytes: Range<usize>,
}

/// The top of a file, and the `require(…)`/`import(…)` calls anywhere in it.
#[derive(Debug, Clone, Default)]
pub struct TopLevel {
    pub nodes: Vec<TopNode>,
    pub calls: Vec<Call>,
}

/// The top level of a TS/JS file (`jsx`: TSX or JavaScript); `None` when the lexer cannot
/// follow the text, where the caller parses instead.
pub fn top_level(text: &str, jsx: bool) -> Option<TopLevel> {
    let mut lexer = Lexer::new(text, jsx);
    let mut nodes = Vec::new();
    // tree-sitter reads a byte-order mark as blanks, and a hashbang as a node to its newline.
    lexer.at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if text[lexer.at..].starts_with("#!") {
        let end = text.find('\n').unwrap_or(text.len());
        nodes.push(TopNode::Hashbang(lexer.at..end));
        lexer.at = end;
    }
    let mut statement: Vec<Token> = Vec::new();
    // Comments after the statement's last token: the statement's own if it goes on, top-level
    // nodes after it if it ends.
    let mut comments: Vec<Token> = Vec::new();
    let mut newline = false;
    let mut expression = true;
    let push = |nodes: &mut Vec<TopNode>, tokens: &mut Vec<Token>, end: Option<usize>| {
        let bytes = tokens[0].start..end.unwrap_or(tokens[tokens.len() - 1].end);
        let tokens = std::mem::take(tokens);
        nodes.push(TopNode::Statement(Statement { tokens, bytes }));
    };
    loop {
        let token = lexer.token(expression)?;
        if token.kind == Kind::Comment {
            newline |= token.newline_before;
            if statement.is_empty() {
                nodes.push(TopNode::Comment(token.start..token.end));
            } else {
                comments.push(token);
            }
            continue;
        }
        lexer.note_call(statement.iter().rev().nth(1), statement.last(), &token);
        let newline_before = newline || token.newline_before;
        newline = false;
        let ends = !statement.is_empty()
            && (token.kind == Kind::End || newline_before && ends_before(&statement, &token, text));
        if ends {
            // The automatic semicolon comes after comments on the statement's last line.
            let own = match body(&statement, text) {
                Body::None | Body::Signature => {
                    comments.iter().take_while(|c| !c.newline_before).count()
                }
                _ => 0,
            };
            let end = own.checked_sub(1).map(|last| comments[last].end);
            push(&mut nodes, &mut statement, end);
            nodes.extend(
                comments[own..]
                    .iter()
                    .map(|c| TopNode::Comment(c.start..c.end)),
            );
        }
        comments.clear();
        match token.kind {
            Kind::End => {
                return Some(TopLevel {
                    nodes,
                    calls: lexer.calls,
                });
            }
            Kind::Close(_) => return None,
            Kind::Punct if &text[token.start..token.end] == ";" => {
                statement.push(token);
                push(&mut nodes, &mut statement, None);
                expression = true;
            }
            _ => {
                statement.push(token);
                expression = expression_after(&token, text);
            }
        }
    }
}

/// Whether a line break before `next` ends `statement`: the grammar's automatic semicolon,
/// which a token that can only continue the statement (an operator, `.`, `(`, `else`) does not
/// get, nor a declaration whose body has not begun.
fn ends_before(statement: &[Token], next: &Token, text: &str) -> bool {
    let word = |t: &Token| &text[t.start..t.end];
    let body = body(statement, text);
    if body == Body::Awaited {
        return false;
    }
    let last = statement[statement.len() - 1];
    let can_end = match (last.kind, word(&last)) {
        (Kind::Punct, "++" | "--" | "!") => true,
        // A type's closing `>`, not a comparison's.
        (Kind::Punct, op) if op.ends_with('>') && !op.ends_with("=>") => {
            angles(statement, text) == 0
        }
        (Kind::Punct, _) => false,
        _ => true,
    };
    let continues = match next.kind {
        Kind::Punct => {
            let op = word(next);
            match op.as_bytes()[0] {
                b'+' | b'-' => !(op.starts_with("++") || op.starts_with("--")),
                b'!' => op.starts_with("!="),
                b'@' | b'~' | b'#' => false,
                // A declaration's body needs no semicolon: a `;` after it is a statement of its own.
                b';' => body != Body::Complete,
                _ => true,
            }
        }
        // A function's body may start on the line after its signature.
        Kind::Group(open) => open != b'{' || body == Body::Signature,
        Kind::Word => match word(next) {
            "in" | "instanceof" | "as" | "satisfies" | "else" | "catch" | "finally" => true,
            "while" => word(&statement[0]) == "do",
            _ => false,
        },
        _ => false,
    };
    can_end && !continues
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    /// A statement that ends with a semicolon, written or automatic.
    None,
    /// A declaration or control statement whose block has not begun.
    Awaited,
    /// A function with its parameters and no body yet: an overload's signature if the line
    /// ends there.
    Signature,
    /// A declaration or control statement with its block: it needs no semicolon.
    Complete,
}

/// Whether `statement` is one that ends with a block (`function`, `class`, `if (…) {`), and
/// whether that block has begun.
fn body(statement: &[Token], text: &str) -> Body {
    let word = |t: &Token| &text[t.start..t.end];
    let ambient = statement.iter().take(2).any(|t| word(t) == "declare");
    let first = statement.iter().position(|t| {
        !matches!(
            word(t),
            "export" | "default" | "async" | "abstract" | "declare" | "const"
        )
    });
    let function = first.is_some_and(|i| word(&statement[i]) == "function");
    let block = match first.map(|i| (i, word(&statement[i]))) {
        // An ambient function has no body to wait for.
        Some((_, "function")) => !ambient,
        Some((_, "class" | "interface" | "enum" | "namespace" | "try" | "switch" | "do")) => true,
        // `if (…) statement` without a block ends as that statement does.
        Some((i, "if" | "for" | "while")) => statement
            .get(i + 2)
            .is_none_or(|t| t.kind == Kind::Group(b'{')),
        _ => statement[0].kind == Kind::Punct && word(&statement[0]) == "@",
    };
    let has_body = (0..statement.len()).any(|j| is_body(statement, j, text));
    let has_parameters = statement.iter().any(|t| t.kind == Kind::Group(b'('));
    match (block, has_body) {
        (false, _) => Body::None,
        (true, true) => Body::Complete,
        (true, false) if function && has_parameters => Body::Signature,
        (true, false) => Body::Awaited,
    }
}

/// Whether token `j` is a block: a `{` group that does not follow an operator, as the type
/// literal in `): Base & { … }` does.
pub fn is_body(tokens: &[Token], j: usize, text: &str) -> bool {
    tokens[j].kind == Kind::Group(b'{')
        && match j.checked_sub(1).map(|p| &tokens[p]) {
            Some(t) if t.kind == Kind::Punct => {
                let op = &text[t.start..t.end];
                op.ends_with('>') && !op.ends_with("=>")
            }
            _ => true,
        }
}

/// How many `<` of `tokens` are not closed by a `>` (arrows and comparisons with `=` aside).
pub fn angles(tokens: &[Token], text: &str) -> isize {
    tokens
        .iter()
        .filter(|t| t.kind == Kind::Punct)
        .map(|t| {
            let op = text[t.start..t.end]
                .replace("=>", "")
                .replace(">=", "")
                .replace("<=", "");
            op.matches('<').count() as isize - op.matches('>').count() as isize
        })
        .sum()
}

/// The index of the first token of `tokens` past its decorators (`@name.path(args)`).
pub fn after_decorators(tokens: &[Token], text: &str) -> usize {
    let is = |i: usize, kind: Kind, word: Option<&str>| {
        tokens
            .get(i)
            .is_some_and(|t| t.kind == kind && word.is_none_or(|w| &text[t.start..t.end] == w))
    };
    let mut i = 0;
    while is(i, Kind::Punct, Some("@")) && is(i + 1, Kind::Word, None) {
        i += 2;
        while is(i, Kind::Punct, Some(".")) && is(i + 1, Kind::Word, None) {
            i += 2;
        }
        if is(i, Kind::Group(b'('), None) {
            i += 1;
        }
    }
    i
}
