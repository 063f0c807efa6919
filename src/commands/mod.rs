//! One function per subcommand; each returns the process exit code.

mod baseline;
mod changed;
mod check;
mod explain;
mod fix;
mod graph;
mod init;
mod progress;
mod query;
mod statistics;
mod stdin;
mod test;
mod timing;

use std::io::{self, IsTerminal, Write};

use crate::EXIT_ERROR;
use crate::cli::{Cli, Command};
pub use fix::FixArgs;
pub use init::InitArgs;

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Baseline(args) => baseline::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Rules => explain::list(),
        Command::Schema => {
            print(&structlint::config_schema());
            0
        }
        Command::Graph(args) => graph::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Query { query, file } => query::run(&query, &file),
        Command::Lsp => u8::try_from(structlint_lsp::run_stdio()).unwrap_or(1),
        Command::Explain { rule } => explain::explain(&rule),
    }
}

/// Writes `text` to stdout. A closed pipe (`structlint check | head`) is not an error.
pub(crate) fn print(text: &str) -> bool {
    print_with(|out| out.write_all(text.as_bytes()))
}

/// [`print`] for output written piece by piece, through a buffer.
pub(crate) fn print_with(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> bool {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            let _ = writeln!(io::stderr(), "error: cannot write output: {e}");
            false
        }
    }
}

/// Prints a configuration or usage error with miette (the offending TOML line, `help:`) and
/// returns exit code 2.
pub(crate) fn report_error(error: &dyn miette::Diagnostic) -> u8 {
    let color =
        io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::none()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut text = String::new();
    // Through a snippet: miette panics on a label past column 65,535 of a TOML line.
    if handler
        .render_report(&mut text, &structlint::Clipped::new(error))
        .is_err()
    {
        text = format!("error: {error}\n");
    }
    let _ = write!(io::stderr(), "{text}");
    EXIT_ERROR
}

/// Whether `paths` (as given on the command line) cover the whole workspace at `root`.
pub(crate) fn covers_workspace(paths: &[std::path::PathBuf], root: &std::path::Path) -> bool {
    let root = std::fs::canonicalize(root).ok();
    paths.is_empty()
        || paths.iter().any(|p| {
            std::fs::canonicalize(p)
                .ok()
                .is_some_and(|p| Some(&p) == root.as_ref())
        })
}
