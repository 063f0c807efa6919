//! tree-sitter queries: compiling them with errors an author can act on, and structlint's own
//! predicates, which test a capture's ancestors and descendants:
//!
//! - `(#inside? @cap "kind-or-pattern")` / `(#not-inside? …)`: some ancestor is of that node
//!   kind, or matches that code pattern (`"withRetry($$$)"`);
//! - `(#has? @cap "kind-or-pattern")` / `(#not-has? …)`: some descendant is, or matches;
//! - `(#min-lines? @cap 80)`: the captured node spans at least that many lines.
//!
//! The standard `#eq?`, `#not-eq?`, `#match?`, `#not-match?`, `#any-of?` are tree-sitter's.

use std::sync::Arc;
use structlint_lang::NodeNames;

use structlint_core::closest;
use structlint_lang::Grammar;
use structlint_lang::tree_sitter::{Node, Query, QueryErrorKind, QueryMatch, QueryPredicateArg};

use crate::budget::Budget;
use crate::pattern::{Bindings, Pattern};

pub(crate) mod run;
mod shape;

pub(crate) use run::each_match;

/// What is wrong with a query, at a byte offset of its source.
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

/// One of structlint's predicates, parsed.
pub(crate) enum Custom {
    Inside {
        capture: u32,
        test: NodeTest,
        negate: bool,
    },
    Has {
        capture: u32,
        test: NodeTest,
        negate: bool,
    },
    MinLines {
        capture: u32,
        lines: usize,
    },
}

pub enum NodeTest {
    Kind(String),
    Pattern(Arc<Pattern>),
}

/// The kinds of named nodes `grammar` produces: what a query or a `where.kind` may name.
pub(crate) fn node_kinds(grammar: Grammar) -> Vec<String> {
    let language = grammar.language();
    let mut kinds = Vec::new();
    for id in 0..language.node_kind_count() as u16 {
        if language.node_kind_is_named(id) && language.node_kind_is_visible(id) {
            kinds.extend(language.node_kind_for_id(id).map(str::to_string));
        }
    }
    kinds
}

/// The help for the unknown node kind `name`: the closest of `kinds`, and how to see them all.
pub(crate) fn kind_help(name: &str, kinds: &[String]) -> String {
    match closest(name, kinds.iter().map(String::as_str)) {
        Some(near) => format!(
            "did you mean `{near}`? `structlint query` prints the tree of a file with every node's kind"
        ),
        None => "`structlint query '(_) @n' FILE` prints the tree of a file with every node's kind"
            .to_string(),
    }
}

/// Compiles `source` alone, to find its errors and its custom predicates.
pub(crate) fn compile(source: &str, grammar: Grammar) -> Result<Query, Problem> {
    let language = grammar.language();
    shape::check(source, &language).map_err(|r| Problem {
        offset: r.offset,
        message: r.message,
        help: Some(r.help),
    })?;
    let query = Query::new(&language, source).map_err(|e| {
        let help = match e.kind {
            QueryErrorKind::NodeType => {
                Some(kind_help(e.message.trim_matches('"'), &node_kinds(grammar)))
            }
            QueryErrorKind::Field => Some("that node kind has no such field; `structlint query` prints a file's tree with its field names".to_string()),
            QueryErrorKind::Capture => Some("a predicate can only name a capture of its own pattern, e.g. `(call_expression) @call (#eq? @call \"x\")`".to_string()),
            _ => None,
        };
        let name = e.message.trim_matches('"');
        let what = match e.kind {
            QueryErrorKind::NodeType => format!("unknown node kind `{name}`"),
            QueryErrorKind::Field => format!("unknown field `{name}`"),
            QueryErrorKind::Capture => format!("unknown capture `@{name}`"),
            QueryErrorKind::Structure => "this pattern can never match: the nodes cannot nest this way".to_string(),
            _ => format!("invalid query: {}", e.message.lines().next().unwrap_or("syntax error")),
        };
        Problem { offset: e.offset, message: what, help }
    })?;
    for pattern in 0..query.pattern_count() {
        customs(&query, pattern, grammar).map_err(|message| Problem {
            offset: query.start_byte_for_pattern(pattern),
            message,
            help: Some("structlint's predicates are #inside?, #not-inside?, #has?, #not-has? (a node kind or a code pattern) and #min-lines? (a number)".into()),
        })?;
    }
    Ok(query)
}

/// The custom predicates of `pattern` in `query`.
pub(crate) fn customs(
    query: &Query,
    pattern: usize,
    grammar: Grammar,
) -> Result<Vec<Custom>, String> {
    let language = grammar.language();
    let mut found = Vec::new();
    for predicate in query.general_predicates(pattern) {
        let op = predicate.operator.as_ref();
        let (capture, arg) = match &predicate.args[..] {
            [QueryPredicateArg::Capture(c), QueryPredicateArg::String(s)] => (*c, s.as_ref()),
            _ => {
                return Err(format!(
                    "`#{op}` takes a capture and a string, e.g. (#{op} @node \"…\")"
                ));
            }
        };
        let test = || -> Result<NodeTest, String> {
            if language.id_for_node_kind(arg, true) != 0 {
                return Ok(NodeTest::Kind(arg.to_string()));
            }
            Pattern::compile(arg, grammar)
                .map(|p| NodeTest::Pattern(Arc::new(p)))
                .map_err(|e| {
                    format!("`#{op}` \"{arg}\" is neither a node kind nor a valid pattern: {e}")
                })
        };
        found.push(match op {
            "inside?" | "not-inside?" => Custom::Inside {
                capture,
                test: test()?,
                negate: op.starts_with("not-"),
            },
            "has?" | "not-has?" => Custom::Has {
                capture,
                test: test()?,
                negate: op.starts_with("not-"),
            },
            "min-lines?" => Custom::MinLines {
                capture,
                lines: arg
                    .parse()
                    .map_err(|_| format!("`#min-lines?` takes a number of lines, not \"{arg}\""))?,
            },
            other => return Err(format!("unknown predicate `#{other}`")),
        });
    }
    // The cheap test first: a line count before a walk of the descendants.
    found.sort_by_key(|c| !matches!(c, Custom::MinLines { .. }));
    Ok(found)
}

/// Whether every custom predicate holds for match `m`; each node tested is a step of `budget`.
pub(crate) fn holds(
    customs: &[Custom],
    m: &QueryMatch<'_, '_>,
    text: &str,
    budget: &Budget,
) -> bool {
    let node = |capture: u32| {
        m.captures()
            .iter()
            .find(|c| c.index == capture)
            .map(|c| c.node)
    };
    customs.iter().all(|custom| match custom {
        Custom::Inside {
            capture,
            test,
            negate,
        } => {
            let Some(n) = node(*capture) else { return true };
            has_ancestor(n, test, text, budget) != *negate
        }
        Custom::Has {
            capture,
            test,
            negate,
        } => {
            let Some(n) = node(*capture) else { return true };
            has_descendant(n, test, text, budget) != *negate
        }
        Custom::MinLines { capture, lines } => {
            node(*capture).is_some_and(|n| text.get(n.byte_range()).map_or(1, line_count) >= *lines)
        }
    })
}

impl NodeTest {
    /// Whether `node` passes; a node is a step of `budget`, and a pattern takes its own.
    pub fn accepts(&self, node: Node<'_>, text: &str, budget: &Budget) -> bool {
        if !budget.spend(1) {
            return false;
        }
        match self {
            NodeTest::Kind(kind) => node.kind_name() == kind,
            NodeTest::Pattern(p) => {
                p.root_kind.is_none_or(|k| k == node.kind_id())
                    && p.matches(node, text, &mut Bindings::new(), budget)
            }
        }
    }
}

/// Whether an ancestor of `node` passes `test`.
pub(crate) fn has_ancestor(node: Node<'_>, test: &NodeTest, text: &str, budget: &Budget) -> bool {
    std::iter::successors(node.parent(), |p| p.parent()).any(|a| test.accepts(a, text, budget))
}

/// Whether a proper descendant of `node` passes `test`.
pub(crate) fn has_descendant(node: Node<'_>, test: &NodeTest, text: &str, budget: &Budget) -> bool {
    let mut cursor = node.walk();
    if !cursor.goto_first_child() {
        return false;
    }
    loop {
        if test.accepts(cursor.node(), text, budget) {
            return true;
        }
        if budget.spent() {
            return false;
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() || cursor.node() == node {
                return false;
            }
        }
    }
}

/// The lines `text` spans: tree-sitter's rows count `\n` alone, where a lone `\r` (classic
/// Mac files) ends a line too.
fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let breaks = (0..bytes.len())
        .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    breaks + 1
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        assert_eq!(super::line_count("a\rb\r\nc\nd"), 4);
        assert_eq!(super::line_count("a"), 1);
    }
}
