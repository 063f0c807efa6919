//! A call rewritten with a deadline: `signal: AbortSignal.timeout(10_000)` in its options,
//! joined to any signal it already has.

use structlint_core::NodeNames;
use structlint_core::tree_sitter::Node;

use crate::fetch_retry_timeout::typescript::signal::key_is;

pub(crate) const TIMEOUT: &str = "AbortSignal.timeout(10_000)";

/// The call with `signal: AbortSignal.timeout(10_000)` in its options (the argument at
/// `index`), keeping a signal it has.
pub(crate) fn add_signal(call: Node<'_>, text: &str, index: usize) -> String {
    let whole = &text[call.byte_range()];
    let Some(arguments) = call.field("arguments") else {
        return whole.to_string();
    };
    let head = &text[call.start_byte()..arguments.start_byte()];
    let mut cursor = arguments.walk();
    let mut args: Vec<String> = arguments
        .named_children(&mut cursor)
        .filter(|a| a.kind_name() != "comment")
        .map(|a| text[a.byte_range()].to_string())
        .collect();
    let options = arguments
        .named_child(index as u32)
        .filter(|a| a.kind_name() != "comment");
    let with_signal = match options {
        None => format!("{{ signal: {TIMEOUT} }}"),
        Some(o) if o.kind_name() == "object" => object_with_signal(o, text),
        Some(o) => format!("{{ ...{}, signal: {TIMEOUT} }}", &text[o.byte_range()]),
    };
    while args.len() < index {
        args.push(if index == 1 && args.is_empty() {
            "url".into()
        } else {
            "undefined".into()
        });
    }
    if args.len() == index {
        args.push(with_signal);
    } else {
        args[index] = with_signal;
    }
    format!("{head}({})", args.join(", "))
}

/// A signal expression joined to the deadline: `AbortSignal.any([s, AbortSignal.timeout(…)])`,
/// or one more member of the `AbortSignal.any([…])` it already is.
pub(crate) fn with_deadline(signal: &str) -> String {
    let signal = signal.trim();
    if let Some(inner) = signal
        .strip_prefix("AbortSignal.any([")
        .and_then(|s| s.strip_suffix("])"))
    {
        let inner = inner.trim().trim_end_matches(',');
        return format!("AbortSignal.any([{inner}, {TIMEOUT}])");
    }
    format!("AbortSignal.any([{signal}, {TIMEOUT}])")
}

fn object_with_signal(object: Node<'_>, text: &str) -> String {
    let mut cursor = object.walk();
    let signal = object
        .named_children(&mut cursor)
        .find(|p| match p.kind_name() {
            "pair" => key_is(*p, text, "signal"),
            "shorthand_property_identifier" => &text[p.byte_range()] == "signal",
            _ => false,
        });
    match signal {
        // Keep the caller's signal and add the deadline to it.
        Some(signal) => {
            let value = signal
                .field("value")
                .map_or("signal", |v| &text[v.byte_range()]);
            format!(
                "{}signal: {}{}",
                &text[object.start_byte()..signal.start_byte()],
                with_deadline(value),
                &text[signal.end_byte()..object.end_byte()]
            )
        }
        None => with_property(&text[object.byte_range()], &format!("signal: {TIMEOUT}")),
    }
}

/// An object literal's text with one more property before its closing brace; on a line of
/// its own when the last line ends in a `//` comment, which would swallow it.
pub(crate) fn with_property(object: &str, property: &str) -> String {
    let inner = object.trim_end().trim_end_matches('}').trim_end();
    let line_start = inner.rfind('\n').map_or(0, |i| i + 1);
    let (code, comment) = match inner[line_start..].find("//") {
        Some(at) => inner.split_at(line_start + at),
        None => (inner, ""),
    };
    let code = code.trim_end();
    let comma = if code.ends_with(',') || code.ends_with('{') {
        ""
    } else {
        ","
    };
    match comment {
        "" => format!("{code}{comma} {property} }}"),
        _ => format!("{code}{comma} {comment}\n{property} }}"),
    }
}
