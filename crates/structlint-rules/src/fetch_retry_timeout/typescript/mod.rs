//! `fetch-retry-timeout` on TypeScript and JavaScript: which network calls lack a retry or a
//! timeout, how the call reads once it has both, and where the functions making them are
//! used.

mod context;
mod rewrite;
mod signal;
mod uses;

use std::collections::{BTreeSet, HashMap, HashSet};
use structlint_core::NodeNames;

use structlint_core::tree_sitter::Node;
use structlint_core::{FileContext, Text};

use crate::fetch_retry_timeout::model::{Patch, Rewrite, Unwrapped, Use, Wrappers};
use context::{Named, enclosing_named, is_function, named_at, retried, timed};
use signal::{Deadline, Scope};
use uses::Target;

pub(crate) use rewrite::{TIMEOUT, with_deadline, with_property};

/// How many functions deep the uses of a network call's function are followed in one file:
/// the function's uses, and the uses of the functions those sit in. A chain across files
/// takes one step in each file.
const DEPTH: usize = 2;

/// The texts a file's facts repeat, made once each: the names it uses, the functions they sit
/// in, the calls and their rewrites. A file's facts are kept until the workspace phase.
#[derive(Default)]
pub(super) struct Shared(HashSet<Text>);

impl Shared {
    pub fn text(&mut self, s: &str) -> Text {
        if let Some(t) = self.0.get(s) {
            return t.clone();
        }
        let t = Text::from(s.to_string());
        self.0.insert(t.clone());
        t
    }
}

/// The configured calls in a TS/JS file that are missing a retry or a timeout, and the uses
/// of the functions they sit in and of the names the file imports (`imported`).
pub(crate) fn facts(
    cx: &FileContext<'_>,
    w: &Wrappers,
    imported: &[String],
    check: bool,
) -> (Vec<Unwrapped>, Vec<Use>) {
    let Some(tree) = cx.tree() else {
        return (Vec::new(), Vec::new());
    };
    let root = tree.root_node();
    let mut shared = Shared::default();
    let found = if check {
        unwrapped(cx, root, w, &mut shared)
    } else {
        Vec::new()
    };
    let mut uses: Vec<Use> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut next: HashMap<String, Target> = imported
        .iter()
        .map(|n| (n.clone(), Target::default()))
        .collect();
    next.extend(
        found
            .iter()
            .filter_map(|(u, target)| Some((u.function.as_ref()?.to_string(), target.clone()?))),
    );
    for _ in 0..DEPTH {
        next.retain(|name, _| seen.insert(name.clone()));
        if next.is_empty() {
            break;
        }
        let found = uses::uses_of(cx, root, &next, w, &mut shared);
        // The functions these uses sit in: their callers may retry or bound them.
        next = found
            .iter()
            .filter(|u| {
                u.function
                    .as_ref()
                    .is_some_and(|f| !seen.contains(f.as_str()))
            })
            .filter_map(|u| {
                Some((
                    u.function.as_ref()?.to_string(),
                    Target {
                        skip: None,
                        member: u.function_member,
                    },
                ))
            })
            .collect();
        uses.extend(found);
    }
    (found.into_iter().map(|(u, _)| u).collect(), uses)
}

/// The unwrapped calls, each with how the function whose callers matter is used.
fn unwrapped(
    cx: &FileContext<'_>,
    root: Node<'_>,
    w: &Wrappers,
    shared: &mut Shared,
) -> Vec<(Unwrapped, Option<Target>)> {
    let text = cx.text();
    let mut found = Vec::new();
    // One cursor for the whole walk, with the ancestors at hand: `parent()` descends from
    // the root every time, which made this rule cost more than the parse.
    let mut cursor = root.walk();
    let mut ancestors: Vec<Node<'_>> = Vec::new();
    'walk: loop {
        let node = cursor.node();
        if node.kind_name() == "call_expression"
            && let Some(u) = check_call(cx, text, node, &ancestors, w, shared)
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
    found.sort_by_key(|(u, _)| u.span.start);
    found
}

/// The finding for one call, if it is a configured network call missing a wrapper.
fn check_call<'t>(
    cx: &FileContext<'_>,
    text: &'t str,
    node: Node<'t>,
    ancestors: &[Node<'t>],
    w: &Wrappers,
    shared: &mut Shared,
) -> Option<(Unwrapped, Option<Target>)> {
    let callee = node.field("function")?;
    let callee_text = &text[callee.byte_range()];
    if !w.calls.iter().any(|c| is_network_call(callee_text, c)) {
        return None;
    }
    let named = enclosing_named(ancestors, text);
    if named.as_ref().is_some_and(|n| w.is_wrapper(&n.name)) {
        return None;
    }
    let parent = ancestors.last();
    // Fire and forget: nothing waits for the answer or reads it.
    if parent.is_some_and(|p| {
        p.kind_name() == "expression_statement"
            || (p.kind_name() == "unary_expression" && text[p.byte_range()].starts_with("void"))
    }) {
        return None;
    }
    if loads_webassembly(node, ancestors, text) {
        return None;
    }
    let scope = Scope {
        text,
        ancestors,
        at: node,
    };
    let options = node.field("arguments").and_then(|a| a.named_child(1));
    let deadline = options.map_or(Deadline::Absent, |o| signal::of_options(o, scope));
    let is_retried = retried(ancestors, text, w);
    let is_timed = deadline == Deadline::Timeout || timed(ancestors, text, w);
    let (method, keyed) = signal::method(options, scope);
    let (function, delegated) = match deadline {
        // The function that takes the signal from its caller; an anonymous one's caller is
        // out of sight.
        Deadline::Caller { function, via } => {
            (Some(named_at(ancestors, function, text)?), Some(via))
        }
        _ => (named, None),
    };
    let must_retry =
        w.must_retry(method.as_deref(), keyed) || (method.is_none() && delegated.is_some());
    let missing_retry = must_retry && !is_retried;
    if !missing_retry && is_timed {
        return None;
    }
    let call = &text[node.byte_range()];
    let timeout = if is_timed {
        Patch::default()
    } else {
        Patch::between(call, &rewrite::add_signal(node, text, 1), |s| {
            shared.text(s)
        })
    };
    let awaited = parent.is_some_and(|p| p.kind_name() == "await_expression");
    let target = function.as_ref().map(|f: &Named| Target {
        skip: Some(ancestors[f.index].byte_range()),
        member: f.member,
    });
    Some((
        Unwrapped {
            span: cx.node_span(node),
            call: shared.text(callee_text),
            missing_retry,
            missing_timeout: !is_timed,
            rewrite: Rewrite::Call {
                call: call.into(),
                timeout,
                awaited,
            },
            method,
            idempotency_key: keyed,
            default_export: function.as_ref().is_some_and(|f| f.default_export),
            function: function.map(|f| shared.text(&f.name)),
            delegated,
        },
        target,
    ))
}

/// Fetching a WebAssembly module loads code, as `import()` does: it is the runtime's loader,
/// not a call to a service. Its URL names a wasm file (`wasmBinaryFile`, `"./x.wasm"`), or
/// the function it sits in compiles the response (`WebAssembly.instantiateStreaming`).
fn loads_webassembly(node: Node<'_>, ancestors: &[Node<'_>], text: &str) -> bool {
    let url = node.field("arguments").and_then(|a| a.named_child(0));
    if url.is_some_and(|u| text[u.byte_range()].to_ascii_lowercase().contains("wasm")) {
        return true;
    }
    ancestors
        .iter()
        .rev()
        .find(|a| is_function(a.kind_name()))
        .is_some_and(|f| text[f.byte_range()].contains("WebAssembly."))
}

/// `fetch`, or `globalThis.fetch` / `window.fetch` / `self.fetch` for a bare name.
fn is_network_call(callee: &str, name: &str) -> bool {
    callee == name
        || ["globalThis.", "window.", "self."]
            .iter()
            .any(|g| callee.strip_prefix(g) == Some(name))
}

#[cfg(test)]
mod tests;
