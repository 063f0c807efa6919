//! `fetch-retry-timeout` on TypeScript and JavaScript: which network calls lack a retry or a
//! timeout, and how the call reads once it has both.

use structlint_core::FileContext;
use structlint_core::tree_sitter::Node;

use crate::fetch_retry_timeout::model::{Unwrapped, Wrappers, callee_matches};

/// The configured calls in a TS/JS file that are missing a retry or a timeout.
pub(crate) fn unwrapped(cx: &FileContext<'_>, wrappers: &Wrappers) -> Vec<Unwrapped> {
    let Some(tree) = cx.tree() else {
        return Vec::new();
    };
    let text = cx.text();
    let mut found = Vec::new();
    // One cursor for the whole walk, with the ancestors at hand: `parent()` descends from
    // the root every time, which made this rule cost more than the parse.
    let mut cursor = tree.walk();
    let mut ancestors: Vec<Node<'_>> = Vec::new();
    'walk: loop {
        let node = cursor.node();
        if node.kind() == "call_expression"
            && let Some(u) = check_call(cx, text, node, &ancestors, wrappers)
        {
            found.push(u);
        }
        if cursor.goto_first_child() {
            ancestors.push(node);
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
            ancestors.pop();
        }
    }
    found.sort_by_key(|u| u.span.start);
    found
}

/// The finding for one call, if it is a configured network call missing a wrapper;
/// `ancestors` runs from the root to the call's parent.
fn check_call<'t>(
    cx: &FileContext<'_>,
    text: &'t str,
    node: Node<'t>,
    ancestors: &[Node<'t>],
    wrappers: &Wrappers,
) -> Option<Unwrapped> {
    let callee = node.child_by_field_name("function")?;
    let callee_text = &text[callee.byte_range()];
    if !wrappers
        .calls
        .iter()
        .any(|c| is_network_call(callee_text, c))
    {
        return None;
    }
    let function = enclosing_function(ancestors, text);
    if function
        .as_ref()
        .is_some_and(|(_, n)| wrappers.is_wrapper(n))
    {
        return None;
    }
    let retried = wrapped_by(ancestors, function.as_ref(), text, &wrappers.retry);
    let timed = has_timeout_signal(node, text)
        || wrapped_by(ancestors, function.as_ref(), text, &wrappers.timeout);
    if retried && timed {
        return None;
    }
    let call = &text[node.byte_range()];
    let awaited = ancestors
        .last()
        .is_some_and(|p| p.kind() == "await_expression");
    let with_timeout = if timed {
        call.to_string()
    } else {
        add_signal(node, text)
    };
    let retry_name = wrappers.retry.first().map_or("withRetry", String::as_str);
    let rewrite = if retried {
        with_timeout.clone()
    } else {
        format!("{retry_name}(() => {with_timeout})")
    };
    Some(Unwrapped {
        span: cx.node_span(node),
        call: callee_text.to_string(),
        missing_retry: !retried,
        missing_timeout: !timed,
        rewrite: if awaited {
            format!("await {rewrite}")
        } else {
            rewrite
        },
        timeout_only: (!timed && retried).then_some(with_timeout),
    })
}

/// `fetch`, or `globalThis.fetch` / `window.fetch` / `self.fetch` for a bare name.
fn is_network_call(callee: &str, name: &str) -> bool {
    callee == name
        || ["globalThis.", "window.", "self."]
            .iter()
            .any(|g| callee.strip_prefix(g) == Some(name))
}

/// Whether the call under `ancestors` sits inside an argument of a call to one of `names`,
/// or inside a `function` whose every caller in the file does.
fn wrapped_by(
    ancestors: &[Node<'_>],
    function: Option<&(Node<'_>, String)>,
    text: &str,
    names: &[String],
) -> bool {
    if inside_argument_of(ancestors, text, names) {
        return true;
    }
    let (Some((function, name)), Some(root)) = (function, ancestors.first()) else {
        return false;
    };
    let callers = uses_outside(*root, text, name, *function);
    !callers.is_empty()
        && callers
            .iter()
            .all(|&u| inside_argument_of(&ancestors_of(u), text, names))
}

/// The identifiers outside `function` that use `name`. Found by searching the text and
/// asking the tree about each hit: far cheaper than walking every node of the file.
fn uses_outside<'t>(root: Node<'t>, text: &str, name: &str, function: Node<'_>) -> Vec<Node<'t>> {
    let is_ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
    text.match_indices(name)
        .map(|(at, _)| at..at + name.len())
        .filter(|r| r.start < function.start_byte() || r.end > function.end_byte())
        .filter(|r| {
            !is_ident(text[..r.start].chars().next_back())
                && !is_ident(text[r.end..].chars().next())
        })
        .filter_map(|r| root.descendant_for_byte_range(r.start, r.end))
        .filter(|n| matches!(n.kind(), "identifier" | "property_identifier"))
        .filter(|n| {
            n.parent()
                .and_then(|p| p.child_by_field_name("name"))
                .is_none_or(|d| d.id() != n.id())
        })
        .collect()
}

/// The ancestors of `node`, root first.
fn ancestors_of(node: Node<'_>) -> Vec<Node<'_>> {
    let mut chain: Vec<Node<'_>> = std::iter::successors(node.parent(), |n| n.parent()).collect();
    chain.reverse();
    chain
}

/// Whether one of `ancestors` (root first) is an argument list of a call to one of `names`.
fn inside_argument_of(ancestors: &[Node<'_>], text: &str, names: &[String]) -> bool {
    (1..ancestors.len()).any(|i| {
        ancestors[i].kind() == "arguments"
            && ancestors[i - 1]
                .child_by_field_name("function")
                .is_some_and(|f| {
                    names
                        .iter()
                        .any(|name| callee_matches(&text[f.byte_range()], name))
                })
    })
}

/// The nearest function among `ancestors` (root first) and the name it is called by.
fn enclosing_function<'t>(ancestors: &[Node<'t>], text: &str) -> Option<(Node<'t>, String)> {
    (0..ancestors.len()).rev().find_map(|i| {
        let n = ancestors[i];
        let name = match n.kind() {
            "function_declaration" | "generator_function_declaration" | "method_definition" => {
                n.child_by_field_name("name")
            }
            "arrow_function" | "function_expression" | "function" => i
                .checked_sub(1)
                .map(|p| ancestors[p])
                .filter(|p| {
                    matches!(
                        p.kind(),
                        "variable_declarator" | "pair" | "public_field_definition"
                    )
                })
                .and_then(|p| {
                    p.child_by_field_name("name")
                        .or_else(|| p.child_by_field_name("key"))
                }),
            _ => return None,
        }?;
        Some((n, text[name.byte_range()].to_string()))
    })
}

/// A `signal` in the call's options that comes from `AbortSignal.timeout(…)` (directly, in
/// `AbortSignal.any([…])`, or through a variable or an options object declared in the file).
fn has_timeout_signal(call: Node<'_>, text: &str) -> bool {
    let Some(options) = call
        .child_by_field_name("arguments")
        .and_then(|a| a.named_child(1))
    else {
        return false;
    };
    let options_text = match options.kind() {
        "identifier" => declared_value(call, text, &text[options.byte_range()]).unwrap_or_default(),
        _ => text[options.byte_range()].to_string(),
    };
    if options_text.contains("AbortSignal.timeout") {
        return true;
    }
    // `{ signal }` or `{ signal: s }` where `s` is declared from a timeout.
    let named = options_text
        .split(['{', ',', '}'])
        .map(str::trim)
        .find_map(|p| match p.split_once(':') {
            Some((key, value)) if key.trim() == "signal" => Some(value.trim().to_string()),
            None if p == "signal" => Some("signal".to_string()),
            _ => None,
        });
    let Some(value) = named else { return false };
    let value = if value.contains('.') {
        value
    } else {
        declared_value(call, text, &value).unwrap_or(value)
    };
    if value.contains("AbortSignal.timeout") {
        return true;
    }
    // `controller.signal` of an AbortController that a `setTimeout` aborts.
    value.strip_suffix(".signal").is_some_and(|controller| {
        text.contains("setTimeout") && text.contains(&format!("{controller}.abort("))
    })
}

/// The initialiser text of the variable `name` declared in the file (nearest first).
fn declared_value(from: Node<'_>, text: &str, name: &str) -> Option<String> {
    let root = std::iter::successors(Some(from), |n| n.parent()).last()?;
    let mut stack = vec![root];
    let mut best: Option<Node<'_>> = None;
    while let Some(n) = stack.pop() {
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
        if n.kind() == "variable_declarator"
            && n.child_by_field_name("name")
                .is_some_and(|id| &text[id.byte_range()] == name)
            && n.start_byte() < from.start_byte()
            && best.is_none_or(|b| n.start_byte() > b.start_byte())
        {
            best = Some(n);
        }
    }
    best.and_then(|d| d.child_by_field_name("value"))
        .map(|v| text[v.byte_range()].to_string())
}

/// The `signal` property of an options object (`signal: s` or the shorthand `signal`).
fn existing_signal<'t>(object: Node<'t>, text: &str) -> Option<Node<'t>> {
    let mut cursor = object.walk();
    object.named_children(&mut cursor).find(|p| match p.kind() {
        "pair" => p
            .child_by_field_name("key")
            .is_some_and(|k| &text[k.byte_range()] == "signal"),
        "shorthand_property_identifier" => &text[p.byte_range()] == "signal",
        _ => false,
    })
}

/// The call with `signal: AbortSignal.timeout(10_000)` in its options.
fn add_signal(call: Node<'_>, text: &str) -> String {
    const SIGNAL: &str = "signal: AbortSignal.timeout(10_000)";
    let whole = &text[call.byte_range()];
    let Some(arguments) = call.child_by_field_name("arguments") else {
        return whole.to_string();
    };
    let head = &text[call.start_byte()..arguments.start_byte()];
    let mut cursor = arguments.walk();
    let args: Vec<&str> = arguments
        .named_children(&mut cursor)
        .map(|a| &text[a.byte_range()])
        .collect();
    let options = match arguments.named_child(1) {
        None => format!("{{ {SIGNAL} }}"),
        Some(o) if o.kind() == "object" => match existing_signal(o, text) {
            // Keep the caller's signal and add the deadline to it.
            Some(signal) => {
                let value = signal
                    .child_by_field_name("value")
                    .map_or("signal", |v| &text[v.byte_range()]);
                let combined =
                    format!("signal: AbortSignal.any([{value}, AbortSignal.timeout(10_000)])");
                format!(
                    "{}{combined}{}",
                    &text[o.start_byte()..signal.start_byte()],
                    &text[signal.end_byte()..o.end_byte()]
                )
            }
            None => {
                let inner = text[o.byte_range()].trim_end_matches('}').trim_end();
                let comma = if inner.ends_with(',') || inner.ends_with('{') {
                    ""
                } else {
                    ","
                };
                format!("{inner}{comma} {SIGNAL} }}")
            }
        },
        Some(o) => format!("{{ ...{}, {SIGNAL} }}", &text[o.byte_range()]),
    };
    let first = args.first().copied().unwrap_or("url");
    let rest: Vec<&str> = args.iter().skip(2).copied().collect();
    let tail = if rest.is_empty() {
        String::new()
    } else {
        format!(", {}", rest.join(", "))
    };
    format!("{head}({first}, {options}{tail})")
}

#[cfg(test)]
mod tests;
