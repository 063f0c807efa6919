//! `check --timing`: where the run's time went, on stderr, the way ESLint's TIMING=1 shows it.
//! Phases are wall time; the parse and the steps are time summed over the threads, so they
//! add up to more than the wall time on a machine with several cores.

use std::fmt::Write;
use std::time::Duration;

use structlint_core::Timing;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The table for `timing`, with `output` the time the output took to render and write.
pub fn table(timing: &Timing, output: Duration) -> String {
    let mut out = String::from("\nPhase (wall time)\n");
    let phases = timing.phases.iter().copied().chain([("output", output)]);
    for (name, took) in phases {
        let _ = writeln!(out, "  {name:<32} {:>11}", ms(took));
    }
    if let Some((cached, read)) = timing.cache {
        let replayed = if timing.workspace_cached {
            "; the workspace phase replayed"
        } else {
            ""
        };
        let _ = writeln!(out, "\ncache: {cached} of {read} files{replayed}");
    }
    let mut steps: Vec<(&str, Duration)> = timing
        .steps
        .iter()
        .map(|(label, took)| (label.as_str(), *took))
        .collect();
    steps.push(("parse (tree-sitter, syn)", timing.parse));
    // Slowest first; equal times by name, so the order is stable.
    steps.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let total: Duration = steps.iter().map(|(_, took)| *took).sum();
    out.push_str("\nStep (time summed over threads)          time   share\n");
    for (label, took) in steps {
        let share = match total.is_zero() {
            true => 0.0,
            false => took.as_secs_f64() / total.as_secs_f64() * 100.0,
        };
        let _ = writeln!(out, "  {label:<32} {:>11} {share:>6.1}%", ms(took));
    }
    out
}
