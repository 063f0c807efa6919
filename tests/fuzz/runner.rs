//! Runs a fuzz target: a fixed number of cases from a fixed seed, so CI runs the same cases
//! every time and a failure reproduces. Each case runs on a worker thread watched from the
//! test's thread: a case still running at the deadline fails the test (naming the case)
//! instead of hanging CI, and a failing case is cut down to a small input before it is shown.
//!
//! `STRUCTLINT_FUZZ_CASES=N` runs N cases per target (a long local run),
//! `STRUCTLINT_FUZZ_SEED=S` draws other cases, `STRUCTLINT_FUZZ_CASE=I` runs case I alone and
//! prints it. A case that aborts the process (an assertion in C code) ends the run without a
//! report: `STRUCTLINT_FUZZ_TRACE=1` prints each case's number before it runs.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use fastrand::Rng;

use crate::common::DEADLINE;

/// The seed CI runs; any fixed number would do.
const SEED: u64 = 0x5eed_2026;
/// Attempts at a smaller failing input; each is one run of the target.
const SHRINK_ATTEMPTS: usize = 500;

/// What a target made of one case (`"rejected"`, `"loaded"`, …), counted in the summary to show
/// how deep the cases reached.
pub type Outcome = &'static str;

/// An input made of bytes, shown as text when it is UTF-8.
#[derive(Clone)]
pub struct Text(pub Vec<u8>);

impl Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match std::str::from_utf8(&self.0) {
            Ok(text) => write!(f, "{text:?}"),
            Err(_) => write!(f, "b\"{}\"", self.0.escape_ascii()),
        }
    }
}

enum Report {
    Passed {
        case: usize,
        outcome: Outcome,
        took: Duration,
    },
    Failed {
        case: usize,
        problem: String,
    },
    Smaller {
        input: String,
        problem: String,
    },
    End,
}

/// Runs `ci_cases` cases of `target` (or `STRUCTLINT_FUZZ_CASES`): `check` says what became
/// of the input `generate` drew, or what went wrong; a panic in it is a failure too. Prints a
/// summary with the number of cases to stderr.
pub fn fuzz<C: Debug + Send + 'static>(
    target: &'static str,
    ci_cases: usize,
    generate: impl Fn(&mut Rng) -> C + Send + Sync + 'static,
    check: impl Fn(&C) -> Result<Outcome, String> + Send + 'static,
    shrink: fn(&C) -> Vec<C>,
) {
    quiet_panics_while_shrinking();
    let cases = env_number("STRUCTLINT_FUZZ_CASES").map_or(ci_cases, |n| n as usize);
    let seed = env_number("STRUCTLINT_FUZZ_SEED").unwrap_or(SEED);
    let cases = match env_number("STRUCTLINT_FUZZ_CASE") {
        Some(only) => {
            let only = only as usize;
            eprintln!(
                "fuzz {target}: case {only}: {}",
                clipped(&generate(&mut rng_for(seed, target, only)))
            );
            only..only + 1
        }
        None => 0..cases,
    };
    let generate = Arc::new(generate);
    let draw = Arc::clone(&generate);
    let (send, reports) = channel();
    let range = cases.clone();
    let trace = std::env::var_os("STRUCTLINT_FUZZ_TRACE").is_some();
    // The stack of the command line's main thread, where the CLI runs what is fuzzed here.
    let worker = std::thread::Builder::new()
        .name(format!("fuzz-{target}"))
        .stack_size(8 << 20)
        .spawn(move || {
            for case in range {
                let input = draw(&mut rng_for(seed, target, case));
                if trace {
                    // Straight to stderr: the test harness loses what it captured on an abort.
                    let _ = writeln!(std::io::stderr(), "fuzz {target}: case {case}");
                }
                let started = Instant::now();
                match attempt(&check, &input) {
                    Ok(outcome) => {
                        let took = started.elapsed();
                        let _ = send.send(Report::Passed {
                            case,
                            outcome,
                            took,
                        });
                    }
                    Err(problem) => {
                        let _ = send.send(Report::Failed { case, problem });
                        cut_down(input, &check, shrink, &|input, problem| {
                            let _ = send.send(Report::Smaller { input, problem });
                        });
                        break;
                    }
                }
            }
            let _ = send.send(Report::End);
        })
        .expect("a fuzz worker thread");
    let started = Instant::now();
    let (mut outcomes, mut slowest, mut ran) = (BTreeMap::new(), (Duration::ZERO, 0), 0);
    let mut failure: Option<(usize, String, String)> = None;
    let reproduce = |case| {
        format!(
            "reproduce: STRUCTLINT_FUZZ_SEED={seed} STRUCTLINT_FUZZ_CASE={case} cargo test --test fuzz {target}"
        )
    };
    loop {
        match reports.recv_timeout(DEADLINE) {
            Ok(Report::Passed {
                case,
                outcome,
                took,
            }) => {
                *outcomes.entry(outcome).or_insert(0) += 1;
                slowest = slowest.max((took, case));
                ran += 1;
            }
            Ok(Report::Failed { case, problem }) => {
                let input = clipped(&generate(&mut rng_for(seed, target, case)));
                failure = Some((case, input, problem));
            }
            Ok(Report::Smaller { input, problem }) => {
                let case = failure.as_ref().map_or(0, |f| f.0);
                failure = Some((case, input, problem));
            }
            Ok(Report::End) | Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {
                if let Some((case, input, problem)) = failure {
                    panic!(
                        "fuzz {target}: case {case} failed: {problem}\ninput: {input}\n{}",
                        reproduce(case)
                    );
                }
                let case = cases.start + ran;
                let input = clipped(&generate(&mut rng_for(seed, target, case)));
                panic!(
                    "fuzz {target}: case {case} still running after {DEADLINE:?}\ninput: {input}\n{}",
                    reproduce(case)
                );
            }
        }
    }
    worker.join().expect("the fuzz worker ends");
    if let Some((case, input, problem)) = failure {
        panic!(
            "fuzz {target}: case {case} failed: {problem}\ninput (cut down): {input}\n{}",
            reproduce(case)
        );
    }
    let outcomes: Vec<String> = outcomes.iter().map(|(o, n)| format!("{n} {o}")).collect();
    eprintln!(
        "fuzz {target}: {ran} cases from seed {seed:#x} passed in {:.1} s ({}); the slowest, case {}, took {} ms",
        started.elapsed().as_secs_f64(),
        outcomes.join(", "),
        slowest.1,
        slowest.0.as_millis()
    );
}

/// Runs `check` on `input`, a panic becoming the failure it reports.
fn attempt<C>(
    check: &impl Fn(&C) -> Result<Outcome, String>,
    input: &C,
) -> Result<Outcome, String> {
    catch_unwind(AssertUnwindSafe(|| check(input))).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(format!("panicked: {message}"))
    })
}

/// Keeps taking the first smaller input that still fails, telling `found` each one.
fn cut_down<C: Debug>(
    mut input: C,
    check: &impl Fn(&C) -> Result<Outcome, String>,
    shrink: fn(&C) -> Vec<C>,
    found: &dyn Fn(String, String),
) {
    QUIET.with(|q| q.set(true));
    let mut attempts = 0;
    'smaller: while attempts < SHRINK_ATTEMPTS {
        for smaller in shrink(&input) {
            attempts += 1;
            if attempts > SHRINK_ATTEMPTS {
                break 'smaller;
            }
            if let Err(problem) = attempt(check, &smaller) {
                found(clipped(&smaller), problem);
                input = smaller;
                continue 'smaller;
            }
        }
        break;
    }
    QUIET.with(|q| q.set(false));
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Cutting an input down panics hundreds of times: those panics are not printed.
fn quiet_panics_while_shrinking() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// The random numbers of case `case` of `target`: each case is drawn alone, so one reproduces
/// without the others.
fn rng_for(seed: u64, target: &str, case: usize) -> Rng {
    let name = target.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    });
    // splitmix64: nearby case numbers give unrelated streams.
    let mut z = (seed ^ name).wrapping_add((case as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    Rng::with_seed(z ^ (z >> 31))
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    let parsed = match value.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => value.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={value} is not a number")))
}

/// An input as shown in a failure: long inputs keep their start and end.
fn clipped(input: &impl Debug) -> String {
    let shown = format!("{input:?}");
    let chars = shown.chars().count();
    if chars <= 3000 {
        return shown;
    }
    let head: String = shown.chars().take(2000).collect();
    let tail: String = shown.chars().skip(chars - 800).collect();
    format!("{head} … ({} chars) … {tail}", chars - 2800)
}
