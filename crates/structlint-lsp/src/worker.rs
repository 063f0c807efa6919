//! The workers: one lints documents, debounced so that a burst of keystrokes costs one lint;
//! the other runs the workspace rules in the background, so that a document's per-file
//! findings never wait for a scan of the whole workspace.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender, unbounded};

use crate::state::Shared;
use crate::uri::uri_to_path;

/// How long a document must stay unchanged before it is linted: long enough to merge the
/// changes of one keystroke, short enough not to be felt.
const DEBOUNCE: Duration = Duration::from_millis(5);

/// How long the workspace must stay unchanged before the workspace rules run again: they read
/// every file, so they wait for a pause in the typing and leave the cores to per-file lints.
const SCAN_DEBOUNCE: Duration = Duration::from_millis(300);

pub(crate) struct Workers {
    pub lint: Sender<String>,
    pub workspace: Sender<()>,
}

pub(crate) fn spawn(shared: Arc<Shared>) -> Workers {
    let (lint, lint_queue) = unbounded::<String>();
    let (workspace, workspace_queue) = unbounded::<()>();
    // The threads end with the process, after `exit`.
    let documents = Arc::clone(&shared);
    thread::spawn(move || lint_documents(&documents, &lint_queue));
    let relint = lint.clone();
    thread::spawn(move || scan_workspace(&shared, &workspace_queue, &relint));
    Workers { lint, workspace }
}

fn lint_documents(shared: &Shared, queue: &Receiver<String>) {
    while let Ok(first) = queue.recv() {
        let mut uris = BTreeSet::from([first]);
        while let Ok(uri) = queue.recv_timeout(DEBOUNCE) {
            uris.insert(uri);
        }
        for uri in &uris {
            shared.lint_and_publish(uri);
        }
    }
}

fn scan_workspace(shared: &Shared, queue: &Receiver<()>, relint: &Sender<String>) {
    while queue.recv().is_ok() {
        // Requests that arrive meanwhile are served by the same run.
        while queue.recv_timeout(SCAN_DEBOUNCE).is_ok() {}
        let overlay = shared
            .docs
            .lock()
            .map(|docs| {
                docs.iter()
                    .filter_map(|(uri, doc)| Some((uri_to_path(uri)?, doc.text.clone())))
                    .collect()
            })
            .unwrap_or_default();
        let mut found = std::collections::HashMap::new();
        for linter in shared.linters() {
            for (rel, diagnostics) in linter.lint_workspace(&overlay) {
                found.insert(linter.root.join(rel), diagnostics);
            }
        }
        if let Ok(mut current) = shared.workspace.lock() {
            *current = found;
        }
        shared.relint_open(relint);
    }
}
