//! What `fetch-retry-timeout` knows about a file: the configured names, the network calls
//! that lack a retry or a timeout, the places that use the functions making them, and the
//! wrapper functions the file defines.

use serde::Deserialize;
use structlint_core::{Span, Text};

/// The names the rule works with, from the config.
#[derive(Debug, Clone)]
pub(crate) struct Wrappers {
    /// TS/JS functions that make a network call (`fetch`).
    pub calls: Vec<String>,
    /// Functions that retry what runs inside their arguments.
    pub retry: Vec<String>,
    /// Functions that put a timeout on what runs inside their arguments.
    pub timeout: Vec<String>,
    /// Library calls that retry the function given to them (`useQuery`'s `queryFn`).
    pub retry_callers: Vec<RetryCaller>,
    /// The HTTP methods whose requests must be retried, upper case.
    pub methods: Vec<String>,
}

impl Wrappers {
    /// Whether `name` is the name of a configured wrapper: its definition is exempt.
    pub fn is_wrapper(&self, name: &str) -> bool {
        self.retry
            .iter()
            .chain(&self.timeout)
            .any(|w| last_segment(w) == name)
    }

    /// Whether a request with this method must be retried; `None` is a method that is not
    /// written as a literal, which may be anything.
    pub fn must_retry(&self, method: Option<&str>, idempotency_key: bool) -> bool {
        idempotency_key || method.is_some_and(|m| self.methods.iter().any(|x| x == m))
    }
}

/// A library call that retries the function it is given: through an option of its
/// arguments (`useQuery({ queryFn })`) or as a positional argument (`useSWR(key, fetcher)`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RetryCaller {
    /// The library call, such as "useQuery".
    pub call: String,
    /// The option of its arguments that holds the function it retries, such as "queryFn".
    #[serde(default)]
    pub option: Option<String>,
    /// Or the position of that function among its arguments, counting from 1.
    #[serde(default)]
    pub argument: Option<usize>,
}

/// How a function takes a request's signal from its caller: as argument `k` itself, or as
/// the `signal` of (or the whole) options object that is argument `k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Via {
    Signal(usize),
    Options(usize),
}

impl Via {
    pub fn index(self) -> usize {
        match self {
            Via::Signal(k) | Via::Options(k) => k,
        }
    }
}

/// The call as it should read once it has a timeout; the retry wrapper is put around it when
/// the advice is written, with the name the workspace defines.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) enum Rewrite {
    /// The TS/JS call as written, the change that gives it a timeout signal, and whether it
    /// is awaited.
    Call {
        call: Box<str>,
        timeout: Patch,
        awaited: bool,
    },
    /// A reqwest chain before `.send()`, and whether it still needs `.timeout(…)`.
    Send { chain: String, add_timeout: bool },
}

/// A change to a text: `insert` in place of the bytes `start..end`. A call's rewrite is kept
/// as the change rather than as a second copy of the call: every unwrapped call is kept
/// until the workspace phase.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Patch {
    pub start: usize,
    pub end: usize,
    pub insert: Text,
}

impl Patch {
    /// The change that turns `from` into `to`: what differs between their common start and
    /// their common end. Both ends fall on character boundaries.
    pub fn between(from: &str, to: &str, shared: impl FnOnce(&str) -> Text) -> Patch {
        let (a, b) = (from.as_bytes(), to.as_bytes());
        let mut start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        while !from.is_char_boundary(start) || !to.is_char_boundary(start) {
            start -= 1;
        }
        let room = a.len().min(b.len()) - start;
        let same_end = a.iter().rev().zip(b.iter().rev()).take(room);
        let mut tail = same_end.take_while(|(x, y)| x == y).count();
        while !from.is_char_boundary(a.len() - tail) || !to.is_char_boundary(b.len() - tail) {
            tail -= 1;
        }
        Patch {
            start,
            end: a.len() - tail,
            insert: shared(&to[start..b.len() - tail]),
        }
    }

    /// `text` with the change made.
    pub fn apply(&self, text: &str) -> String {
        [&text[..self.start], &self.insert, &text[self.end..]].concat()
    }
}

/// A network call that lacks a retry, a timeout, or both.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Unwrapped {
    pub span: Span,
    /// How the call is written: `fetch`, `window.fetch`, `client.get(url).send`.
    pub call: Text,
    pub missing_retry: bool,
    pub missing_timeout: bool,
    pub rewrite: Rewrite,
    /// The request's method, upper case, when the call says it (`GET` when it says none);
    /// and whether it carries an `Idempotency-Key` header.
    pub method: Option<String>,
    pub idempotency_key: bool,
    /// The named function the call sits in, whose callers may retry it or bound it.
    pub function: Option<Text>,
    /// Whether that function is its module's default export.
    pub default_export: bool,
    /// How `function` takes the request's signal from its callers, when it does: then the
    /// callers own the request's deadline and whether to repeat it.
    pub delegated: Option<Via>,
}

/// What one argument of a call gives a request: a deadline, or its caller's signal.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Argument {
    /// Where it is in the use's `call` text.
    pub range: (usize, usize),
    /// It is, or carries, an `AbortSignal.timeout(…)`.
    pub timeout: bool,
    /// Read as a signal, it comes from the parameters of the named function the call is
    /// in: how that function takes it.
    pub as_signal: Option<Via>,
    /// Read as an options object, it carries that function's signal or options.
    pub as_options: Option<Via>,
    /// It comes from the parameters of an anonymous callback around the call: whoever
    /// calls the callback owns the deadline.
    pub anonymous_caller: bool,
    /// Read as an options object: its `method` when written as a literal, upper case
    /// (`GET` when it has none); `method_unknown` when it has one that is not a literal;
    /// and whether it carries an `Idempotency-Key` header.
    pub method: Option<String>,
    pub method_unknown: bool,
    pub idempotency_key: bool,
}

impl Argument {
    /// The method the request gets from this argument read as its options.
    pub fn method(&self) -> Option<&str> {
        match (&self.method, self.method_unknown) {
            (_, true) => None,
            (Some(m), false) => Some(m),
            (None, false) => Some("GET"),
        }
    }
}

/// A place that uses a function by name: a call, or a reference that hands it on. Kept for
/// every file until the workspace phase, so its texts are shared: one per name in a file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Use {
    /// The name as this file knows it: an import's local name, or the file's own function.
    pub name: Text,
    pub span: Span,
    /// The callee as written (`load`, `this.load`); the call's arguments when it is a call,
    /// and the call as written when short enough to quote in a rewrite.
    pub callee: Text,
    pub arguments: Option<Box<[Argument]>>,
    pub call: Option<Box<str>>,
    pub awaited: bool,
    /// Inside a retry wrapper, a retrying library call, or a hand-written retry loop.
    pub retried: bool,
    /// Inside a timeout wrapper.
    pub timed: bool,
    /// The named function the use sits in, and whether it is its module's default export.
    pub function: Option<Text>,
    pub default_export: bool,
    /// That function is a method or an object's property (`this.name(…)`).
    pub function_member: bool,
}

/// A function the workspace defines under a wrapper's name.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Definition {
    pub name: String,
    pub span: Span,
}

/// What one file contributes.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct FetchFacts {
    pub unwrapped: Vec<Unwrapped>,
    pub uses: Vec<Use>,
    pub definitions: Vec<Definition>,
}

/// `a.b.c` / `a::b::c` → `c`.
pub(crate) fn last_segment(path: &str) -> &str {
    // Bytes, not a pattern searcher: this is asked for every call around every use.
    path.bytes()
        .rposition(|b| b == b'.' || b == b':')
        .map_or(path, |i| &path[i + 1..])
}

/// Whether a callee as written (`withRetry`, `this.withRetry`, `backoff::future::retry`)
/// calls the configured `name` (`withRetry`, or a full path such as `backoff::future::retry`).
pub(crate) fn callee_matches(callee: &str, name: &str) -> bool {
    let mut callee = callee
        .bytes()
        .position(|b| b == b'<')
        .map_or(callee, |i| &callee[..i])
        .trim();
    while let Some(shorter) = callee.strip_suffix("::") {
        callee = shorter;
    }
    // Asked of every call around every use of a name: most callees end otherwise, and a
    // suffix comparison turns them away before anything is searched.
    let Some(before) = callee.strip_suffix(last_segment(name)) else {
        return false;
    };
    if name.contains("::") || name.contains('.') {
        callee
            .strip_suffix(name)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with("::") || rest.ends_with('.'))
    } else {
        before.is_empty() || before.ends_with(['.', ':'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_turns_one_text_into_the_other_and_keeps_only_the_change() {
        let cases = [
            ("fetch(u)", "fetch(u, { signal: t })", ", { signal: t }"),
            ("fetch(u, {})", "fetch(u, { signal: t })", " signal: t "),
            ("fetch(u)", "fetch(u)", ""),
            ("", "x", "x"),
            // Characters that share their first bytes are replaced whole.
            ("é(a)", "è(a)", "è"),
            ("aé", "aè", "è"),
            ("f('日本')", "f('日本', {})", ", {}"),
            ("xéy", "xy", ""),
        ];
        for (from, to, insert) in cases {
            let patch = Patch::between(from, to, |s| Text::from(s.to_string()));
            assert_eq!(patch.apply(from), to, "{from} -> {to}");
            assert_eq!(patch.insert, insert, "{from} -> {to}");
        }
    }

    #[test]
    fn callees_match_by_last_segment_or_full_path() {
        assert!(callee_matches("withRetry", "withRetry"));
        assert!(callee_matches("this.withRetry", "withRetry"));
        assert!(callee_matches("net.retry", "retry"));
        assert!(!callee_matches("retryCount", "retry"));
        assert!(callee_matches(
            "backoff::future::retry",
            "backoff::future::retry"
        ));
        assert!(callee_matches(
            "::backoff::future::retry",
            "backoff::future::retry"
        ));
        assert!(!callee_matches("retry", "backoff::future::retry"));
        assert!(callee_matches("with_retry::<_, Error>", "with_retry"));
        assert!(!callee_matches("xretry", "retry"));
        assert!(callee_matches("api.net.retry", "net.retry"));
        assert!(!callee_matches("api.subnet.retry", "net.retry"));
        assert!(!callee_matches("net.retry.x", "net.retry"));
    }
}
