//! Where a call sits: the function it belongs to, that function's parameters, and what
//! around it retries it or bounds it (a configured wrapper, a library call that retries the
//! function it is given, a hand-written retry loop). `ancestors` always run from the root to
//! the node's parent.

use structlint_core::NodeNames;
use structlint_core::tree_sitter::Node;

use crate::fetch_retry_timeout::model::{RetryCaller, Wrappers, callee_matches};

pub(crate) fn is_function(kind: &str) -> bool {
    matches!(
        kind,
        "function_declaration"
            | "generator_function_declaration"
            | "method_definition"
            | "arrow_function"
            | "function_expression"
            | "function"
            | "generator_function"
    )
}

/// The name a function node is called by, when it has one.
pub(crate) fn function_name(ancestors: &[Node<'_>], i: usize, text: &str) -> Option<String> {
    let n = ancestors[i];
    let name = match n.kind_name() {
        "function_declaration" | "generator_function_declaration" | "method_definition" => {
            n.field("name")
        }
        "arrow_function" | "function_expression" | "function" | "generator_function" => i
            .checked_sub(1)
            .map(|p| ancestors[p])
            .filter(|p| {
                matches!(
                    p.kind_name(),
                    "variable_declarator" | "pair" | "public_field_definition"
                )
            })
            .and_then(|p| p.field("name").or_else(|| p.field("key"))),
        _ => None,
    }?;
    Some(text[name.byte_range()].to_string())
}

/// A named function around a node.
#[derive(Debug, Clone)]
pub(crate) struct Named {
    /// Its index among the ancestors.
    pub index: usize,
    pub name: String,
    /// It is its module's default export.
    pub default_export: bool,
    /// A method or an object's property: used as `this.name` / `obj.name`, not by its name.
    pub member: bool,
}

/// The named function at ancestor `i`, if it is one.
pub(crate) fn named_at(ancestors: &[Node<'_>], i: usize, text: &str) -> Option<Named> {
    let name = function_name(ancestors, i, text)?;
    let above = i.checked_sub(1).map(|p| ancestors[p]);
    let default_export = above
        .filter(|p| p.kind_name() == "export_statement")
        .is_some_and(|p| text[p.byte_range()].starts_with("export default"));
    let member = ancestors[i].kind_name() == "method_definition"
        || above.is_some_and(|p| matches!(p.kind_name(), "pair" | "public_field_definition"));
    Some(Named {
        index: i,
        name,
        default_export,
        member,
    })
}

/// The nearest named function among `ancestors`. Anonymous callbacks run inside the named
/// function around them.
pub(crate) fn enclosing_named(ancestors: &[Node<'_>], text: &str) -> Option<Named> {
    (0..ancestors.len())
        .rev()
        .find_map(|i| named_at(ancestors, i, text))
}

/// Whether the node under `ancestors` is retried: inside an argument of a retry wrapper, in
/// the function a retrying library call is given, or in a hand-written retry loop.
pub(crate) fn retried(ancestors: &[Node<'_>], text: &str, w: &Wrappers) -> bool {
    inside_argument_of(ancestors, text, &w.retry)
        || inside_retry_caller(ancestors, text, &w.retry_callers)
        || inside_retry_loop(ancestors)
}

/// Whether the node under `ancestors` is inside an argument of a timeout wrapper.
pub(crate) fn timed(ancestors: &[Node<'_>], text: &str, w: &Wrappers) -> bool {
    inside_argument_of(ancestors, text, &w.timeout)
}

/// Whether one of `ancestors` is an argument list of a call to one of `names`.
pub(crate) fn inside_argument_of(ancestors: &[Node<'_>], text: &str, names: &[String]) -> bool {
    (1..ancestors.len()).any(|i| {
        ancestors[i].kind_name() == "arguments"
            && callee_of(ancestors[i - 1], text)
                .is_some_and(|f| names.iter().any(|name| callee_matches(f, name)))
    })
}

fn callee_of<'t>(call: Node<'_>, text: &'t str) -> Option<&'t str> {
    call.field("function").map(|f| &text[f.byte_range()])
}

/// Inside the configured option (`queryFn: …`) or argument (`useSWR(key, fetcher)`) of a
/// library call that retries what it is given.
fn inside_retry_caller(ancestors: &[Node<'_>], text: &str, callers: &[RetryCaller]) -> bool {
    if callers.is_empty() {
        return false;
    }
    (1..ancestors.len()).any(|i| {
        if ancestors[i].kind_name() != "arguments" {
            return false;
        }
        let Some(callee) = callee_of(ancestors[i - 1], text) else {
            return false;
        };
        callers
            .iter()
            .filter(|c| callee_matches(callee, &c.call))
            .any(|c| match (&c.option, c.argument) {
                (Some(option), _) => ancestors[i + 1..].iter().any(|n| {
                    n.kind_name() == "pair"
                        && n.field("key").is_some_and(|k| {
                            text[k.byte_range()].trim_matches(['"', '\'']) == option
                        })
                }),
                (None, Some(k)) => ancestors.get(i + 1).is_some_and(|arg| {
                    let mut cursor = ancestors[i].walk();
                    ancestors[i]
                        .named_children(&mut cursor)
                        .nth(k.saturating_sub(1))
                        .is_some_and(|a| a.id() == arg.id())
                }),
                (None, None) => false,
            })
    })
}

/// A hand-written retry or fallback: the node is in the body of a `try` that leaves the loop
/// around it on success (`return`, `break`), and whose `catch` goes round again (does not
/// end in `throw`), within one function.
fn inside_retry_loop(ancestors: &[Node<'_>]) -> bool {
    let mut tries: Vec<Node<'_>> = Vec::new();
    for i in (0..ancestors.len()).rev() {
        let n = ancestors[i];
        match n.kind_name() {
            "try_statement"
                if n.field("body")
                    .zip(ancestors.get(i + 1))
                    .is_some_and(|(b, c)| b.id() == c.id()) =>
            {
                tries.push(n);
            }
            // Only now is it worth reading the `try` blocks, which may be long.
            "for_statement" | "for_in_statement" | "while_statement" | "do_statement"
                if !tries.is_empty() =>
            {
                return tries.iter().any(|t| retries(*t));
            }
            kind if is_function(kind) => return false,
            _ => {}
        }
    }
    false
}

/// A `try` that leaves on success and whose `catch` does not end in `throw`.
fn retries(t: Node<'_>) -> bool {
    let catch_rethrows = t
        .field("handler")
        .and_then(|h| h.field("body"))
        .and_then(|b| b.named_child(b.named_child_count().checked_sub(1)? as u32))
        .is_some_and(|last| last.kind_name() == "throw_statement");
    !catch_rethrows && t.field("body").is_some_and(leaves_on_success)
}

/// Whether a block has a `return` or `break` of its own (not of a nested function).
fn leaves_on_success(block: Node<'_>) -> bool {
    let mut stack = vec![block];
    while let Some(n) = stack.pop() {
        if matches!(n.kind_name(), "return_statement" | "break_statement") {
            return true;
        }
        if n.id() != block.id() && is_function(n.kind_name()) {
            continue;
        }
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
    }
    false
}

/// A parameter that binds a name: the index of its function among the ancestors, its
/// position, and the property it is destructured from (`{ signal }` → `signal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Param {
    pub function: usize,
    pub index: usize,
    pub field: Option<String>,
}

/// The parameter of the innermost enclosing function that binds `name`.
pub(crate) fn parameter(ancestors: &[Node<'_>], text: &str, name: &str) -> Option<Param> {
    (0..ancestors.len()).rev().find_map(|i| {
        let f = ancestors[i];
        if !is_function(f.kind_name()) {
            return None;
        }
        if let Some(single) = f.field("parameter") {
            return (&text[single.byte_range()] == name).then_some(Param {
                function: i,
                index: 0,
                field: None,
            });
        }
        let params = f.field("parameters")?;
        let mut cursor = params.walk();
        params
            .named_children(&mut cursor)
            .filter(|p| !matches!(p.kind_name(), "comment" | "this"))
            .enumerate()
            .find_map(|(index, p)| {
                let pattern = p.field("pattern").or_else(|| p.field("left")).unwrap_or(p);
                binds(pattern, text, name).map(|field| Param {
                    function: i,
                    index,
                    field,
                })
            })
    })
}

/// Whether a pattern binds `name`: `Some(None)` as a whole, `Some(Some(key))` as a property
/// destructured from it.
pub(crate) fn binds(pattern: Node<'_>, text: &str, name: &str) -> Option<Option<String>> {
    match pattern.kind_name() {
        "identifier" => (&text[pattern.byte_range()] == name).then_some(None),
        "object_pattern" => {
            let mut cursor = pattern.walk();
            pattern.named_children(&mut cursor).find_map(|p| {
                let (key, value) = match p.kind_name() {
                    "shorthand_property_identifier_pattern" => (p, p),
                    "object_assignment_pattern" => {
                        let left = p.field("left")?;
                        (left, left)
                    }
                    "pair_pattern" => {
                        let value = p.field("value")?;
                        let value = value.field("left").unwrap_or(value);
                        (p.field("key")?, value)
                    }
                    _ => return None,
                };
                (&text[value.byte_range()] == name)
                    .then(|| Some(text[key.byte_range()].to_string()))
            })
        }
        _ => None,
    }
}
