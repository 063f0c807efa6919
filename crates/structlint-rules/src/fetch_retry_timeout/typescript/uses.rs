//! The places in a file that use a function by name (call it, or hand it on), with what
//! they give the request the function makes: a retry around them, a timeout, their own
//! caller's signal. The rule follows a network call's function to these places.

use std::collections::HashMap;
use std::ops::Range;
use structlint_core::NodeNames;

use structlint_core::tree_sitter::Node;
use structlint_core::{FileContext, Text};

use crate::fetch_retry_timeout::model::{Argument, Use, Wrappers};
use crate::fetch_retry_timeout::typescript::Shared;
use crate::fetch_retry_timeout::typescript::context::{
    enclosing_named, is_function, retried, timed,
};

/// Calls longer than this are not quoted in a rewrite, nor arguments read for a signal.
const QUOTED: usize = 400;
use crate::fetch_retry_timeout::typescript::signal::{self, Deadline, Scope};

/// How a function is found where it is used.
#[derive(Debug, Clone, Default)]
pub(crate) struct Target {
    /// Its own body, where a use is a recursion.
    pub skip: Option<Range<usize>>,
    /// A method or object property, used as `this.name`; else used by its name.
    pub member: bool,
}

/// The uses of `names` in the file, found in the text as whole words; the tree is asked only
/// about the hits, in text order, so that each descends from where the last one was (walking every node of a
/// large file, or descending from the root for every hit, costs several times more).
pub(crate) fn uses_of(
    cx: &FileContext<'_>,
    root: Node<'_>,
    names: &HashMap<String, Target>,
    w: &Wrappers,
    shared: &mut Shared,
) -> Vec<Use> {
    let text = cx.text();
    let bytes = text.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80;
    // Each name on its own with memchr's vectorised search, then the hits in text order: a
    // file imports a few names, and scanning byte by byte for identifiers cost more.
    let mut hits: Vec<(usize, &str)> = Vec::new();
    for name in names.keys().filter(|n| !n.is_empty()) {
        for start in memchr::memmem::find_iter(bytes, name.as_bytes()) {
            let end = start + name.len();
            let whole_word = (start == 0 || !is_ident(bytes[start - 1]))
                && bytes.get(end).is_none_or(|&b| !is_ident(b));
            if whole_word {
                hits.push((start, name));
            }
        }
    }
    hits.sort_unstable();
    let mut found = Vec::new();
    let mut path = vec![root];
    for (start, name) in hits {
        let at = start + name.len();
        let target = &names[name];
        if target
            .skip
            .as_ref()
            .is_some_and(|s| start >= s.start && at <= s.end)
        {
            continue;
        }
        if let Some(n) = locate(&mut path, start, at)
            && is_reference(n, &path[..path.len() - 1], text, target.member)
        {
            let mut ancestors = path[..path.len() - 1].to_vec();
            found.push(describe(
                cx,
                n,
                &mut ancestors,
                shared.text(name),
                w,
                shared,
            ));
        }
    }
    found
}

/// Moves `path` (the root, then each node down to the last one found) to the named node that
/// spans exactly `start..end`, starting from the deepest node of `path` that contains it.
fn locate<'t>(path: &mut Vec<Node<'t>>, start: usize, end: usize) -> Option<Node<'t>> {
    while path.len() > 1
        && path
            .last()
            .is_some_and(|n| n.start_byte() > start || n.end_byte() < end)
    {
        path.pop();
    }
    let mut cursor = path.last()?.walk();
    loop {
        let node = cursor.node();
        if node.start_byte() == start && node.end_byte() == end && node.is_named() {
            return Some(node);
        }
        cursor.goto_first_child_for_byte(start)?;
        let next = cursor.node();
        if next.start_byte() > start {
            return None;
        }
        path.push(next);
    }
}

/// An identifier that refers to the function: by its name (not a declaration's name, an
/// import or export clause, a type), or for a `member`, as a property of `this`.
fn is_reference(n: Node<'_>, ancestors: &[Node<'_>], text: &str, member: bool) -> bool {
    let Some(&parent) = ancestors.last() else {
        return false;
    };
    match n.kind_name() {
        "identifier" | "shorthand_property_identifier" if !member => {
            parent.field("name").is_none_or(|d| d.id() != n.id())
                // `api.load()`, `React.useState`: a namespace, not the function.
                && !(parent.kind_name() == "member_expression"
                    && parent
                        .field("object")
                        .is_some_and(|o| o.id() == n.id()))
                && !matches!(
                    parent.kind_name(),
                    "export_statement"
                        | "export_specifier"
                        | "import_specifier"
                        | "import_clause"
                        | "namespace_import"
                        | "type_query"
                        // A rendered component is not called with a retry.
                        | "jsx_opening_element"
                        | "jsx_self_closing_element"
                        | "jsx_closing_element"
                )
        }
        "property_identifier" if member => {
            parent.kind_name() == "member_expression"
                && parent
                    .field("object")
                    .is_some_and(|o| &text[o.byte_range()] == "this")
        }
        _ => false,
    }
}

fn describe<'t>(
    cx: &FileContext<'_>,
    node: Node<'t>,
    ancestors: &mut Vec<Node<'t>>,
    name: Text,
    w: &Wrappers,
    shared: &mut Shared,
) -> Use {
    let text = cx.text();
    // `this.load(…)`: the member expression is what is called.
    let mut callee = node;
    if let Some(&p) = ancestors.last()
        && p.kind_name() == "member_expression"
        && p.field("property").is_some_and(|q| q.id() == node.id())
    {
        callee = p;
        ancestors.pop();
    }
    let call = ancestors.last().copied().filter(|p| {
        p.kind_name() == "call_expression"
            && p.field("function").is_some_and(|f| f.id() == callee.id())
    });
    let at = call.unwrap_or(callee);
    if call.is_some() {
        ancestors.pop();
    }
    let ancestors: &[Node<'t>] = ancestors;
    let named = enclosing_named(ancestors, text);
    let arguments = call.map(|call| {
        let scope = Scope {
            text,
            ancestors,
            at: call,
        };
        let own = named.as_ref().map(|n| n.index);
        call.field("arguments")
            .map(|a| {
                let mut cursor = a.walk();
                a.named_children(&mut cursor)
                    .filter(|n| n.kind_name() != "comment")
                    .map(|n| argument(n, scope, own, call.start_byte()))
                    .collect::<Vec<_>>()
                    .into_boxed_slice()
            })
            .unwrap_or_default()
    });
    let quoted = call
        .map(|c| &text[c.byte_range()])
        .filter(|t| t.len() <= QUOTED)
        .map(Box::from);
    Use {
        callee: shared.text(&text[callee.byte_range()]),
        name,
        span: cx.node_span(at),
        arguments,
        call: quoted,
        awaited: ancestors
            .last()
            .is_some_and(|p| p.kind_name() == "await_expression"),
        retried: retried(ancestors, text, w),
        timed: timed(ancestors, text, w),
        default_export: named.as_ref().is_some_and(|n| n.default_export),
        function_member: named.as_ref().is_some_and(|n| n.member),
        function: named.map(|n| shared.text(&n.name)),
    }
}

/// What an argument gives the request. `own`: the ancestor index of the named function the
/// call sits in; a signal from another function's parameters (a callback's) is that
/// callback's caller's business, which nobody here can see.
fn argument(
    node: Node<'_>,
    scope: Scope<'_, '_>,
    own: Option<usize>,
    call_start: usize,
) -> Argument {
    let text = &scope.text[node.byte_range()];
    let mut a = Argument {
        range: (node.start_byte() - call_start, node.end_byte() - call_start),
        ..Argument::default()
    };
    // A callback is neither a signal nor options; long code is not read for one either.
    if is_function(node.kind_name()) || text.len() > QUOTED {
        return a;
    }
    a.timeout = text.contains("AbortSignal.timeout");
    // Reading an argument for a signal can mean looking for a variable's declaration: done
    // only for what can carry one (it says `signal`, or is the caller's own parameter).
    let says = |k: &str| text.contains(k);
    let interesting = says("signal")
        || says("Signal")
        || says("method")
        || says("dempotency")
        || (matches!(node.kind_name(), "identifier" | "member_expression")
            && is_parameter(node, scope));
    if a.timeout || !interesting {
        return a;
    }
    let from_caller = |d: Deadline, a: &mut Argument| match d {
        Deadline::Timeout => {
            a.timeout = true;
            None
        }
        Deadline::Caller { function, via } if Some(function) == own => Some(via),
        Deadline::Caller { .. } => {
            a.anonymous_caller = true;
            None
        }
        Deadline::Absent => None,
    };
    a.as_signal = from_caller(signal::of_signal(node, scope), &mut a);
    a.as_options = from_caller(signal::of_options(node, scope), &mut a);
    let (method, keyed) = signal::method(Some(node), scope);
    a.method_unknown = method.is_none();
    a.method = method.filter(|m| m != "GET");
    a.idempotency_key = keyed;
    a
}

/// Whether an identifier, or the object of a member chain, is a parameter of a function
/// around the call.
fn is_parameter(node: Node<'_>, scope: Scope<'_, '_>) -> bool {
    let mut root = node;
    while root.kind_name() == "member_expression" {
        match root.field("object") {
            Some(o) => root = o,
            None => return false,
        }
    }
    root.kind_name() == "identifier"
        && crate::fetch_retry_timeout::typescript::context::parameter(
            scope.ancestors,
            scope.text,
            &scope.text[root.byte_range()],
        )
        .is_some()
}
