//! Loading each workspace folder's config and rules, with a broken one shown to the user on
//! its line while linting goes on with its last valid version.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Value, json};
use structlint_core::ConfigError;

use crate::lint::Linter;
use crate::state::Shared;
use crate::uri::path_to_uri;

/// Loads every folder's config again. Its errors become diagnostics of the TOML files they
/// are in, kept with the documents' findings so that linting an open TOML buffer does not
/// wipe them, and a `window/showMessage`, since the TOML may not be open at all.
pub(crate) fn reload(shared: &Shared) {
    let previous = shared.linters();
    let mut linters = Vec::new();
    let mut errors: HashMap<String, Vec<Value>> = HashMap::new();
    for folder in &shared.folders {
        match Linter::load(folder) {
            Ok(linter) => {
                let config = linter
                    .config_file
                    .as_ref()
                    .map_or("the default rules".into(), |f| f.display().to_string());
                shared.log(&format!("checking {} with {config}", linter.root.display()));
                linters.push(Arc::new(linter));
            }
            Err(error) => {
                shared.notify("window/showMessage", json!({ "type": 1, "message": format!("structlint: {} (linting goes on with the last valid configuration)", error.message) }));
                if let Some(source) = &error.source
                    && let Some(uri) = path_to_uri(&folder.join(source.name()))
                {
                    errors
                        .entry(uri)
                        .or_default()
                        .push(diagnostic(shared, &error));
                }
                linters.extend(previous.iter().find(|l| &l.folder == folder).cloned());
            }
        }
    }
    if let Ok(mut current) = shared.linters.write() {
        *current = linters;
    }
    let before = shared
        .config_errors
        .lock()
        .map(|mut e| std::mem::replace(&mut *e, errors.clone()))
        .unwrap_or_default();
    let open: Vec<String> = shared
        .docs
        .lock()
        .map(|d| d.keys().cloned().collect())
        .unwrap_or_default();
    // An open document gets its config errors with its findings (the caller relints or
    // refreshes the open documents); a file that is not open only by a push.
    let mut uris: Vec<&String> = before.keys().chain(errors.keys()).collect();
    uris.sort();
    uris.dedup();
    for uri in uris.into_iter().filter(|u| !open.contains(u)) {
        let items = errors.get(uri).cloned().unwrap_or_default();
        shared.notify(
            "textDocument/publishDiagnostics",
            json!({ "uri": uri, "diagnostics": items }),
        );
    }
}

fn diagnostic(shared: &Shared, error: &ConfigError) -> Value {
    let (start, end) = error
        .label
        .as_ref()
        .map_or((0, 0), |(span, _)| (span.start, span.end));
    let text = error.source.as_ref().map_or("", |s| s.inner().as_str());
    let range = crate::document::range(text, start, end, shared.encoding);
    let help = error
        .help
        .as_ref()
        .map(|h| format!("\n\n{h}"))
        .unwrap_or_default();
    json!({ "range": range, "severity": 1, "source": "structlint", "message": format!("{}{help}", error.message) })
}
