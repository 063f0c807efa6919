//! GitHub Actions workflow commands: one annotation per finding on the changed lines of a PR.

use std::io;

use structlint_core::{Report, Severity};

use crate::OutputOptions;
use crate::uri::repository_root;

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<summary and fix>` per
/// finding, `::warning` for skipped files. Paths are relative to the repository root, which
/// is the directory Actions runs in.
pub(crate) fn write(
    report: &Report,
    options: &OutputOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let repo = repository_root(&report.root);
    let path = |p: &str| {
        let abs = report.root.join(p);
        abs.strip_prefix(&repo)
            .unwrap_or(&abs)
            .to_string_lossy()
            .replace('\\', "/")
    };
    for d in options.shown(report) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let (start, end) = (&d.span.start_pos, &d.span.end_pos);
        let mut message = d.summary.clone();
        if !d.fix.is_empty() {
            message.push_str(&format!("\nFix:\n{}", d.numbered_fix()));
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&path(&d.span.path)),
            start.line,
            start.column,
            end.line,
            end.column,
            property(&d.rule),
            data(&message)
        )?;
    }
    for note in report.notes.iter().filter(|n| !n.is_verbose()) {
        writeln!(
            out,
            "::warning file={}::{}",
            property(&path(&note.path)),
            data(&note.message)
        )?;
    }
    Ok(())
}

/// Escapes a command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property, which also may not hold `:` or `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_actions_toolkit() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a,b:c%"), "a%2Cb%3Ac%25");
    }
}
