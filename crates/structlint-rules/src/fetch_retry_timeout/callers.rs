//! Following a network call to the places that use the function it sits in, in its file and
//! in the files that import that function (through re-exports). A function whose every use
//! is retried (or bounded) makes a call that is; a function that takes the request's signal
//! from its caller leaves the deadline, and whether to repeat the request, to each caller.

use std::collections::HashMap;

use structlint_core::{FileFacts, Span, Text};

use crate::fetch_retry_timeout::model::{FetchFacts, Unwrapped, Use, Via, Wrappers};

/// Where the names a file uses come from: per file, local name → (defining file, its name
/// there). Names a file does not import are its own.
pub(crate) type Origins = HashMap<String, HashMap<String, (String, String)>>;

/// Callers are followed this many functions up.
const DEPTH: usize = 4;

/// One step from a caller towards the network call: where, and what is called there.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub span: Span,
    pub callee: Text,
}

/// What the rule reports.
pub(crate) enum Found<'a> {
    /// The network call lacks these, whatever its callers do.
    AtCall {
        unwrapped: &'a Unwrapped,
        missing_retry: bool,
        missing_timeout: bool,
    },
    /// A call of a function that takes the request's signal (`via`) from its caller, which
    /// gives it no deadline or no retry; `chain` runs from this call to the network call.
    AtCaller {
        caller: &'a Use,
        chain: Vec<Link>,
        via: Via,
        missing_retry: bool,
        missing_timeout: bool,
    },
}

#[derive(Clone, Copy)]
enum Half {
    Retry,
    Timeout,
}

pub(crate) struct Callers<'a> {
    files: Vec<&'a FileFacts<FetchFacts>>,
    wrappers: &'a Wrappers,
    /// (file, function) → its uses, as (file index, use index).
    uses: HashMap<(&'a str, &'a str), Vec<(usize, usize)>>,
}

impl<'a> Callers<'a> {
    pub fn new(
        files: Vec<&'a FileFacts<FetchFacts>>,
        origins: &'a Origins,
        wrappers: &'a Wrappers,
    ) -> Callers<'a> {
        let mut uses: HashMap<(&str, &str), Vec<(usize, usize)>> = HashMap::new();
        for (f, file) in files.iter().enumerate() {
            let imported = origins.get(&file.path);
            for (i, u) in file.facts.uses.iter().enumerate() {
                let origin = match imported.and_then(|o| o.get(u.name.as_str())) {
                    Some((path, name)) => (path.as_str(), name.as_str()),
                    None => (file.path.as_str(), u.name.as_str()),
                };
                uses.entry(origin).or_default().push((f, i));
            }
        }
        Callers {
            files,
            wrappers,
            uses,
        }
    }

    /// Every finding, in file order.
    pub fn findings(&self) -> Vec<(usize, Found<'a>)> {
        let mut out = Vec::new();
        let mut at_callers: HashMap<(usize, usize), usize> = HashMap::new();
        for (f, &file) in self.files.iter().enumerate() {
            for u in &file.facts.unwrapped {
                let origin = u.function.as_deref().map(|n| (file.path.as_str(), n));
                match (u.delegated, origin) {
                    (Some(via), Some(origin)) => {
                        let link = Link {
                            span: u.span.clone(),
                            callee: u.call.clone(),
                        };
                        let walk = Walk {
                            need_retry: u.missing_retry,
                            need_timeout: u.missing_timeout,
                            method_known: u.method.is_some(),
                            chain: vec![link],
                        };
                        self.walk(origin, via, &walk, 0, &mut out, &mut at_callers);
                    }
                    _ => {
                        let covered = |half| origin.is_some_and(|o| self.covered(o, half, 0));
                        let missing_retry = u.missing_retry && !covered(Half::Retry);
                        let missing_timeout = u.missing_timeout && !covered(Half::Timeout);
                        if missing_retry || missing_timeout {
                            out.push((
                                f,
                                Found::AtCall {
                                    unwrapped: u,
                                    missing_retry,
                                    missing_timeout,
                                },
                            ));
                        }
                    }
                }
            }
        }
        out
    }

    /// Whether every use of `origin` is retried (or bounded), itself or through its own
    /// function's uses; false for a function nobody here uses.
    fn covered(&self, origin: (&str, &str), half: Half, depth: usize) -> bool {
        let Some(uses) = self.uses.get(&origin) else {
            return false;
        };
        depth < DEPTH
            && uses.iter().all(|&(f, i)| {
                let file = &self.files[f];
                let u = &file.facts.uses[i];
                let here = match half {
                    Half::Retry => u.retried,
                    Half::Timeout => u.timed,
                };
                here || u.function.as_deref().is_some_and(|g| {
                    (file.path.as_str(), g) != origin
                        && self.covered((file.path.as_str(), g), half, depth + 1)
                })
            })
    }

    fn walk(
        &self,
        origin: (&str, &str),
        via: Via,
        walk: &Walk,
        depth: usize,
        out: &mut Vec<(usize, Found<'a>)>,
        at_callers: &mut HashMap<(usize, usize), usize>,
    ) {
        let Some(uses) = self.uses.get(&origin) else {
            return;
        };
        if depth >= DEPTH {
            return;
        }
        for &(f, i) in uses {
            let file = self.files[f];
            let u = &file.facts.uses[i];
            // Handed on as a value (`fetch: myFetch`): who calls it is out of sight.
            let Some(arguments) = &u.arguments else {
                continue;
            };
            let arg = arguments.get(via.index());
            let mut need_retry = walk.need_retry && !u.retried;
            if need_retry && !walk.method_known && matches!(via, Via::Options(_)) {
                let (method, keyed) =
                    arg.map_or((Some("GET"), false), |a| (a.method(), a.idempotency_key));
                need_retry = self.wrappers.must_retry(method, keyed);
            }
            let mut need_timeout = walk.need_timeout && !u.timed && !arg.is_some_and(|a| a.timeout);
            if (!need_retry && !need_timeout) || arg.is_some_and(|a| a.anonymous_caller) {
                continue;
            }
            let forwarded = arg.and_then(|a| match via {
                Via::Signal(_) => a.as_signal,
                Via::Options(_) => a.as_options,
            });
            let link = Link {
                span: u.span.clone(),
                callee: u.callee.clone(),
            };
            if let (Some(next), Some(g)) = (forwarded, u.function.as_deref()) {
                let deeper = Walk {
                    need_retry,
                    need_timeout,
                    method_known: walk.method_known,
                    chain: std::iter::once(link).chain(walk.chain.clone()).collect(),
                };
                self.walk(
                    (file.path.as_str(), g),
                    next,
                    &deeper,
                    depth + 1,
                    out,
                    at_callers,
                );
                continue;
            }
            if let Some(g) = u.function.as_deref() {
                let own = (file.path.as_str(), g);
                need_retry &= !self.covered(own, Half::Retry, 0);
                need_timeout &= !self.covered(own, Half::Timeout, 0);
            }
            if !need_retry && !need_timeout {
                continue;
            }
            match at_callers.get(&(f, i)) {
                // One finding per call, whichever network calls it reaches.
                Some(&k) => {
                    if let Found::AtCaller {
                        missing_retry,
                        missing_timeout,
                        ..
                    } = &mut out[k].1
                    {
                        *missing_retry |= need_retry;
                        *missing_timeout |= need_timeout;
                    }
                }
                None => {
                    at_callers.insert((f, i), out.len());
                    out.push((
                        f,
                        Found::AtCaller {
                            caller: u,
                            chain: std::iter::once(link).chain(walk.chain.clone()).collect(),
                            via,
                            missing_retry: need_retry,
                            missing_timeout: need_timeout,
                        },
                    ));
                }
            }
        }
    }
}

/// What is still needed on the way up from a network call.
struct Walk {
    need_retry: bool,
    need_timeout: bool,
    /// The network call says its method; else the caller's options do.
    method_known: bool,
    chain: Vec<Link>,
}
