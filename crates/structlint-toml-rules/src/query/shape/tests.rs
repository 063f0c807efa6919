use super::*;
use structlint_lang::Grammar;

fn rejected(query: &str) -> Option<usize> {
    check(query, &Grammar::TypeScript.language())
        .err()
        .map(|r| r.offset)
}

#[test]
fn repetitions_of_what_can_match_nothing_are_rejected_at_their_quantifier() {
    for (query, at) in [
        ("((_)?)+ @match", 6),
        ("((identifier _+)*)+ @match", 18),
        ("(_ (call_expression)?)* @a", 22),
        ("(_ (identifier)*)* @a", 17),
        ("[(a) (b)?]+ @m", 10),
        ("(expression (identifier)?)* @a", 26),
        ("(call_expression ((identifier)?)+) @a", 32),
        ("((identifier) @x (#eq? @x \")(\") ((_)? @y)+)", 41),
        // The compiler loops on reading it, before the syntax error that follows.
        ("((_)?)+ @match (", 6),
        (
            "(([(identifier)+ (call_expression)?]+)* (_* (identifier)))",
            36,
        ),
    ] {
        assert_eq!(rejected(query), Some(at), "{query}");
    }
}

#[test]
fn a_field_of_predicates_alone_is_rejected_at_the_field() {
    // Each aborted the process in tree-sitter's query compiler. Found by tests/fuzz (query).
    for query in [
        "(statement_block body: (#eq? @a \"x\"))",
        "((identifier) @a body: (#eq? @a \"x\"))",
        "(statement_block body: ((#match? @a \"x\") (#eq? @a \"y\")))",
        "(statement_block body: [(#eq? @a \"x\")])",
        "[(identifier) body: (#eq? @a \"x\")*]",
    ] {
        let at = query.find("body").unwrap();
        let rejection = check(query, &Grammar::TypeScript.language()).err();
        assert_eq!(rejection.as_ref().map(|r| r.offset), Some(at), "{query}");
        assert!(rejection.unwrap().message.contains("field"), "{query}");
    }
    assert_eq!(
        rejected("(statement_block body: [(#eq? @a \"x\") (identifier) @a])"),
        None
    );
}

#[test]
fn a_capture_or_a_quantifier_on_predicates_alone_is_rejected_at_it() {
    // Each aborted the process in tree-sitter's query compiler. Found by tests/fuzz (query).
    for (query, suffix) in [
        ("(identifier) @a ((#eq? @a \"x\"))?", "?"),
        ("(identifier) @a [(#eq? @a \"x\")] @c", "@c"),
        ("(program (identifier) @a ((#eq? @a \"x\")) @c)", "@c"),
        ("(_ (_) @m (((#has? @m \"x\"))) @m)", "@m)"),
    ] {
        assert_eq!(rejected(query), query.rfind(suffix), "{query}");
        let message = check(query, &Grammar::TypeScript.language())
            .err()
            .unwrap()
            .message;
        assert!(message.contains("predicates alone"), "{query}: {message}");
    }
    assert_eq!(
        rejected("(program ((identifier) @a (#eq? @a \"x\"))? @c)"),
        None
    );
}

#[test]
fn ordinary_repetitions_pass() {
    for query in [
        "(comment)* @c . (function_declaration) @f",
        "[(comment) (decorator)]* @a",
        "((identifier) (call_expression)?)+ @a",
        "(_ (identifier) (call_expression)?)* @a",
        "((_)+)+ @m",
        "(arguments (call_expression)?)* @a",
        "(call_expression function: (identifier) @f (#eq? @f \"x\")) @match",
        "(array . (_)* @a . )",
        // Not well-formed: tree-sitter reports it.
        "((_)+ @match (",
    ] {
        assert_eq!(rejected(query), None, "{query}");
    }
}

#[test]
fn deep_nesting_is_rejected_before_it_overflows_the_stack() {
    let deep = format!("{}(identifier){}", "[".repeat(50_000), "]".repeat(50_000));
    assert_eq!(rejected(&deep), Some(MAX_NESTING));
    let fine = format!("{}(identifier){} @a", "(".repeat(30), ")".repeat(30));
    assert_eq!(rejected(&fine), None);
    // Brackets in strings and comments do not count.
    let quoted = format!(
        "((identifier) @a (#eq? @a \"{}\")) ; {}\n",
        "(".repeat(100),
        "[".repeat(100)
    );
    assert_eq!(rejected(&quoted), None);
}
