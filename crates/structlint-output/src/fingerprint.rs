//! Stable keys for findings: a finding keeps its key when lines above it move, so code
//! scanning tools match it to the same alert across commits.

use std::collections::HashMap;

use structlint_core::{Diagnostic, Report};

use crate::sources::Sources;
use crate::uri::{relative_uri, repository_root};

/// A finding's fingerprint without its occurrence number: what a baseline stores, with the
/// number of findings that share it. `line` is the flagged line as hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingKey {
    pub fingerprint: String,
    pub line: String,
}

/// The [`FindingKey`] of each diagnostic of `report`, hashed as SARIF's fingerprints are, so
/// a baseline entry and a code scanning alert name a finding the same way.
pub fn finding_keys(report: &Report, diagnostics: &[&Diagnostic]) -> Vec<FindingKey> {
    let repo = repository_root(&report.root);
    let uri = |path: &str| relative_uri(&report.root, &repo, path);
    let mut sources = Sources::new(report);
    diagnostics
        .iter()
        .map(|d| {
            let (hash, line) = line_key(d, &mut sources, uri);
            FindingKey {
                fingerprint: format!("{hash:016x}"),
                line,
            }
        })
        .collect()
}

/// One key per diagnostic: a hash of the rule id, the repository path and the flagged line
/// with its whitespace collapsed, plus `:n` counting identical keys in one file, so two equal
/// lines flagged by one rule stay distinct.
pub(crate) fn fingerprints(
    diagnostics: &[&Diagnostic],
    sources: &mut Sources,
    uri: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let (hash, _) = line_key(d, sources, &uri);
            let occurrence = seen.entry(hash).or_insert(0);
            *occurrence += 1;
            format!("{hash:016x}:{occurrence}")
        })
        .collect()
}

/// The hash of a diagnostic's rule, path and flagged line, and that line, whitespace collapsed.
fn line_key(d: &Diagnostic, sources: &mut Sources, uri: impl Fn(&str) -> String) -> (u64, String) {
    let line = sources.get(&d.span.path).map_or_else(String::new, |text| {
        let start = text[..d.span.start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    });
    let hash = fnv1a([
        d.rule.as_bytes(),
        uri(&d.span.path).as_bytes(),
        line.as_bytes(),
    ]);
    (hash, line)
}

/// FNV-1a, 64 bits, over the parts separated by a zero byte: stable across platforms and
/// versions, unlike std's hasher.
fn fnv1a<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        // FNV-1a 64 of "a" then the separator byte.
        let mut expected: u64 = 0xcbf2_9ce4_8422_2325;
        for b in [b'a', 0] {
            expected ^= u64::from(b);
            expected = expected.wrapping_mul(0x0100_0000_01b3);
        }
        assert_eq!(fnv1a([&b"a"[..]]), expected);
        assert_ne!(
            fnv1a([&b"ab"[..], b"c"]),
            fnv1a([&b"a"[..], b"bc"]),
            "parts are separated"
        );
    }
}
