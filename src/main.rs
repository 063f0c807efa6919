//! The `structlint` command line.

mod adopt_args;
mod cli;
mod commands;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Exit codes: 0 clean (warnings allowed), 1 findings, 2 usage, config or internal error.
pub(crate) const EXIT_FINDINGS: u8 = 1;
pub(crate) const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    match std::panic::catch_unwind(|| commands::run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(_) => {
            let _ = writeln!(
                std::io::stderr(),
                "error: structlint crashed (this is a bug; please report it with the command you ran)"
            );
            ExitCode::from(EXIT_ERROR)
        }
    }
}
