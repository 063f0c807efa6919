//! The options of `fetch-retry-timeout`, with their defaults (the table in the rule's docs).

use serde::Deserialize;
use serde::de::Error as _;

use crate::fetch_retry_timeout::model::{RetryCaller, Wrappers};

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// TS/JS functions that make network calls (default ["fetch"]).
    calls: Vec<String>,
    /// Wrappers that retry what runs in their arguments (default ["withRetry", "retry",
    /// "with_retry", "backoff::future::retry"]).
    retry: Vec<String>,
    /// Wrappers that put a timeout on what runs in their arguments (default ["withTimeout",
    /// "with_timeout", "tokio::time::timeout"]).
    timeout: Vec<String>,
    /// Library calls that retry the function they are given (default: TanStack Query's
    /// queryFn and SWR's fetcher).
    retry_callers: Vec<RetryCaller>,
    /// HTTP methods whose requests must be retried, the idempotent ones (default ["GET",
    /// "HEAD", "OPTIONS", "PUT", "DELETE"]).
    methods: Vec<String>,
    /// Globs of files exempt from the rule, such as where the wrappers live (default
    /// ["**/scripts/**"]; keep it when you set your own).
    pub allow_in: Vec<String>,
}

fn list(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// TanStack Query retries a failed `queryFn` 3 times in the browser (query-core's
/// retryer, for the hooks and observers; `fetchQuery`/`prefetchQuery` do not retry);
/// SWR retries a failed fetcher with exponential backoff (`onErrorRetry`).
pub(crate) fn default_retry_callers() -> Vec<RetryCaller> {
    let option = |call: &str| RetryCaller {
        call: call.into(),
        option: Some("queryFn".into()),
        argument: None,
    };
    let argument = |call: &str| RetryCaller {
        call: call.into(),
        option: None,
        argument: Some(2),
    };
    [
        "useQuery",
        "useSuspenseQuery",
        "useInfiniteQuery",
        "useSuspenseInfiniteQuery",
        "useQueries",
        "useSuspenseQueries",
        "createQuery",
        "createInfiniteQuery",
        "createQueries",
        "injectQuery",
        "injectInfiniteQuery",
        "queryOptions",
        "infiniteQueryOptions",
    ]
    .into_iter()
    .map(option)
    .chain(
        ["useSWR", "useSWRInfinite", "useSWRImmutable"]
            .into_iter()
            .map(argument),
    )
    .collect()
}

impl Default for Options {
    fn default() -> Self {
        Options {
            calls: list(&["fetch"]),
            retry: list(&["withRetry", "retry", "with_retry", "backoff::future::retry"]),
            timeout: list(&["withTimeout", "with_timeout", "tokio::time::timeout"]),
            retry_callers: default_retry_callers(),
            // RFC 9110's idempotent methods: repeating one has the effect of doing it once.
            methods: list(&["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]),
            allow_in: list(&["**/scripts/**"]),
        }
    }
}

impl Options {
    pub fn wrappers(self) -> Result<Wrappers, toml::de::Error> {
        if let Some(bad) = self
            .retry_callers
            .iter()
            .find(|c| c.option.is_some() == c.argument.is_some() || c.argument == Some(0))
        {
            return Err(toml::de::Error::custom(format!(
                "`retry-callers` entry for `{}` needs exactly one of `option` (the name of the option holding the function) or `argument` (its position, counting from 1)",
                bad.call
            )));
        }
        Ok(Wrappers {
            calls: self.calls,
            retry: self.retry,
            timeout: self.timeout,
            retry_callers: self.retry_callers,
            methods: self
                .methods
                .iter()
                .map(|m| m.to_ascii_uppercase())
                .collect(),
        })
    }
}
