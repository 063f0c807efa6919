//! # fetch-retry-timeout
//!
//! Every network call must have a timeout, and a retry when it is safe to repeat.
//!
//! ## Why
//!
//! A call without a timeout lets one slow peer hold a request, its memory and its connection
//! forever; a call without a retry turns every transient failure (a dropped connection, a 503
//! during a deploy) into a user-facing error. Agents write `await fetch(url)` because it
//! works on their machine; the shared retry and timeout helpers are what make it work in
//! production.
//!
//! ## What it reports
//!
//! TypeScript and JavaScript: each call of a configured function (`fetch`, also as
//! `globalThis.fetch`, `window.fetch`, `self.fetch`) that lacks either half.
//!
//! - It has a timeout when its options carry a `signal` built from `AbortSignal.timeout(…)`
//!   (directly, inside `AbortSignal.any([…])`, through a variable or options object, or an
//!   `AbortController` that a `setTimeout` aborts), or when it sits inside a `timeout` wrapper.
//! - It is retried when it sits inside an argument of a `retry` wrapper, inside the function a
//!   retrying library is given (`retry-callers`: TanStack Query's `queryFn`, SWR's fetcher),
//!   or in a hand-written retry or fallback loop (a `try` in a loop that leaves the loop on
//!   success; whether it should use the shared retry helper is `canonical-helpers`' business).
//! - A retry is asked for only when repeating the request is safe: its method is one of
//!   `methods` (`GET` when the call gives none), or it sends an `Idempotency-Key` header. A
//!   `POST` or `PATCH`, or a method that is not written as a literal, needs only a timeout,
//!   and the finding says how to make it safe to retry instead of just retrying it.
//! - Callers count. When the call lacks a half, the rule looks at every use of the function it
//!   sits in, in its file and in the files that import it (through re-exports): if every use
//!   is retried (or bounded) as above, or sits in a function whose own uses all are, so is the
//!   call. A function nobody in the workspace uses is not known to be wrapped.
//! - A function that takes the request's signal from its caller (a `signal` parameter,
//!   `options.signal`, `{ signal }` destructured from a parameter, or an `init` it forwards,
//!   as a pass-through `fetch` given to a client does) leaves the deadline, and whether to
//!   repeat the request, to its callers. The call itself is not reported; each caller that
//!   gives neither a deadline nor its own caller's signal is, with the chain of calls down to
//!   the network call. A function only handed on as a value (`createClient({ fetch })`) or
//!   only called from outside the workspace is its users' business.
//! - A call whose result nobody waits for (`fetch(url);` as a statement, `void fetch(url)`) is
//!   fire and forget, like `navigator.sendBeacon`: neither half would change what the code does.
//!
//! Rust: each `reqwest` request chain ending in `.send()`. It has a timeout with
//! `.timeout(…)` in the chain, a `Client` built with `.timeout(…)` in the same function, or a
//! `timeout` wrapper such as `tokio::time::timeout` around it; it is retried inside a `retry`
//! wrapper (`with_retry(|| async { … })`, `backoff::future::retry`). The method is the chain's
//! (`.post(…)`, `Method::PATCH`), with the same rule for retries.
//!
//! The finding says which half is missing and shows the call rewritten with the wrapper the
//! workspace defines (the first of the `retry` names that it does), with the exact
//! `import { … } from "…";` or `use …;` line and a related location at the wrapper's
//! definition. When only the timeout is missing, a machine-applicable edit adds the `signal`.
//! Calls inside the wrappers' own definitions, and in files matched by `allow-in`, are exempt.
//!
//! ## Example
//!
//! ```ts
//! const res = await fetch(url);                                     // reported
//! const ok = await withRetry(() => fetch(url, { signal: AbortSignal.timeout(10_000) }));
//! export const load = (url: string, signal: AbortSignal) => fetch(url, { signal });
//! await load("/a", AbortSignal.timeout(5_000));       // fine: the caller gives the deadline
//! await load("/b", undefined);                        // reported here, not in `load`
//! ```
//!
//! ## Tests, examples, docs sites, scripts, generated code
//!
//! Files under `[files] tests` (tests, type tests, examples, benchmarks, fixtures) are not
//! checked, and their calls of a function do not count as its uses: they call `fetch` against
//! mocks or to show it. Neither are the packages of documentation sites (a package that
//! depends on Docusaurus, VitePress, VuePress, Nextra, Starlight, Docsify, Rspress, Vocs or
//! Fumadocs, and everything under its folder), nor, through the default `allow-in`, the
//! `scripts/` folders: release and build scripts run once, by a person or CI that sees a
//! failure and runs them again. Generated files (`@generated`, `DO NOT EDIT` or
//! `auto-generated` in their first five lines) and vendored ones (a bare
//! `/* eslint-disable */` there) are fixed where they come from. Fetching a WebAssembly
//! module (a URL that names a wasm file, or in a function that compiles the response with
//! `WebAssembly.…`) loads code, as `import()` does, and is not a call to a service.
//!
//! ## Options
//!
//! | option | default | meaning |
//! | --- | --- | --- |
//! | `calls` | `["fetch"]` | TS/JS functions that make network calls |
//! | `retry` | `["withRetry", "retry", "with_retry", "backoff::future::retry"]` | wrappers that retry what runs in their arguments |
//! | `timeout` | `["withTimeout", "with_timeout", "tokio::time::timeout"]` | wrappers that put a timeout on it |
//! | `retry-callers` | TanStack Query's `queryFn` and SWR's fetcher | library calls that retry the function they are given: `{ call = "useQuery", option = "queryFn" }` or `{ call = "useSWR", argument = 2 }` (counting from 1) |
//! | `methods` | `["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]` | HTTP methods whose requests must be retried (the idempotent ones) |
//! | `allow-in` | `["**/scripts/**"]` | globs of files exempt from the rule, such as where the wrappers live (keep `**/scripts/**` when you set your own) |
//!
//! The default `retry-callers` are TanStack Query's `useQuery`, `useSuspenseQuery`,
//! `useInfiniteQuery`, `useSuspenseInfiniteQuery`, `useQueries`, `useSuspenseQueries`,
//! `createQuery`, `createInfiniteQuery`, `createQueries`, `injectQuery`,
//! `injectInfiniteQuery`, `queryOptions` and `infiniteQueryOptions` with `option = "queryFn"`
//! (query-core retries a failed query 3 times in the browser; `fetchQuery` and
//! `prefetchQuery` do not retry, so they are not listed), and SWR's `useSWR`, `useSWRInfinite`
//! and `useSWRImmutable` with `argument = 2` (SWR retries a failed fetcher with exponential
//! backoff). Setting `retry-callers` replaces the list.
//!
//! ```toml
//! [rules.fetch-retry-timeout]
//! level = "error"
//! calls = ["fetch", "ky"]
//! retry = ["withRetry"]
//! retry-callers = [{ call = "useQuery", option = "queryFn" }, { call = "useApi", argument = 1 }]
//! allow-in = ["packages/net/src/**", "**/scripts/**"]
//! ```

mod advice;
mod advice_caller;
mod callers;
mod model;
mod options;
pub(crate) use options::Options;
mod rule;
mod rust;
mod rust_edit;
mod typescript;
mod workspace;

use structlint_core::glob::glob_set;
use structlint_core::{Level, RuleImpl, RuleSpec};

use serde::de::Error as _;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "fetch-retry-timeout",
    name: "FetchRetryTimeout",
    summary: "Network calls (fetch, reqwest) without a timeout, or without a retry when safe to repeat",
    default_level: Level::Error,
    tags: &["reliability", "network"],
    precision: "high",
    sections: &[],
    source: include_str!("mod.rs"),
    build: |options| {
        let o: options::Options = options.parse()?;
        let allow_in = glob_set(o.allow_in.iter().map(String::as_str)).map_err(|bad| {
            toml::de::Error::custom(format!(
                "invalid glob `{}` in `allow-in`: {}",
                o.allow_in.get(bad.index).map_or("", String::as_str),
                bad.message
            ))
        })?;
        let wrappers = o.wrappers()?;
        Ok(RuleImpl::Workspace(Box::new(rule::FetchRetryTimeout::new(
            wrappers, allow_in,
        ))))
    },
};

#[cfg(test)]
mod tests;
