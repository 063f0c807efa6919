//! `check --stdin-filename PATH`: the text of PATH comes from stdin (an editor's buffer, a
//! pre-commit hook's staged blob, an agent's edit before it writes it) and is checked as
//! that file of the workspace.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use structlint::{Check, Engine, Report};
use structlint_core::{Language, SourceFile, normalize};

use super::report_error;
use crate::EXIT_ERROR;

/// The report of the buffer on stdin checked as `name`, or the exit code after an error.
/// When `name` exists on disk, the whole check runs with the buffer laid over the file, as
/// the language server does, so workspace rules see it; a file not yet written gets the
/// per-file rules only, as there is nothing on disk for the workspace to refer to.
pub fn check(name: &Path, config: Option<&Path>) -> Result<Report, u8> {
    let fail = |message: String| {
        eprintln!("error: --stdin-filename {}: {message}", name.display());
        EXIT_ERROR
    };
    let abs = normalize(name).map_err(|e| fail(format!("cannot resolve it: {e}")))?;
    let language = Language::from_path(&abs)
        .ok_or_else(|| fail("structlint checks TypeScript (.ts, .tsx, .mts, .cts) and Rust (.rs) files; name the file with its extension".into()))?;
    let mut check = Check::workspace(abs.parent().unwrap_or(&abs));
    if let Some(config) = config {
        check = check.config(config);
    }
    let config = check.load_config().map_err(|e| report_error(&e))?;
    let root = config.root.clone();
    let Ok(rel) = abs.strip_prefix(&root) else {
        return Err(fail(format!(
            "it is not inside the workspace {}",
            root.display()
        )));
    };
    let rel = rel.to_string_lossy().replace('\\', "/");
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read stdin: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| fail("stdin is not UTF-8".into()))?;
    let engine = Engine::new(config);
    let mut report = if abs.is_file() {
        let overlay = HashMap::from([(abs.clone(), text.clone())]);
        engine
            .check_overlay(std::slice::from_ref(&abs), &overlay)
            .map_err(|e| report_error(&e))?
    } else {
        engine.check_file(&SourceFile::new(rel.clone(), abs, language, text.clone()))
    };
    report.buffers.insert(rel, Arc::new(text));
    Ok(report)
}
