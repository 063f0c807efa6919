//! How a [`Report`] is written out, in one of the [`OutputFormat`]s. Every format writes as
//! it renders, so a report with tens of thousands of findings is never held whole as text.

mod agent;
mod diff;
mod fingerprint;
mod github;
mod human;
mod json;
mod junit;
mod sarif;
mod snippet;
mod sources;
mod uri;

use std::io;
use std::path::{Path, PathBuf};

use structlint_core::{Diagnostic, Report, Severity};

pub use fingerprint::{FindingKey, finding_keys};
pub use json::JSON_SCHEMA_VERSION;
pub use sarif::{FINGERPRINT_KEY, sarif_config_error};
pub use snippet::Clipped;
pub use uri::repository_root;

/// What every format needs to know besides the report.
#[derive(Debug, Clone)]
pub struct OutputOptions {
    /// ANSI colours and Unicode box drawing (a terminal); plain ASCII otherwise.
    pub color: bool,
    /// Wrap text to this width; `None` never wraps (logs, pipes, agents).
    pub width: Option<usize>,
    /// Errors only.
    pub quiet: bool,
    /// Also show notes about files that were still checked (syntax errors).
    pub verbose: bool,
    /// Also show findings suppressed by a comment.
    pub include_suppressed: bool,
    /// The agent format shows at most this many findings per rule; 0 shows all.
    pub max_per_rule: usize,
    /// Paths are shown relative to this directory (the current directory) when under it.
    pub base: PathBuf,
    /// Write at most this many findings (GitHub code scanning keeps 25,000 per run); the
    /// output says how many were left out. The exit code still counts them all.
    pub max_results: Option<usize>,
}

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            color: false,
            width: None,
            quiet: false,
            verbose: false,
            include_suppressed: false,
            max_per_rule: 20,
            base: PathBuf::new(),
            max_results: None,
        }
    }
}

impl OutputOptions {
    /// The findings to show, in report order.
    pub fn shown<'r>(&self, report: &'r Report) -> impl Iterator<Item = &'r Diagnostic> {
        self.visible(report)
            .take(self.max_results.unwrap_or(usize::MAX))
    }

    /// How many findings `--max-results` kept out of the output.
    pub fn left_out(&self, report: &Report) -> usize {
        match self.max_results {
            Some(max) => self.visible(report).count().saturating_sub(max),
            None => 0,
        }
    }

    fn visible<'r>(&self, report: &'r Report) -> impl Iterator<Item = &'r Diagnostic> {
        report.diagnostics.iter().filter(move |d| {
            (self.include_suppressed || !d.is_suppressed())
                && (!self.quiet || d.severity == Severity::Error)
        })
    }

    /// How to show `path` (relative to the project root) to the reader.
    pub fn display_path(&self, root: &Path, path: &str) -> String {
        display_path(root, &self.base, path)
    }
}

/// The formats of `structlint check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// miette's graphical report with the source snippet and the fix steps as `help`.
    Human,
    /// A documented, stable schema (`docs/json-format.md`).
    Json,
    /// SARIF 2.1.0 for code scanning, with stable fingerprints.
    Sarif,
    /// Markdown ordered for an agent to fix, with edits as diffs.
    Agent,
    /// GitHub Actions annotations.
    Github,
    /// JUnit XML, a test suite per rule.
    Junit,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 6] = [
        OutputFormat::Human,
        OutputFormat::Json,
        OutputFormat::Sarif,
        OutputFormat::Agent,
        OutputFormat::Github,
        OutputFormat::Junit,
    ];

    /// Writes `report` to `out` as it is rendered. `out` should be buffered.
    pub fn write(
        self,
        report: &Report,
        options: &OutputOptions,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        let write = match self {
            OutputFormat::Human => human::write,
            OutputFormat::Json => json::write,
            OutputFormat::Sarif => sarif::write,
            OutputFormat::Agent => agent::write,
            OutputFormat::Github => github::write,
            OutputFormat::Junit => junit::write,
        };
        write(report, options, out)
    }

    /// The whole output as text, for a test or a panic message.
    pub fn render(self, report: &Report, options: &OutputOptions) -> String {
        to_string(|out| self.write(report, options, out))
    }
}

/// The text a writer writes, for callers that want it whole.
fn to_string(write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) -> String {
    let mut bytes = Vec::new();
    // Only the writer can fail, and a `Vec` does not.
    write(&mut bytes).expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("renderers write UTF-8")
}

/// `path` (relative to `root`) relative to `base` when it is under `base`, else absolute.
pub fn display_path(root: &Path, base: &Path, path: &str) -> String {
    let abs = root.join(path);
    match abs.strip_prefix(base) {
        Ok(rel) if !base.as_os_str().is_empty() => {
            let parts: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            parts.join("/")
        }
        _ => abs.to_string_lossy().replace('\\', "/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_relative_to_the_current_directory() {
        let root = Path::new("/w/fixtures/ts");
        assert_eq!(
            display_path(root, Path::new("/w"), "packages/a.ts"),
            "fixtures/ts/packages/a.ts"
        );
        assert_eq!(
            display_path(root, Path::new("/w/fixtures/ts"), "packages/a.ts"),
            "packages/a.ts"
        );
        assert_eq!(
            display_path(root, Path::new("/elsewhere"), "packages/a.ts"),
            "/w/fixtures/ts/packages/a.ts"
        );
    }
}
