//! Fuzz targets that run in CI, over what structlint reads from people it may not trust: the
//! config loader (`structlint.toml`), the TOML rule loader (rule files and their tests), the
//! query validator (a rule's `query`, before tree-sitter compiles it), and the LSP framing.
//! Each mutates our own valid inputs (runner.rs: a fixed seed and number of cases) and checks
//! that structlint never panics or hangs, and that bad input becomes a clean error.
//!
//! A long local run: `STRUCTLINT_FUZZ_CASES=20000 cargo test --release --test fuzz -- --nocapture`.

#[path = "../common/mod.rs"]
mod common;

mod config;
mod framing;
mod mutate;
mod query;
mod rules;
mod runner;
mod seeds;

use structlint::{Clipped, ConfigError, OutputOptions, Report};

/// Renders a config or rule error as `structlint` prints it (miette, through [`Clipped`]):
/// a crash here is a crash of the command line.
pub fn rendered(error: &ConfigError) -> Result<String, String> {
    if error.message.trim().is_empty() {
        return Err("an error without a message".into());
    }
    let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::none())
        .with_links(false);
    let mut text = String::new();
    handler
        .render_report(&mut text, &Clipped::new(error))
        .map_err(|e| format!("miette cannot render `{}`: {e}", error.message))?;
    Ok(text)
}

/// Every output format of a report, as `structlint check --format …` writes it.
pub fn write_all_formats(report: &Report) {
    let options = OutputOptions {
        base: report.root.clone(),
        ..OutputOptions::default()
    };
    for format in structlint::OutputFormat::ALL {
        format.render(report, &options);
    }
}

/// The end-to-end check of a case: `structlint <args>` in `dir` ends within the deadline with
/// 0, 1 or 2, and does not crash.
pub fn command_line(dir: &std::path::Path, args: &[&str]) -> Result<(), String> {
    let run = common::structlint_within(dir, args).ok_or_else(|| {
        format!(
            "structlint {args:?} still running after {:?}",
            common::DEADLINE
        )
    })?;
    if !(0..=2).contains(&run.code) || run.stderr.contains("crashed") {
        return Err(format!(
            "structlint {args:?} exited with {}: {}",
            run.code, run.stderr
        ));
    }
    Ok(())
}
