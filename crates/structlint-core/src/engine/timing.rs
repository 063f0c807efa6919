//! Where a run's time goes (`check --timing`), the way ESLint's TIMING shows it: per phase in
//! wall time, and per rule and provider in time summed over the threads. A rule's time leaves
//! out the parse it happened to trigger first, which is shown on its own line: the first rule
//! to ask for a file's tree would otherwise carry that file's parse.
//!
//! It is always measured: two clock reads per rule and file cost microseconds in a run.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::Engine;
use crate::FileContext;

/// The time of a run: phases in wall time, then the parse and each step summed over threads.
#[derive(Debug, Clone, Default)]
pub struct Timing {
    /// Each phase with its wall time, in the order they run.
    pub phases: Vec<(&'static str, Duration)>,
    /// tree-sitter and syn parses, summed over threads.
    pub parse: Duration,
    /// Each rule (per file, then over the workspace) and each provider, summed over threads,
    /// without the parses. Labelled by rule id or provider name.
    pub steps: Vec<(String, Duration)>,
    /// With the result cache: how many files were taken from it, of how many read.
    pub cache: Option<(usize, usize)>,
    /// With the result cache: whether the workspace phase was replayed from it.
    pub workspace_cached: bool,
}

/// The file phase's time per step, and its parses, summed over the files as each finishes: a
/// list kept with every file's outcome until the workspace phase cost 200 bytes a file.
pub(crate) struct StepTimes {
    steps: Vec<AtomicU64>,
    parse: AtomicU64,
}

impl StepTimes {
    pub fn new(steps: usize) -> StepTimes {
        StepTimes {
            steps: (0..steps).map(|_| AtomicU64::new(0)).collect(),
            parse: AtomicU64::new(0),
        }
    }

    /// Adds one file's times, in step order, and its parses.
    pub fn add(&self, steps: &[Duration], parse: Duration) {
        let nanos = |d: Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        for (total, time) in self.steps.iter().zip(steps) {
            total.fetch_add(nanos(*time), Ordering::Relaxed);
        }
        self.parse.fetch_add(nanos(parse), Ordering::Relaxed);
    }

    /// The sum of each step, and of the parses.
    pub fn totals(&self) -> (Vec<Duration>, Duration) {
        let read = |n: &AtomicU64| Duration::from_nanos(n.load(Ordering::Relaxed));
        (self.steps.iter().map(read).collect(), read(&self.parse))
    }
}

/// Runs `step` on `cx`'s file, adding its time without the parses it caused to `total`.
pub(crate) fn timed<T>(cx: &FileContext<'_>, total: &mut Duration, step: impl FnOnce() -> T) -> T {
    let parse_before = cx.parse_time();
    let start = Instant::now();
    let out = step();
    let parsing = cx.parse_time().saturating_sub(parse_before);
    *total += start.elapsed().saturating_sub(parsing);
    out
}

/// Runs `phase`, returning its result and its wall time.
pub(crate) fn phase<T>(phase: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = phase();
    (out, start.elapsed())
}

impl Engine {
    /// One entry per step the file phase times: file rules, workspace rules, providers, and
    /// last the suppression comments (read in every file, checked over the workspace).
    pub(crate) fn step_count(&self) -> usize {
        self.file_rules.len() + self.workspace_rules.len() + self.providers.len() + 1
    }

    /// The step of provider `i`: after the rules, which take the prefilter's slot numbers.
    pub(crate) fn provider_step(&self, i: usize) -> usize {
        self.file_rules.len() + self.workspace_rules.len() + i
    }

    /// The step of the suppression comments: the last one.
    pub(crate) fn suppressions_step(&self) -> usize {
        self.step_count() - 1
    }

    /// The label of each step, in [`Engine::step_count`] order.
    pub(crate) fn step_labels(&self) -> Vec<String> {
        let rules = self.file_rules.iter().map(|s| s.run.meta.id.to_string());
        let workspace = self
            .workspace_rules
            .iter()
            .map(|s| s.run.meta.id.to_string());
        let providers = self.providers.iter().map(|p| p.name().to_string());
        let suppressions = std::iter::once("suppressions".to_string());
        rules
            .chain(workspace)
            .chain(providers)
            .chain(suppressions)
            .collect()
    }
}
