use std::io::{self, IsTerminal, Write};
use std::path::Path;

use structlint::{Check, OutputFormat, OutputOptions, Report};
use structlint_core::write_atomic_with;

use super::{print_with, report_error};
use crate::cli::{CheckArgs, Color, Format};
use crate::{EXIT_ERROR, EXIT_FINDINGS};

pub fn run(args: &CheckArgs) -> u8 {
    let mut report = match run_check(args) {
        Ok(report) => report,
        Err(code) => return code,
    };
    let whole =
        args.adopt.stdin_filename.is_none() && super::covers_workspace(&args.paths, &report.root);
    let adopted = super::baseline::apply(&mut report, args.adopt.baseline.as_deref(), whole)
        .and_then(|()| match &args.adopt.changed_since {
            Some(rev) => super::changed::keep_changed(&mut report, rev),
            None => Ok(()),
        });
    if let Err(message) = adopted {
        let _ = writeln!(io::stderr(), "error: {message}");
        return EXIT_ERROR;
    }
    let color = use_color(args);
    let options = OutputOptions {
        color,
        width: color.then(terminal_width),
        quiet: args.quiet,
        verbose: args.verbose,
        include_suppressed: args.include_suppressed,
        max_per_rule: args.max_per_rule,
        base: std::env::current_dir().unwrap_or_default(),
        max_results: args.max_results,
    };
    let rendering = std::time::Instant::now();
    let written = if args.adopt.statistics {
        let table = super::statistics::table(&report, &options);
        emit(args, |out| out.write_all(table.as_bytes()))
    } else {
        let format = match args.format {
            Format::Human => OutputFormat::Human,
            Format::Json => OutputFormat::Json,
            Format::Sarif => OutputFormat::Sarif,
            Format::Agent => OutputFormat::Agent,
            Format::Github => OutputFormat::Github,
            Format::Junit => OutputFormat::Junit,
        };
        emit(args, |out| format.write(&report, &options, out))
    };
    if !written {
        return EXIT_ERROR;
    }
    let mut stderr = io::stderr();
    if args.adopt.timing {
        let table = super::timing::table(&report.timing, rendering.elapsed());
        let _ = stderr.write_all(table.as_bytes());
    }
    for error in &report.internal_errors {
        let _ = writeln!(stderr, "internal error: {error}");
    }
    if !report.internal_errors.is_empty() {
        return EXIT_ERROR;
    }
    let warnings = if args.quiet { 0 } else { report.warnings() };
    if let Some(max) = args.max_warnings.filter(|&max| warnings > max) {
        let _ = writeln!(
            stderr,
            "error: {warnings} warnings, more than --max-warnings {max}"
        );
        return EXIT_FINDINGS;
    }
    if report.errors() > 0 {
        EXIT_FINDINGS
    } else {
        0
    }
}

/// The report of the paths, or of the buffer on stdin; the exit code after an error.
fn run_check(args: &CheckArgs) -> Result<Report, u8> {
    if let Some(name) = &args.adopt.stdin_filename {
        if args.fixes.requested() {
            let _ = writeln!(
                io::stderr(),
                "error: --fix cannot write a buffer read from stdin; run it on the file, or apply the edits the JSON output carries"
            );
            return Err(EXIT_ERROR);
        }
        return super::stdin::check(name, args.config.as_deref());
    }
    let mut check = Check::paths(&args.paths);
    if let Some(config) = &args.config {
        check = check.config(config);
    }
    if let Some(dir) = &args.adopt.cache_dir {
        check = check.cache_dir(dir);
    } else if args.adopt.cache {
        check = check.cache();
    }
    if args.fixes.requested()
        && let Some(report) = super::fix::run(&args.fixes, &check)?
    {
        return Ok(report);
    }
    let run = match super::progress::for_terminal() {
        Some(bar) => {
            let run = check.run_with_progress(bar.clone());
            bar.finish();
            run
        }
        None => check.run(),
    };
    run.map(structlint::Findings::into_report).map_err(|error| {
        if args.format == Format::Sarif {
            let log = structlint::sarif_config_error(&error.message, error_location(&error));
            let _ = emit(args, |out| out.write_all(log.as_bytes()));
        }
        report_error(&error)
    })
}

/// Writes the output to `--output` (atomically) or stdout.
fn emit(args: &CheckArgs, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> bool {
    let Some(path) = &args.output else {
        return print_with(write);
    };
    match write_atomic_with(path, write) {
        Ok(()) => true,
        Err(e) => {
            let _ = writeln!(io::stderr(), "error: cannot write {}: {e}", path.display());
            false
        }
    }
}

/// The config file, line and column a configuration error points at, for SARIF.
fn error_location(error: &structlint::ConfigError) -> Option<(&Path, u32, u32)> {
    let source = error.source.as_ref()?;
    let (span, _) = error.label.as_ref()?;
    let text = source.inner();
    let position = structlint_core::LineIndex::new(text).position(text, span.start);
    Some((
        Path::new(source.name()),
        position.line,
        position.column_utf16,
    ))
}

fn use_color(args: &CheckArgs) -> bool {
    if args.no_color {
        return false;
    }
    match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(100)
}
