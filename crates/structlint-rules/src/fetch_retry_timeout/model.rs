//! What `fetch-retry-timeout` knows about a file: the configured wrapper names, the network
//! calls that lack a retry or a timeout, and the wrapper functions the file defines.

use structlint_core::Span;

/// The names the rule works with, from the config.
#[derive(Debug, Clone)]
pub(crate) struct Wrappers {
    /// TS/JS functions that make a network call (`fetch`).
    pub calls: Vec<String>,
    /// Functions that retry what runs inside their arguments.
    pub retry: Vec<String>,
    /// Functions that put a timeout on what runs inside their arguments.
    pub timeout: Vec<String>,
}

impl Wrappers {
    /// Whether `name` is the name of a configured wrapper: its definition is exempt.
    pub fn is_wrapper(&self, name: &str) -> bool {
        self.retry
            .iter()
            .chain(&self.timeout)
            .any(|w| last_segment(w) == name)
    }
}

/// A network call that lacks a retry, a timeout, or both.
#[derive(Debug, Clone)]
pub(crate) struct Unwrapped {
    pub span: Span,
    /// How the call is written: `fetch`, `window.fetch`, `client.get(url).send`.
    pub call: String,
    pub missing_retry: bool,
    pub missing_timeout: bool,
    /// The call as it should read, with the configured wrapper names.
    pub rewrite: String,
    /// When only the timeout is missing and the call can take one in place: the new call,
    /// offered as a machine-applicable edit.
    pub timeout_only: Option<String>,
}

/// A function the workspace defines under a wrapper's name.
#[derive(Debug, Clone)]
pub(crate) struct Definition {
    pub name: String,
    pub span: Span,
}

/// What one file contributes.
#[derive(Debug, Clone, Default)]
pub(crate) struct FetchFacts {
    pub unwrapped: Vec<Unwrapped>,
    pub definitions: Vec<Definition>,
}

/// `a.b.c` / `a::b::c` → `c`.
pub(crate) fn last_segment(path: &str) -> &str {
    path.rsplit(['.', ':']).next().unwrap_or(path)
}

/// Whether a callee as written (`withRetry`, `this.withRetry`, `backoff::future::retry`)
/// calls the configured `name` (`withRetry`, or a full path such as `backoff::future::retry`).
pub(crate) fn callee_matches(callee: &str, name: &str) -> bool {
    let callee = callee
        .split('<')
        .next()
        .unwrap_or(callee)
        .trim()
        .trim_end_matches("::");
    if name.contains("::") || name.contains('.') {
        callee == name
            || callee.ends_with(&format!("::{name}"))
            || callee.ends_with(&format!(".{name}"))
    } else {
        last_segment(callee) == name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
