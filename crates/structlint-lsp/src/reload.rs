//! Loading each workspace folder's config and rules, with a broken one shown to the user on
//! its line while linting goes on with its last valid version.

use std::sync::Arc;

use serde_json::json;

use crate::lint::Linter;
use crate::state::Shared;
use crate::uri::path_to_uri;

pub(crate) fn reload(shared: &Shared) {
    let previous = shared.linters();
    let mut linters = Vec::new();
    for folder in &shared.folders {
        match Linter::load(folder) {
            Ok(linter) => {
                if let Some(uri) = linter.config_file.as_deref().and_then(path_to_uri) {
                    shared.notify(
                        "textDocument/publishDiagnostics",
                        json!({ "uri": uri, "diagnostics": [] }),
                    );
                }
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
                    let (start, end) = error
                        .label
                        .as_ref()
                        .map_or((0, 0), |(span, _)| (span.start, span.end));
                    let range = crate::document::range(source.inner(), start, end, shared.encoding);
                    let help = error
                        .help
                        .as_ref()
                        .map(|h| format!("\n\n{h}"))
                        .unwrap_or_default();
                    let diagnostic = json!({ "range": range, "severity": 1, "source": "structlint", "message": format!("{}{help}", error.message) });
                    shared.notify(
                        "textDocument/publishDiagnostics",
                        json!({ "uri": uri, "diagnostics": [diagnostic] }),
                    );
                }
                linters.extend(previous.iter().find(|l| &l.folder == folder).cloned());
            }
        }
    }
    if let Ok(mut current) = shared.linters.write() {
        *current = linters;
    }
}
