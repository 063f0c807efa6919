//! The query validator: a mutated query either is rejected with an error at a place in the
//! query (where `structlint query` draws its caret), or compiles and runs on a real file
//! within its budget. A query tree-sitter's compiler would loop on must be rejected before it
//! gets there: the case would never end, and the runner's deadline fails it.

use std::sync::Arc;

use structlint_lang::Grammar;
use structlint_lang::tree_sitter::Tree;
use structlint_toml_rules::run_query;

use crate::mutate::{Grammar as Words, mutant, shrink};
use crate::runner::{Outcome, fuzz};
use crate::seeds;

/// About 1.5 ms of CPU each in a debug build: 5 s.
const CI_CASES: usize = 3000;

/// Queries that use each part of the query language, beside those of the shipped rules, and
/// the shapes that froze the query compiler.
const TYPESCRIPT: &[&str] = &[
    "(call_expression function: (member_expression object: (identifier) @obj property: (property_identifier) @prop) arguments: (arguments) @args) @match (#eq? @obj \"console\")",
    "(function_declaration name: (identifier) @name body: (statement_block) @body) @match (#min-lines? @match 3)",
    "((identifier) @id (#match? @id \"^[A-Z]\") (#not-eq? @id \"Foo\"))",
    "(statement_block . (expression_statement) @first (_)* @rest .)",
    "[(string) (template_string)] @s (#any-of? @s \"'a'\" \"'b'\")",
    "(await_expression) @match (#inside? @match \"for_statement\") (#not-inside? @match \"arrow_function\")",
    "(call_expression) @c (#has? @c \"fetch($URL)\") (#not-has? @c \"await_expression\")",
    "(expression/identifier) @e",
    "(import_statement source: (string (string_fragment) @src))",
    "(\"=>\" @arrow)",
    "(ERROR) @err (MISSING) @missing",
    "; a comment\n(comment) @c",
    "((comment)+ @cs)",
    "(class_declaration body: (class_body (method_definition)* @methods))",
    "(_ (identifier) @id) @parent",
    "(arrow_function !parameters) @a",
    "(jsx_element open_tag: (jsx_opening_element name: (_) @tag)) @match",
    "((_)?)+ @match",
    "((identifier _+)*)+ @match",
    "(_ (call_expression)?)* @a",
];

const RUST: &[&str] = &[
    "(macro_invocation macro: (identifier) @m (#any-of? @m \"println\" \"dbg\")) @match",
    "(call_expression function: (field_expression field: (field_identifier) @f (#eq? @f \"unwrap\"))) @match",
    "(function_item name: (identifier) @n body: (block) @b) @match (#min-lines? @b 5)",
    "(use_declaration argument: (scoped_identifier path: (_) @p name: (identifier) @n))",
    "(impl_item trait: (type_identifier)? @t type: (_) @ty)",
    "(mod_item name: (identifier) @m !body)",
    "(attribute_item (attribute (identifier) @a))",
    "(match_expression body: (match_block (match_arm)+ @arms))",
    "(function_item) @f (#has? @f \"$X.unwrap()\") (#not-inside? @f \"mod_item\")",
    "[(line_comment) (block_comment)] @c (#match? @c \"TODO\")",
];

const SYNTAX: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "_",
    "?",
    "*",
    "+",
    ".",
    "!",
    "@match",
    "@a",
    "@",
    "\"x\"",
    "\"",
    ";",
    ":",
    "/",
    "#eq?",
    "#not-eq?",
    "#match?",
    "#not-match?",
    "#any-of?",
    "#inside?",
    "#not-inside?",
    "#has?",
    "#not-has?",
    "#min-lines?",
    "#set!",
    "#is?",
    "#select-adjacent!",
    "ERROR",
    "MISSING",
    "(_)",
    "(_)*",
    "(_)?",
    "(_)+",
    "\"$$$A\"",
    "\"$A($$$)\"",
    "\\",
];

#[derive(Debug, Clone)]
struct Case {
    grammar: usize,
    query: String,
}

#[test]
fn query_validator() {
    // A TypeScript, a TSX and a Rust file of the fixtures, for the queries to run on.
    let samples: Vec<(Grammar, String)> = vec![
        (
            Grammar::TypeScript,
            "fixtures/ts-monorepo/packages/reports/src/aging.ts",
        ),
        (
            Grammar::Tsx,
            "fixtures/ts-monorepo/packages/billing/src/ui/InvoiceTable.tsx",
        ),
        (
            Grammar::Rust,
            "fixtures/rust-workspace/crates/acme-service/src/billing.rs",
        ),
    ]
    .into_iter()
    .map(|(grammar, path)| (grammar, String::from_utf8(seeds::read(path)).unwrap()))
    .collect();
    let trees: Vec<Tree> = samples
        .iter()
        .map(|(grammar, text)| structlint_lang::parse_tree(*grammar, text).unwrap())
        .collect();
    let matchers = seeds::matchers();
    let inputs: Arc<Vec<Inputs>> = Arc::new(
        samples
            .iter()
            .map(|(grammar, _)| inputs(*grammar, &matchers))
            .collect(),
    );
    fuzz(
        "query",
        CI_CASES,
        move |rng| {
            let grammar = rng.usize(..3);
            // Now and then a query written for another grammar: unknown kinds and fields.
            let from = if rng.usize(..10) == 0 {
                rng.usize(..3)
            } else {
                grammar
            };
            let Inputs { seeds, words } = &inputs[from];
            let nests: &[(&str, &str)] = &[
                ("(", ")"),
                ("[", "]"),
                ("(_ ", ")"),
                ("(", ")?"),
                ("(", ")*"),
            ];
            let words = Words {
                seeds,
                words,
                nests,
                bytes: false,
                max_len: 16 << 10,
            };
            let query =
                String::from_utf8(mutant(rng, &words)).expect("mutants of queries are text");
            Case { grammar, query }
        },
        move |case| {
            let (grammar, text) = &samples[case.grammar];
            run(&case.query, *grammar, &trees[case.grammar], text)
        },
        |case| {
            let cut = |q: Vec<u8>| {
                String::from_utf8(q)
                    .ok()
                    .map(|query| Case { query, ..*case })
            };
            shrink(case.query.as_bytes())
                .into_iter()
                .filter_map(cut)
                .collect()
        },
    );
}

/// What the queries of a grammar are made of.
struct Inputs {
    seeds: Vec<Vec<u8>>,
    words: Vec<&'static str>,
}

/// The seed queries of `grammar`: the shipped rules', each seed pattern under a `#has?`, and
/// ours; and the words of its queries: the query syntax, its node kinds and field names.
fn inputs(grammar: Grammar, matchers: &[seeds::Matcher]) -> Inputs {
    let rust = grammar == Grammar::Rust;
    let mut seeds: Vec<String> = Vec::new();
    for matcher in matchers.iter().filter(|m| m.rust == rust) {
        seeds.push(if matcher.query {
            matcher.source.clone()
        } else {
            let pattern = matcher.source.replace('\\', "\\\\").replace('"', "\\\"");
            format!("(_ (_) @match (#has? @match \"{pattern}\"))")
        });
    }
    seeds.extend(
        if rust { RUST } else { TYPESCRIPT }
            .iter()
            .map(|q| q.to_string()),
    );
    let language = grammar.language();
    let mut words: Vec<&'static str> = SYNTAX.to_vec();
    for id in 0..language.node_kind_count() as u16 {
        if let Some(kind) = language.node_kind_for_id(id) {
            let named = language.node_kind_is_named(id);
            words.push(leak(if named {
                kind.to_string()
            } else {
                format!("{kind:?}")
            }));
        }
    }
    for id in 1..=language.field_count() as u16 {
        if let Some(field) = language.field_name_for_id(id) {
            words.push(leak(format!("{field}:")));
            words.push(leak(format!("!{field}")));
        }
    }
    let seeds = seeds.into_iter().map(String::into_bytes).collect();
    Inputs { seeds, words }
}

fn run(query: &str, grammar: Grammar, tree: &Tree, text: &str) -> Result<Outcome, String> {
    match run_query(query, grammar, tree, text) {
        Ok(matches) if matches.is_empty() => Ok("compiled, no match"),
        Ok(_) => Ok("compiled, matched"),
        Err(problem) if problem.message.starts_with("the query gave up") => Ok("compiled, gave up"),
        Err(problem) => {
            // `structlint query` and a rule file's error point at this offset.
            if problem.offset > query.len() || !query.is_char_boundary(problem.offset) {
                return Err(format!(
                    "`{}` at offset {}, outside the query or inside a character",
                    problem.message, problem.offset
                ));
            }
            if problem.message.trim().is_empty() {
                return Err("an error without a message".into());
            }
            Ok("rejected")
        }
    }
}

fn leak(word: String) -> &'static str {
    word.leak()
}
