//! Where a request's deadline comes from: an `AbortSignal.timeout(…)` in its options
//! (directly, in `AbortSignal.any([…])`, through a variable, or an `AbortController` that a
//! `setTimeout` aborts), or the caller's signal or options, taken from a parameter. Also the
//! request's method, for whether it may be retried.

use structlint_core::NodeNames;
use structlint_core::tree_sitter::Node;

use crate::fetch_retry_timeout::model::Via;
use crate::fetch_retry_timeout::typescript::context::{Param, binds, parameter};

/// What gives a request its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Deadline {
    Timeout,
    /// The caller of the function at this ancestor index, through `via`.
    Caller {
        function: usize,
        via: Via,
    },
    Absent,
}

/// Where an expression is read: the text and the ancestors of the call it belongs to.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a, 't> {
    pub text: &'t str,
    pub ancestors: &'a [Node<'t>],
    pub at: Node<'t>,
}

/// The deadline an options object (`init`) gives a request.
pub(crate) fn of_options(node: Node<'_>, scope: Scope<'_, '_>) -> Deadline {
    of_options_at(node, scope, 0)
}

/// The deadline an expression used as the request's `signal` gives it.
pub(crate) fn of_signal(node: Node<'_>, scope: Scope<'_, '_>) -> Deadline {
    of_signal_at(node, scope, 0)
}

/// Variables lead to variables; a few steps are all real code takes.
const DEPTH: usize = 4;

fn of_options_at(node: Node<'_>, scope: Scope<'_, '_>, depth: usize) -> Deadline {
    let text = &scope.text[node.byte_range()];
    if text.contains("AbortSignal.timeout") {
        return Deadline::Timeout;
    }
    if depth > DEPTH {
        return Deadline::Absent;
    }
    match node.kind_name() {
        "identifier" | "member_expression" => match from_parameter(node, scope) {
            Some(p) => caller(p, Via::Options),
            None => declared_then(node, scope, depth, of_options_at),
        },
        "object" => {
            let mut cursor = node.walk();
            let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
            let signal = children.iter().find_map(|p| match p.kind_name() {
                "pair" if key_is(*p, scope.text, "signal") => p.field("value"),
                "shorthand_property_identifier" if &scope.text[p.byte_range()] == "signal" => {
                    Some(*p)
                }
                _ => None,
            });
            if let Some(signal) = signal {
                return of_signal_at(signal, scope, depth + 1);
            }
            // `{ ...init, cache: "no-store" }` forwards whatever signal `init` has.
            children
                .iter()
                .filter(|p| p.kind_name() == "spread_element")
                .filter_map(|p| p.named_child(0))
                .map(|inner| of_options_at(inner, scope, depth + 1))
                .find(|d| *d != Deadline::Absent)
                .unwrap_or(Deadline::Absent)
        }
        _ => Deadline::Absent,
    }
}

fn of_signal_at(node: Node<'_>, scope: Scope<'_, '_>, depth: usize) -> Deadline {
    let text = &scope.text[node.byte_range()];
    if text.contains("AbortSignal.timeout") {
        return Deadline::Timeout;
    }
    if depth > DEPTH {
        return Deadline::Absent;
    }
    match node.kind_name() {
        "identifier" | "shorthand_property_identifier" => match from_parameter(node, scope) {
            Some(p) if p.field.is_none() => caller(p, Via::Signal),
            Some(p) => caller(p, Via::Options),
            None => declared_then(node, scope, depth, of_signal_at),
        },
        "member_expression" => {
            // `controller.signal` of an AbortController that a `setTimeout` aborts.
            if let Some(controller) = text.strip_suffix(".signal")
                && scope.text.contains("setTimeout")
                && scope.text.contains(&format!("{controller}.abort("))
            {
                return Deadline::Timeout;
            }
            match node.field("object") {
                Some(object) => of_options_at(object, scope, depth + 1),
                None => Deadline::Absent,
            }
        }
        // `AbortSignal.any([a, b])`: the first of its signals that comes from somewhere.
        "call_expression" if text.starts_with("AbortSignal.any") => {
            let mut found = Deadline::Absent;
            let mut stack = vec![node];
            while let Some(n) = stack.pop() {
                if n.kind_name() == "array" {
                    let mut cursor = n.walk();
                    for item in n.named_children(&mut cursor) {
                        let d = of_signal_at(item, scope, depth + 1);
                        if d != Deadline::Absent {
                            found = d;
                        }
                    }
                    break;
                }
                let mut cursor = n.walk();
                stack.extend(n.named_children(&mut cursor));
            }
            found
        }
        _ => Deadline::Absent,
    }
}

fn caller(p: Param, via: fn(usize) -> Via) -> Deadline {
    Deadline::Caller {
        function: p.function,
        via: via(p.index),
    }
}

/// The parameter an identifier, or the object of a member chain (`opts.signal`), is.
fn from_parameter(node: Node<'_>, scope: Scope<'_, '_>) -> Option<Param> {
    let mut root = node;
    while root.kind_name() == "member_expression" {
        root = root.field("object")?;
    }
    if !matches!(
        root.kind_name(),
        "identifier" | "shorthand_property_identifier"
    ) {
        return None;
    }
    let mut p = parameter(scope.ancestors, scope.text, &scope.text[root.byte_range()])?;
    if root.id() != node.id() && p.field.is_none() {
        // `options.signal`: a property of the parameter.
        p.field = Some("signal".into());
    }
    Some(p)
}

/// Follows a variable to its declaration and reads its value with `then`; a destructured
/// variable (`const { signal } = options`) is read as a property of its value's object.
fn declared_then<'t>(
    node: Node<'t>,
    scope: Scope<'_, 't>,
    depth: usize,
    then: fn(Node<'_>, Scope<'_, '_>, usize) -> Deadline,
) -> Deadline {
    let name = &scope.text[node.byte_range()];
    if node.kind_name() == "member_expression" || !scope.text.contains("signal") {
        return Deadline::Absent;
    }
    match declared(scope, name) {
        Some((value, None)) => then(value, scope, depth + 1),
        Some((value, Some(_))) => of_options_at(value, scope, depth + 1),
        None => Deadline::Absent,
    }
}

/// The value of the nearest declaration of `name` before the call, in the innermost
/// enclosing function that has one, or the file; with the property it is destructured from.
pub(crate) fn declared<'t>(scope: Scope<'_, 't>, name: &str) -> Option<(Node<'t>, Option<String>)> {
    // Most declarations are local: the innermost function first, then the whole file.
    let innermost = scope
        .ancestors
        .iter()
        .rev()
        .find(|n| crate::fetch_retry_timeout::typescript::context::is_function(n.kind_name()));
    innermost
        .and_then(|f| declared_in(*f, scope, name))
        .or_else(|| declared_in(*scope.ancestors.first()?, scope, name))
}

fn declared_in<'t>(
    root: Node<'t>,
    scope: Scope<'_, 't>,
    name: &str,
) -> Option<(Node<'t>, Option<String>)> {
    let mut best: Option<(Node<'t>, Option<String>)> = None;
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.start_byte() >= scope.at.start_byte() {
            continue;
        }
        if n.kind_name() == "variable_declarator"
            && let Some(field) = n
                .field("name")
                .and_then(|pattern| binds(pattern, scope.text, name))
            && best
                .as_ref()
                .is_none_or(|(b, _)| n.start_byte() > b.start_byte())
            && let Some(value) = n.field("value")
        {
            best = Some((value, field));
        }
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
    }
    best
}

pub(crate) fn key_is(pair: Node<'_>, text: &str, key: &str) -> bool {
    pair.field("key")
        .is_some_and(|k| text[k.byte_range()].trim_matches(['"', '\'']) == key)
}

/// A request's method as its options object says: `(Some("POST"), _)` for a literal,
/// `(None, _)` when it is not written as one (a variable, forwarded options); and whether
/// the request carries an `Idempotency-Key` header, which makes any method safe to repeat.
pub(crate) fn method(options: Option<Node<'_>>, scope: Scope<'_, '_>) -> (Option<String>, bool) {
    let Some(options) = options else {
        return (Some("GET".into()), false);
    };
    let object = match options.kind_name() {
        // A parameter's method is the caller's to say; a variable's is in its declaration.
        "identifier" if scope.text.contains("method") => {
            let name = &scope.text[options.byte_range()];
            match parameter(scope.ancestors, scope.text, name) {
                Some(_) => None,
                None => declared(scope, name).map(|(v, _)| v),
            }
        }
        "identifier" => return (Some("GET".into()), false),
        _ => Some(options),
    };
    let Some(object) = object.filter(|o| o.kind_name() == "object") else {
        return (None, false);
    };
    let keyed = scope.text[object.byte_range()]
        .to_ascii_lowercase()
        .contains("idempotency-key");
    let mut cursor = object.walk();
    let children: Vec<Node<'_>> = object.named_children(&mut cursor).collect();
    let literal = children
        .iter()
        .find(|p| p.kind_name() == "pair" && key_is(**p, scope.text, "method"))
        .map(|p| {
            p.field("value")
                .filter(|v| v.kind_name() == "string")
                .map(|v| {
                    scope.text[v.byte_range()]
                        .trim_matches(['"', '\''])
                        .to_ascii_uppercase()
                })
        });
    let method = match literal {
        Some(m) => m,
        None if children.iter().any(|c| c.kind_name() == "spread_element") => None,
        None => Some("GET".into()),
    };
    (method, keyed)
}
