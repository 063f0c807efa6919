//! `fetch-retry-timeout` on Rust: `reqwest` request chains that end in `.send()`.

use structlint_core::FileContext;
use structlint_core::NodeNames;
use structlint_core::tree_sitter::Node;

use crate::fetch_retry_timeout::model::{
    Rewrite, Unwrapped, Wrappers, callee_matches, last_segment,
};

/// `.send()` calls of `reqwest` request chains missing a retry or a timeout. A timeout is
/// `.timeout(…)` in the chain, a client built with `.timeout(…)` in the same function, or a
/// timeout wrapper around the call; a retry is a retry wrapper around it.
pub(crate) fn unwrapped(cx: &FileContext<'_>, wrappers: &Wrappers) -> Vec<Unwrapped> {
    let text = cx.text();
    if !text.contains("reqwest") {
        return Vec::new();
    }
    let Some(tree) = cx.tree() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
        let Some(receiver) = send_receiver(node, text) else {
            continue;
        };
        let function = std::iter::successors(node.parent(), |n| n.parent())
            .find(|n| n.kind_name() == "function_item");
        if function
            .and_then(|f| f.field("name"))
            .is_some_and(|n| wrappers.is_wrapper(&text[n.byte_range()]))
        {
            continue;
        }
        let chain = &text[receiver.byte_range()];
        let client_timeout = chain_root(receiver, text)
            .zip(function)
            .is_some_and(|(root, f)| client_has_timeout(f, text, root));
        let timed = chain.contains(".timeout(")
            || client_timeout
            || inside_argument_of(node, text, &wrappers.timeout);
        let (method, keyed) = method(chain);
        let retried = !wrappers.must_retry(method.as_deref(), keyed)
            || inside_argument_of(node, text, &wrappers.retry);
        if timed && retried {
            continue;
        }
        found.push(Unwrapped {
            span: cx.node_span(node),
            call: format!("{}.send", chain.split(['(', '\n']).next().unwrap_or(chain)).into(),
            missing_retry: !retried,
            missing_timeout: !timed,
            rewrite: Rewrite::Send {
                chain: chain.to_string(),
                add_timeout: !timed,
            },
            method,
            idempotency_key: keyed,
            function: None,
            default_export: false,
            delegated: None,
        });
    }
    found.sort_by_key(|u| u.span.start);
    found
}

/// The receiver of a zero-argument `.send()` call.
fn send_receiver<'t>(node: Node<'t>, text: &str) -> Option<Node<'t>> {
    if node.kind_name() != "call_expression" {
        return None;
    }
    let function = node
        .field("function")
        .filter(|f| f.kind_name() == "field_expression")?;
    let field = function.field("field")?;
    let arguments = node.field("arguments")?;
    (&text[field.byte_range()] == "send" && arguments.named_child_count() == 0)
        .then(|| function.field("value"))
        .flatten()
}

/// The variable a method chain starts from (`client` in `client.get(url).header(…)`).
fn chain_root<'t>(mut node: Node<'t>, text: &'t str) -> Option<&'t str> {
    loop {
        match node.kind_name() {
            "identifier" => return Some(&text[node.byte_range()]),
            "call_expression" => node = node.field("function")?,
            "field_expression" => node = node.field("value")?,
            _ => return None,
        }
    }
}

/// Whether the function binds `name` to a client built with `.timeout(…)`.
fn client_has_timeout(function: Node<'_>, text: &str, name: &str) -> bool {
    let mut stack = vec![function];
    while let Some(n) = stack.pop() {
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
        if n.kind_name() == "let_declaration"
            && n.field("pattern")
                .is_some_and(|p| text[p.byte_range()].trim_start_matches("mut ") == name)
            && n.field("value")
                .is_some_and(|v| text[v.byte_range()].contains(".timeout("))
        {
            return true;
        }
    }
    false
}

fn inside_argument_of(node: Node<'_>, text: &str, names: &[String]) -> bool {
    std::iter::successors(node.parent(), |n| n.parent()).any(|n| {
        n.kind_name() == "arguments"
            && n.parent()
                .and_then(|call| call.field("function"))
                .is_some_and(|f| {
                    names
                        .iter()
                        .any(|name| callee_matches(&text[f.byte_range()], name))
                })
    })
}

/// A wrapper path as code calls it: `backoff::future::retry` stays a path, `with_retry` a name.
pub(crate) fn last_or_path(name: &str) -> &str {
    if name.contains("::") {
        name
    } else {
        last_segment(name)
    }
}

/// The request's method, from the chain's builder call (`.post(…)`,
/// `.request(Method::PATCH, …)`); and whether it sends an `Idempotency-Key` header.
fn method(chain: &str) -> (Option<String>, bool) {
    let keyed = chain.to_ascii_lowercase().contains("idempotency-key");
    let method = ["get", "head", "post", "put", "patch", "delete", "options"]
        .iter()
        .find(|m| {
            chain.contains(&format!(".{m}("))
                || chain.contains(&format!("Method::{}", m.to_ascii_uppercase()))
        })
        .map(|m| m.to_ascii_uppercase());
    (method, keyed)
}

#[cfg(test)]
mod tests;
