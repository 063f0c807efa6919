use structlint_lang::{Grammar, parse_tree};

use super::*;
use crate::budget::Budget;

/// The text of every node of `code` the pattern matches, with its bindings.
fn find(pattern: &str, code: &str, grammar: Grammar) -> Vec<String> {
    let pattern = Pattern::compile(pattern, grammar).unwrap();
    let tree = parse_tree(grammar, code).unwrap();
    let mut found = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        let mut cursor = node.walk();
        let mut kids: Vec<Node<'_>> = node.children(&mut cursor).collect();
        kids.reverse();
        stack.extend(kids);
        let mut b = Bindings::new();
        if pattern.root_kind.is_none_or(|k| k == node.kind_id())
            && pattern.matches(node, code, &mut b, &Budget::new(u64::MAX))
        {
            let mut vars: Vec<String> = b
                .iter()
                .map(|(k, v)| format!("{k}={}", &code[v.clone()]))
                .collect();
            vars.sort();
            found.push(format!("{} [{}]", &code[node.byte_range()], vars.join(" ")));
        }
    }
    found
}

#[test]
fn metavariables_match_one_node_or_many() {
    let code = "fetch(url);\nfetch(url, { signal });\nwindow.fetch(x);\nfetch();\n";
    assert_eq!(
        find("fetch($URL)", code, Grammar::TypeScript),
        ["fetch(url) [URL=url]"]
    );
    assert_eq!(
        find("fetch($$$ARGS)", code, Grammar::TypeScript),
        [
            "fetch(url) [ARGS=url]",
            "fetch(url, { signal }) [ARGS=url, { signal }]",
            "fetch() [ARGS=]"
        ]
    );
}

#[test]
fn whitespace_and_comments_do_not_matter_and_repeated_names_must_agree() {
    let code = "a = a  +  /* x */ 1;\nb = c + 1;\n";
    assert_eq!(
        find("$X = $X + 1", code, Grammar::TypeScript),
        ["a = a  +  /* x */ 1 [X=a]"]
    );
    assert_eq!(find("$_ = $_ + 1", code, Grammar::TypeScript).len(), 2);
}

#[test]
fn statements_functions_and_rust() {
    let code = "async function load(id: string) {\n  await a();\n  await b(id);\n}\n";
    assert_eq!(
        find(
            "async function $NAME($$$P) { $$$BODY }",
            code,
            Grammar::TypeScript
        )
        .iter()
        .map(|m| m.rsplit('[').next().unwrap().to_string())
        .collect::<Vec<_>>(),
        ["BODY=await a();\n  await b(id); NAME=load P=id: string]"]
    );
    let rust = "fn f() { let v = x.unwrap(); y.expect(\"m\"); }\n";
    assert_eq!(
        find("$E.unwrap()", rust, Grammar::Rust),
        ["x.unwrap() [E=x]"]
    );
}

#[test]
fn invalid_snippets_are_errors() {
    assert!(Pattern::compile("fetch(", Grammar::TypeScript).is_err());
    assert_eq!(metavariables("$A + $$$REST + $_ + $A"), ["A", "REST", "A"]);
}

#[test]
fn a_separator_goes_with_an_empty_many() {
    let code = "f(a);\nf(a, b, c);\ng(z);\n";
    assert_eq!(
        find("f($A, $$$REST)", code, Grammar::TypeScript),
        ["f(a) [A=a REST=]", "f(a, b, c) [A=a REST=b, c]"]
    );
    assert_eq!(
        find("g($$$FIRST, $LAST)", code, Grammar::TypeScript),
        ["g(z) [FIRST= LAST=z]"]
    );
}

#[test]
fn backtracking_over_many_lists_stops_when_the_budget_is_spent() {
    let grammar = Grammar::TypeScript;
    let pattern = Pattern::compile("f($$$A, $$$B, $$$C, $$$D, $$$E, 1)", grammar).unwrap();
    let args: Vec<String> = (2..62).map(|i| i.to_string()).collect();
    let code = format!("f({});", args.join(", "));
    let tree = parse_tree(grammar, &code).unwrap();
    let call = tree.root_node().child(0).unwrap().child(0).unwrap();
    assert_eq!(call.kind(), "call_expression");
    let budget = Budget::new(100_000);
    assert!(!pattern.matches(call, &code, &mut Bindings::new(), &budget));
    assert!(
        budget.spent(),
        "every split of 60 arguments into 5 lists is tried"
    );
    // With the argument it looks for, the first split matches.
    let code = format!("f({}, 1);", args.join(", "));
    let tree = parse_tree(grammar, &code).unwrap();
    let call = tree.root_node().child(0).unwrap().child(0).unwrap();
    let budget = Budget::new(100_000);
    assert!(pattern.matches(call, &code, &mut Bindings::new(), &budget));
}

#[test]
fn a_pattern_nested_past_the_limit_is_an_error_before_it_is_parsed() {
    // Parsing it took minutes (tree-sitter's error recovery). Found by tests/fuzz (query).
    let deep = format!("{}$E.unwrap{}", "(".repeat(300), ")*".repeat(300));
    let error = Pattern::compile(&deep, Grammar::Rust).err().unwrap();
    assert!(error.contains("more than 64 deep"), "{error}");
    let fine = format!("{}$E{}", "(".repeat(60), ")".repeat(60));
    assert!(Pattern::compile(&fine, Grammar::TypeScript).is_ok());
}

#[test]
fn a_pattern_longer_than_the_limit_is_an_error_before_it_is_parsed() {
    // Unbalanced brackets that tree-sitter's error recovery took 33 s to parse, four times.
    // Found by tests/fuzz (query).
    let slow = format!("{}$E.unwrap{}()", "(".repeat(63), ")*".repeat(7863));
    let error = Pattern::compile(&slow, Grammar::Rust).err().unwrap();
    assert!(error.contains("longer than 2048 bytes"), "{error}");
    assert!(Pattern::compile("$E.unwrap()", Grammar::Rust).is_ok());
}
