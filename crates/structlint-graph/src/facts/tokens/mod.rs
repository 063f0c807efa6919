//! Module facts from a file's tokens: imports and exports are top-level statements, and the
//! lexer notes each `require(…)` and `import(…)` it meets, so no tree is needed. The facts are
//! those the tree gives, field for field (the graph's tests compare both on real checkouts).

use std::ops::Range;

use structlint_core::{FileContext, Language};
use structlint_lang::tokens::{self, Kind, Lexer, Token, TopNode};

use super::{ModuleFacts, RefKind};

mod statement;

use statement::Reader;

/// The facts of a TS/JS file; `None` when the lexer cannot follow its text.
pub(super) fn extract(cx: &FileContext<'_>) -> Option<ModuleFacts> {
    let text = cx.text();
    let jsx = matches!(cx.language(), Language::Tsx | Language::JavaScript);
    let top = tokens::top_level(text, jsx)?;
    let mut facts = ModuleFacts::default();
    // `require` in `import x = require("m")` is part of the import, not a call.
    let mut imports: Vec<Range<usize>> = Vec::new();
    for node in &top.nodes {
        let TopNode::Statement(statement) = node else {
            continue;
        };
        let s = Reader {
            text,
            tokens: &statement.tokens,
        };
        let i = tokens::after_decorators(&statement.tokens, text);
        let reference = match s.word(i) {
            Some("import")
                if s.word(i + 1).is_some()
                    || s.literal(i + 1)
                    || s.is(i + 1, Kind::Group(b'{'))
                    || s.punct(i + 1) == Some("*") =>
            {
                imports.push(statement.bytes.clone());
                s.import(i + 1)
            }
            Some("export") => s.export(i + 1, &mut facts.exports),
            _ => None,
        };
        if let Some((source, kind, names, statement_type)) = reference {
            let (bytes, source) = (statement.bytes.clone(), source.start..source.end);
            facts.push_ref(cx, bytes, source, kind, names, statement_type);
        }
    }
    for call in &top.calls {
        if imports.iter().any(|i| i.contains(&call.callee.start)) {
            continue;
        }
        let Some(argument) = string_argument(text, jsx, &call.arguments) else {
            continue;
        };
        let kind = match &text[call.callee.clone()] {
            "require" => RefKind::Require,
            _ => RefKind::Dynamic,
        };
        facts.push_ref(
            cx,
            call.callee.start..call.arguments.end,
            argument.start..argument.end,
            kind,
            Vec::new(),
            false,
        );
    }
    // Static references came first; keep all of them in source order.
    facts.refs.sort_by_key(|r| r.span.start);
    Some(facts)
}

/// A call's first argument when it is a string or a template without substitutions, and
/// the whole argument (`require("a" + b)` names no module).
fn string_argument(text: &str, jsx: bool, arguments: &Range<usize>) -> Option<Token> {
    let mut lexer = Lexer::new(text, jsx);
    lexer.at = arguments.start + 1;
    let mut next = || loop {
        match lexer.token(true)? {
            t if t.kind == Kind::Comment => continue,
            t => return Some(t),
        }
    };
    let argument = next()?;
    let literal = &text[argument.start..argument.end];
    let string = argument.kind == Kind::Literal
        && (literal.starts_with(['"', '\''])
            || literal.starts_with('`') && !literal.contains("${"));
    let after = next()?;
    let whole = after.kind == Kind::Close(b')') || &text[after.start..after.end] == ",";
    (string && whole).then_some(argument)
}
