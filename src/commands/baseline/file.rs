//! `structlint-baseline.json`: where it is, how it is read and written.
//!
//! One entry per fingerprint (the SARIF fingerprint without its occurrence number) with the
//! number of findings that share it, sorted by path, rule and line, so that a review of the
//! file's diff reads as a list of findings added or fixed.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use structlint_core::{read_inside, write_atomic};

/// The baseline `check` reads from the workspace root when `--baseline` is not given.
const BASELINE_FILE: &str = "structlint-baseline.json";
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    version: u32,
    findings: Vec<Entry>,
}

/// Findings of one rule on one line (whitespace collapsed) of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub path: String,
    pub line: String,
    pub count: usize,
}

/// The baseline file of the workspace at `root`: `explicit` (relative to the current
/// directory) or `structlint-baseline.json` at the root. A baseline outside the workspace is
/// refused: a checkout must not make structlint read or replace files elsewhere.
pub fn location(root: &Path, explicit: Option<&Path>) -> Result<PathBuf, String> {
    let Some(explicit) = explicit else {
        return Ok(root.join(BASELINE_FILE));
    };
    let abs = std::env::current_dir()
        .map_err(|e| format!("cannot read the current directory: {e}"))?
        .join(explicit);
    let parent = abs.parent().unwrap_or(&abs);
    let outside = || {
        format!(
            "--baseline {} is not inside the workspace {}; structlint reads and writes only files inside it",
            explicit.display(),
            root.display()
        )
    };
    let real_parent = std::fs::canonicalize(parent).map_err(|e| {
        format!(
            "--baseline {}: cannot open its directory: {e}",
            explicit.display()
        )
    })?;
    let real_root = std::fs::canonicalize(root).map_err(|e| format!("{}: {e}", root.display()))?;
    if !real_parent.starts_with(&real_root) {
        return Err(outside());
    }
    match abs.file_name() {
        Some(name) if name != ".." => Ok(real_parent.join(name)),
        _ => Err(format!(
            "--baseline {} is not a file name",
            explicit.display()
        )),
    }
}

/// The entries of the baseline at `path`, `None` when there is no such file.
pub fn read(root: &Path, path: &Path) -> Result<Option<Vec<Entry>>, String> {
    let text = match read_inside(root, path) {
        Ok(text) => text,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let document: Document = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{} is not a structlint baseline: {e}; regenerate it with `structlint baseline --update`",
            path.display()
        )
    })?;
    if document.version != VERSION {
        return Err(format!(
            "{} has version {}, this structlint reads version {VERSION}; regenerate it with `structlint baseline --update`",
            path.display(),
            document.version
        ));
    }
    Ok(Some(document.findings))
}

/// Replaces the baseline at `path` with `entries`, sorted, atomically.
pub fn write(path: &Path, mut entries: Vec<Entry>) -> Result<(), String> {
    sort(&mut entries);
    let document = Document {
        version: VERSION,
        findings: entries,
    };
    let mut text = serde_json::to_string_pretty(&document).expect("a baseline always serialises");
    text.push('\n');
    write_atomic(path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        (&a.path, &a.rule, &a.line, &a.fingerprint).cmp(&(
            &b.path,
            &b.rule,
            &b.line,
            &b.fingerprint,
        ))
    });
}
