//! # fetch-retry-timeout
//!
//! Every network call must have a timeout and a retry.
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
//! - It is retried when it sits lexically inside an argument (typically a callback) of a call
//!   to a `retry` wrapper, or inside a function whose every caller in the same file does.
//! - It has a timeout when its options carry a `signal` built from `AbortSignal.timeout(…)`
//!   (directly, inside `AbortSignal.any([…])`, or through a variable or options object
//!   declared in the file), or when it sits inside a `timeout` wrapper the same way.
//!
//! Rust: each `reqwest` request chain ending in `.send()`. It has a timeout with
//! `.timeout(…)` in the chain, a `Client` built with `.timeout(…)` in the same function, or a
//! `timeout` wrapper such as `tokio::time::timeout` around it; it is retried inside a `retry`
//! wrapper (`with_retry(|| async { … })`, `backoff::future::retry`).
//!
//! The finding says which half is missing and shows the call rewritten with the configured
//! wrapper names, with a related location at the wrapper's definition when the workspace has
//! one. When only the timeout is missing, a machine-applicable edit adds the `signal`.
//! Calls inside the wrappers' own definitions, and in files matched by `allow-in`, are exempt.
//!
//! ## Example
//!
//! ```ts
//! const res = await fetch(url);                                     // reported
//! const ok = await withRetry(() => fetch(url, { signal: AbortSignal.timeout(10_000) }));
//! ```
//!
//! ## Tests and examples
//!
//! Files under `[files] tests` (tests, type tests, examples, benchmarks, fixtures) are not
//! checked: they call `fetch` against mocks or to show it.
//!
//! ## Options
//!
//! | option | default | meaning |
//! | --- | --- | --- |
//! | `calls` | `["fetch"]` | TS/JS functions that make network calls |
//! | `retry` | `["withRetry", "retry", "with_retry", "backoff::future::retry"]` | wrappers that retry what runs in their arguments |
//! | `timeout` | `["withTimeout", "with_timeout", "tokio::time::timeout"]` | wrappers that put a timeout on it |
//! | `allow-in` | `[]` | globs of files exempt from the rule, such as where the wrappers live |
//!
//! ```toml
//! [rules.fetch-retry-timeout]
//! level = "error"
//! calls = ["fetch", "ky"]
//! retry = ["withRetry"]
//! allow-in = ["packages/net/src/**"]
//! ```

mod model;
mod rust;
mod rust_edit;
mod typescript;

use std::collections::BTreeMap;
use std::sync::{PoisonError, RwLock};

use globset::GlobSet;
use serde::Deserialize;
use serde::de::Error as _;
use structlint_core::glob::glob_set;
use structlint_core::{
    Applicability, Diagnostic, Edit, FileContext, FileFacts, Language, Level, Needs, Replacement,
    RuleImpl, RuleSpec, WorkspaceContext, WorkspaceRule,
};

use crate::fetch_retry_timeout::model::{
    Definition, FetchFacts, Unwrapped, Wrappers, last_segment,
};
use crate::shared::outline::outline;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "fetch-retry-timeout",
    summary: "Network calls (fetch, reqwest) without a retry wrapper and a timeout",
    default_level: Level::Error,
    tags: &["reliability", "network"],
    precision: "high",
    sections: &[],
    source: include_str!("mod.rs"),
    build: |options| {
        let o: Options = options.parse()?;
        let allow_in = glob_set(o.allow_in.iter().map(String::as_str)).map_err(|bad| {
            toml::de::Error::custom(format!(
                "invalid glob `{}` in `allow-in`: {}",
                o.allow_in.get(bad.index).map_or("", String::as_str),
                bad.message
            ))
        })?;
        let wrappers = Wrappers {
            calls: o.calls,
            retry: o.retry,
            timeout: o.timeout,
        };
        Ok(RuleImpl::Workspace(Box::new(FetchRetryTimeout {
            wrappers,
            allow_in,
            last_definitions: RwLock::default(),
        })))
    },
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct Options {
    calls: Vec<String>,
    retry: Vec<String>,
    timeout: Vec<String>,
    allow_in: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        let list = |names: &[&str]| names.iter().map(|s| s.to_string()).collect();
        Options {
            calls: list(&["fetch"]),
            retry: list(&["withRetry", "retry", "with_retry", "backoff::future::retry"]),
            timeout: list(&["withTimeout", "with_timeout", "tokio::time::timeout"]),
            allow_in: Vec::new(),
        }
    }
}

struct FetchRetryTimeout {
    wrappers: Wrappers,
    allow_in: GlobSet,
    /// The wrappers' definitions found by the last workspace run, for the advice of findings
    /// in a file an editor checks as the user types.
    last_definitions: RwLock<BTreeMap<String, Definition>>,
}

impl WorkspaceRule for FetchRetryTimeout {
    type Facts = FetchFacts;

    fn needs(&self) -> Needs {
        let w = &self.wrappers;
        let literals: Vec<&str> = w
            .calls
            .iter()
            .chain(&w.retry)
            .chain(&w.timeout)
            .map(|n| last_segment(n))
            .chain(["send"])
            .collect();
        Needs::literals(&literals)
    }

    fn collect(&self, cx: &FileContext<'_>) -> Option<FetchFacts> {
        let names: Vec<&str> = self
            .wrappers
            .retry
            .iter()
            .chain(&self.wrappers.timeout)
            .map(|n| last_segment(n))
            .collect();
        let definitions: Vec<Definition> = outline(cx)
            .into_iter()
            .filter(|item| {
                matches!(item.kind, "function" | "fn" | "const")
                    && names.contains(&item.name.as_str())
            })
            .map(|item| Definition {
                name: item.name,
                span: cx.span(item.name_start..item.name_end),
            })
            .collect();
        // Tests, examples and fixtures call fetch against mocks or on purpose.
        let unwrapped = if self.allow_in.is_match(cx.path()) || cx.is_test() {
            Vec::new()
        } else if cx.language() == Language::Rust {
            crate::fetch_retry_timeout::rust::unwrapped(cx, &self.wrappers)
        } else {
            crate::fetch_retry_timeout::typescript::unwrapped(cx, &self.wrappers)
        };
        (!unwrapped.is_empty() || !definitions.is_empty()).then_some(FetchFacts {
            unwrapped,
            definitions,
        })
    }

    fn check(
        &self,
        _: &WorkspaceContext,
        files: Vec<FileFacts<FetchFacts>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut definitions: BTreeMap<String, Definition> = BTreeMap::new();
        for file in &files {
            for d in &file.facts.definitions {
                definitions
                    .entry(d.name.clone())
                    .or_insert_with(|| d.clone());
            }
        }
        for file in files {
            for unwrapped in file.facts.unwrapped {
                out.push(self.diagnostic(unwrapped, &definitions));
            }
        }
        *self
            .last_definitions
            .write()
            .unwrap_or_else(PoisonError::into_inner) = definitions;
    }

    /// A finding is a call in this file; only the advice (where the wrappers are) comes from
    /// the rest of the workspace.
    fn runs_per_file(&self) -> bool {
        true
    }

    fn check_file(&self, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(facts) = self.collect(cx) else {
            return;
        };
        let mut definitions = self
            .last_definitions
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        // This file's own definitions are as the user has them now.
        definitions.retain(|_, d| d.span.path != cx.path());
        for d in facts.definitions {
            definitions.entry(d.name.clone()).or_insert(d);
        }
        for unwrapped in facts.unwrapped {
            out.push(self.diagnostic(unwrapped, &definitions));
        }
    }
}

impl FetchRetryTimeout {
    fn diagnostic(&self, u: Unwrapped, definitions: &BTreeMap<String, Definition>) -> Diagnostic {
        let (missing, label) = match (u.missing_retry, u.missing_timeout) {
            (true, true) => ("has no retry and no timeout", "no retry, no timeout"),
            (true, false) => ("has a timeout but no retry", "no retry"),
            _ => ("is retried but has no timeout", "no timeout"),
        };
        let rust = u.span.path.ends_with(".rs");
        let mut d = Diagnostic::new(u.span.clone(), format!("`{}` in {} {missing}", u.call, u.span.path))
            .label(label)
            .why("A network call without a timeout lets one slow peer hold the request forever; one without a retry turns every transient failure (a dropped connection, a 503 during a deploy) into an error.")
            .step(if u.rewrite.contains('\n') && rust {
                format!("Rewrite the call as:\n```rust\n{}\n```", u.rewrite)
            } else {
                format!("Rewrite the call as `{}`.", one_line(&u.rewrite))
            });
        let find = |names: &[String]| names.iter().find_map(|n| definitions.get(last_segment(n)));
        if u.missing_retry {
            let name = self
                .wrappers
                .retry
                .first()
                .map_or("withRetry", String::as_str);
            d = match find(&self.wrappers.retry) {
                Some(def) if rust => d
                    .step(format!("Bring `{}` into scope with a `use` of its module ({}), or of its crate's re-export when it lives in another crate.", def.name, def.span.path))
                    .related(def.span.clone(), format!("`{}` is defined here", def.name)),
                Some(def) => d
                    .step(format!("Import `{}` from {} (through its package's public entry when it is another package).", def.name, def.span.path))
                    .related(def.span.clone(), format!("`{}` is defined here", def.name)),
                None => d.step(format!(
                    "No `{name}` is defined in this workspace: write it once in a shared package (such as packages/net/src/retry.ts) and import it, or set `retry` in [rules.fetch-retry-timeout] to your retry helper's name."
                )),
            };
        }
        if u.missing_timeout {
            d = d.step(if rust {
                "`.timeout(Duration::from_secs(10))` bounds the whole request; to cover every request of a client, build it with `Client::builder().timeout(…)` in the same function."
            } else {
                "`AbortSignal.timeout(ms)` aborts the request after `ms` milliseconds: choose the deadline the endpoint needs (10 s here), and keep any signal the call already has with `AbortSignal.any([signal, AbortSignal.timeout(ms)])`."
            });
            if let Some(def) = find(&self.wrappers.timeout) {
                d = d.related(def.span.clone(), format!("`{}` is defined here", def.name));
            }
        }
        d = d.step("If this file defines the network wrappers themselves, list it in `allow-in` of [rules.fetch-retry-timeout].");
        if let Some(call) = u.timeout_only {
            let replacements = vec![Replacement {
                span: u.span,
                text: call,
            }];
            d = d.edit(Edit {
                description: "Add a 10-second timeout signal".into(),
                replacements,
                // Unsafe: it changes behaviour, aborting requests that take longer than 10 s,
                // and the right deadline is the endpoint's, not ours.
                applicability: Applicability::Unsafe,
            });
        }
        d
    }
}

/// Code for a message: whitespace runs collapsed to one space.
fn one_line(code: &str) -> String {
    code.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
