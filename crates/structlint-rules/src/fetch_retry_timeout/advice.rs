//! The prompts of `fetch-retry-timeout`: the call rewritten with the wrapper the workspace
//! defines, the exact `import`/`use` line for it, and what to do about a request that must
//! not be repeated blindly.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use structlint_cargo::CargoWorkspace;
use structlint_core::{Applicability, Diagnostic, Edit, Replacement, Span, Text};
use structlint_graph::ImportGraph;

use crate::fetch_retry_timeout::callers::{Found, Link};
use crate::fetch_retry_timeout::model::{Definition, Rewrite, Wrappers, last_segment};
use crate::fetch_retry_timeout::rust::last_or_path;
use crate::fetch_retry_timeout::rust_edit::send_rewrite;
use crate::fetch_retry_timeout::typescript::{TIMEOUT, with_deadline};
use crate::shared::import_advice::Import;
use crate::shared::rust_use::use_path;

pub(crate) const WHY: &str = "A network call without a timeout lets one slow peer hold the request forever; one without a retry turns every transient failure (a dropped connection, a 503 during a deploy) into an error.";

/// What the advice may point at: the wrappers' definitions and how to import them.
pub(crate) struct Advisor<'a> {
    pub wrappers: &'a Wrappers,
    pub definitions: &'a BTreeMap<String, Definition>,
    pub graph: Option<&'a ImportGraph>,
    pub cargo: Option<&'a CargoWorkspace>,
    /// The import steps of each file and retry name: every finding of a file gets the same,
    /// so they are worked out once and shared rather than copied into each finding.
    pub import_steps: RefCell<HashMap<(String, String), ImportSteps>>,
}

/// How a file gets the retry wrapper: the steps, and where the wrapper is defined.
#[derive(Clone)]
pub(crate) struct ImportSteps {
    steps: Vec<Text>,
    definition: Option<(Span, Text)>,
}

impl Advisor<'_> {
    pub fn diagnostic(&self, found: &Found<'_>) -> Diagnostic {
        match found {
            Found::AtCall {
                unwrapped: u,
                missing_retry,
                missing_timeout,
            } => self.at_call(u, *missing_retry, *missing_timeout),
            Found::AtCaller { .. } => {
                crate::fetch_retry_timeout::advice_caller::at_caller(self, found)
            }
        }
    }

    fn at_call(
        &self,
        u: &crate::fetch_retry_timeout::model::Unwrapped,
        missing_retry: bool,
        missing_timeout: bool,
    ) -> Diagnostic {
        let path = &u.span.path;
        let rust = path.ends_with(".rs");
        let must_retry = self
            .wrappers
            .must_retry(u.method.as_deref(), u.idempotency_key);
        let summary = match (missing_retry, missing_timeout) {
            (true, true) => format!("`{}` in {path} has no retry and no timeout", u.call),
            (true, false) => format!("`{}` in {path} has a timeout but no retry", u.call),
            _ if must_retry => format!("`{}` in {path} is retried but has no timeout", u.call),
            _ => match &u.method {
                Some(m) => format!("`{}` ({m}) in {path} has no timeout", u.call),
                None => format!("`{}` in {path} has no timeout", u.call),
            },
        };
        let label = match (missing_retry, missing_timeout) {
            (true, true) => "no retry, no timeout",
            (true, false) => "no retry",
            _ => "no timeout",
        };
        let retry = missing_retry.then(|| self.retry_name(rust));
        let rewrite = match &u.rewrite {
            Rewrite::Call {
                call,
                timeout,
                awaited,
            } => {
                let call = if missing_timeout {
                    timeout.apply(call)
                } else {
                    call.to_string()
                };
                let wrapped = match &retry {
                    Some(r) => format!("{r}(() => {call})"),
                    None => call,
                };
                if *awaited {
                    format!("await {wrapped}")
                } else {
                    wrapped
                }
            }
            Rewrite::Send { chain, add_timeout } => {
                let retry = retry.as_deref().map(last_or_path);
                send_rewrite(chain, *add_timeout && missing_timeout, retry)
                    .unwrap_or_else(|| format!("{chain}.send().await"))
            }
        };
        let mut d = Diagnostic::new(u.span.clone(), summary)
            .label(label)
            .why(WHY)
            .step(if rewrite.contains('\n') && rust {
                format!("Rewrite the call as:\n```rust\n{rewrite}\n```")
            } else {
                format!("Rewrite the call as `{}`.", one_line(&rewrite))
            });
        if let Some(retry) = &retry {
            d = self.import_steps(d, path, retry, rust);
        }
        if missing_timeout {
            d = self.timeout_step(d, rust);
        }
        if !missing_retry && !must_retry {
            d = d.step(self.unretried_note(u.method.as_deref(), rust));
        }
        if !missing_retry
            && missing_timeout
            && let Rewrite::Call { call, timeout, .. } = &u.rewrite
        {
            d = d.edit(Edit {
                description: "Add a 10-second timeout signal".into(),
                replacements: vec![Replacement {
                    span: u.span.clone(),
                    text: timeout.apply(call),
                }],
                // Unsafe: it changes behaviour, aborting requests that take longer than 10 s,
                // and the right deadline is the endpoint's, not ours.
                applicability: Applicability::Unsafe,
            });
        }
        d
    }

    /// The retry wrapper to name: the first configured one the workspace defines, else the
    /// first configured one (for its language).
    pub fn retry_name(&self, rust: bool) -> String {
        let fits = |n: &&String| rust == (n.contains('_') || n.contains("::"));
        self.wrappers
            .retry
            .iter()
            .filter(fits)
            .find(|n| self.definitions.contains_key(last_segment(n)))
            .or_else(|| self.wrappers.retry.iter().find(fits))
            .or_else(|| self.wrappers.retry.first())
            .map_or_else(
                || if rust { "with_retry" } else { "withRetry" }.to_string(),
                |n| {
                    if rust {
                        n.clone()
                    } else {
                        last_segment(n).to_string()
                    }
                },
            )
    }

    /// How to bring the retry wrapper into `path`: the exact import, or where to write one.
    pub fn import_steps(&self, d: Diagnostic, path: &str, retry: &str, rust: bool) -> Diagnostic {
        let found = self
            .import_steps
            .borrow_mut()
            .entry((path.to_string(), retry.to_string()))
            .or_insert_with(|| self.work_out_import_steps(path, retry, rust))
            .clone();
        let d = d.steps(found.steps.into_iter());
        match found.definition {
            Some((span, label)) => d.related(span, label),
            None => d,
        }
    }

    fn work_out_import_steps(&self, path: &str, retry: &str, rust: bool) -> ImportSteps {
        let mut steps: Vec<Text> = Vec::new();
        let Some(def) = self.definitions.get(last_segment(retry)) else {
            let names = self
                .wrappers
                .retry
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            steps.push(format!(
                "No retry wrapper is defined in this workspace (looked for the `retry` names of [rules.fetch-retry-timeout]: {names}): write `{retry}` once in a shared {} and import it, or add your retry helper's name to `retry`.",
                if rust { "crate" } else { "package" }
            ).into());
            return ImportSteps {
                steps,
                definition: None,
            };
        };
        if rust {
            if let Some(line) = self.use_line(path, def) {
                steps.push(format!("Add `{line}` to {path}.").into());
            }
        } else {
            let import = Import::of(self.graph, path, &def.span.path, &def.name, false);
            if let Some(first) = import.prerequisite {
                steps.push(first.into());
            }
            steps.push(
                format!(
                    "Add `import {{ {} }} from \"{}\";` to {path}.",
                    def.name, import.specifier
                )
                .into(),
            );
        }
        let label = format!("`{}` is defined here", def.name).into();
        ImportSteps {
            steps,
            definition: Some((def.span.clone(), label)),
        }
    }

    /// `use crate::retry::with_retry;` in its own crate, `use acme_net::retry::with_retry;`
    /// from another.
    fn use_line(&self, from: &str, def: &Definition) -> Option<String> {
        let path = use_path(self.cargo?, from, &def.span.path, &def.name)?;
        Some(format!("use {path};"))
    }

    pub fn timeout_step(&self, d: Diagnostic, rust: bool) -> Diagnostic {
        let d = d.step(if rust {
            "`.timeout(Duration::from_secs(10))` (with `use std::time::Duration;`) bounds the whole request; to cover every request of a client, build it with `Client::builder().timeout(…)` in the same function."
        } else {
            "`AbortSignal.timeout(ms)` aborts the request after `ms` milliseconds: choose the deadline the endpoint needs (10 s here); a signal the call already has is kept with `AbortSignal.any([signal, AbortSignal.timeout(ms)])`."
        });
        match self
            .wrappers
            .timeout
            .iter()
            .find_map(|n| self.definitions.get(last_segment(n)))
        {
            Some(def) => d.related(def.span.clone(), format!("`{}` is defined here", def.name)),
            None => d,
        }
    }

    fn unretried_note(&self, method: Option<&str>, rust: bool) -> String {
        let retry = self.retry_name(rust);
        let methods = self.wrappers.methods.join(", ");
        match method {
            Some(m) => format!(
                "No retry is asked for: this is a {m}, and repeating it could do its work twice (a second submission, a second record). Retry it only once it is idempotent: send an `Idempotency-Key` header that the server deduplicates on, then wrap the call in `{retry}`."
            ),
            None => format!(
                "No retry is asked for: the request's method is not written at the call. If it is one that is safe to repeat ({methods}), wrap the call in `{retry}` too."
            ),
        }
    }
}

/// `a.ts:3 \`load(…)\` → b.ts:10 \`fetch\``.
pub(crate) fn chain_text(chain: &[Link]) -> String {
    chain
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let call = if i + 1 == chain.len() {
                l.callee.to_string()
            } else {
                format!("{}(…)", l.callee)
            };
            format!("{}:{} `{call}`", l.span.path, l.span.start_pos.line)
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The text `AbortSignal.timeout` goes in: kept here so both halves of the advice agree.
pub(crate) fn deadline_for(signal: Option<&str>) -> String {
    match signal {
        None => TIMEOUT.to_string(),
        Some(s) => with_deadline(s),
    }
}

/// Code for a message: whitespace runs collapsed to one space.
pub(crate) fn one_line(code: &str) -> String {
    code.split_whitespace().collect::<Vec<_>>().join(" ")
}
