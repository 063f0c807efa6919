//! JUnit XML: one test suite per rule, one failing test case per finding and a passing case
//! for each rule that found nothing, so CI test reports show which structural checks passed.

use std::collections::BTreeMap;
use std::io;

use structlint_core::{Diagnostic, Report};

use crate::OutputOptions;

pub(crate) fn write(
    report: &Report,
    options: &OutputOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut by_rule: BTreeMap<&str, Vec<&Diagnostic>> = report
        .rules
        .iter()
        .map(|r| (r.meta.id.as_str(), Vec::new()))
        .collect();
    for d in options.shown(report) {
        by_rule.entry(d.rule.as_str()).or_default().push(d);
    }
    let failures: usize = by_rule.values().map(Vec::len).sum();
    let tests: usize = by_rule.values().map(|ds| ds.len().max(1)).sum();
    writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"structlint\" tests=\"{tests}\" failures=\"{failures}\">"
    )?;
    for (rule, ds) in by_rule {
        writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">",
            escape(rule),
            ds.len().max(1),
            ds.len()
        )?;
        if ds.is_empty() {
            writeln!(
                out,
                "    <testcase name=\"{0}\" classname=\"{0}\"/>",
                escape(rule)
            )?;
        }
        for d in ds {
            let path = options.display_path(&report.root, &d.span.path);
            let p = &d.span.start_pos;
            let mut body = d.summary.clone();
            if !d.why.is_empty() {
                body.push_str(&format!("\n\nWhy: {}", d.why));
            }
            if !d.fix.is_empty() {
                body.push_str(&format!("\n\nFix:\n{}", d.numbered_fix()));
            }
            writeln!(
                out,
                "    <testcase name=\"{}:{}:{}\" classname=\"{}\" file=\"{}\" line=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                escape(&path),
                p.line,
                p.column,
                escape(rule),
                escape(&path),
                p.line,
                d.severity.as_str(),
                escape(&d.summary),
                escape(&body)
            )?;
        }
        out.write_all(b"  </testsuite>\n")?;
    }
    out.write_all(b"</testsuites>\n")?;
    Ok(())
}

/// XML text and attribute escaping; control characters XML 1.0 cannot hold are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_invalid_characters() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
    }
}
