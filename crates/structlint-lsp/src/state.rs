//! What the main loop and the lint worker share: open documents, the loaded checks, the last
//! workspace findings, and what was last published for each document.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use crossbeam_channel::Sender;
use lsp_server::{Message, Notification, Request};
use serde_json::{Value, json};
use structlint_core::Diagnostic;

use crate::convert;
use crate::document::{Change, Document, Encoding};
use crate::lint::Linter;
use crate::uri::uri_to_path;

pub(crate) struct Shared {
    pub out: Sender<Message>,
    pub encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`) and is told to pull again
    /// (`workspace/diagnostic/refresh`); otherwise they are pushed. Never both: a client
    /// keeps the two apart and showed every finding twice.
    pub pull: bool,
    /// The client applies snippet edits, so a quick fix can leave the cursor on a placeholder.
    pub snippets: bool,
    /// The workspace folders, each with its own config.
    pub folders: Vec<PathBuf>,
    pub docs: Mutex<HashMap<String, Document>>,
    pub linters: RwLock<Vec<Arc<Linter>>>,
    /// Workspace-rule findings of the last background runs, by absolute path.
    pub workspace: Mutex<HashMap<PathBuf, Vec<Diagnostic>>>,
    /// Per document: the version and the findings last published, for code actions and hovers.
    pub published: Mutex<HashMap<String, (i64, Vec<Diagnostic>)>>,
    /// Errors of the config and rule files, as LSP diagnostics, by URI.
    pub config_errors: Mutex<HashMap<String, Vec<Value>>>,
    pub requests: AtomicU64,
}

impl Shared {
    pub fn notify(&self, method: &str, params: Value) {
        let _ = self.out.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    pub fn log(&self, message: &str) {
        eprintln!("structlint lsp: {message}");
        self.notify(
            "window/logMessage",
            json!({ "type": 3, "message": message }),
        );
    }

    /// Asks a pulling client to pull every document's diagnostics again: workspace findings
    /// or the config changed in the background.
    pub fn refresh(&self) {
        let id = self.requests.fetch_add(1, Ordering::Relaxed);
        let _ = self.out.send(Message::Request(Request::new(
            format!("structlint/refresh/{id}").into(),
            "workspace/diagnostic/refresh".to_string(),
            Value::Null,
        )));
    }

    /// Moves the last workspace findings of the document at `uri` through an edit.
    pub fn follow_edit(&self, uri: &str, change: &Change) {
        if let Some(abs) = uri_to_path(uri)
            && let Ok(mut workspace) = self.workspace.lock()
            && let Some(found) = workspace.get_mut(&abs)
        {
            crate::follow::follow(found, change);
        }
    }

    pub fn linters(&self) -> Vec<Arc<Linter>> {
        self.linters.read().map(|l| l.clone()).unwrap_or_default()
    }

    /// The checks of the folder a file is in: the one with the deepest root above it.
    pub fn linter_for(&self, abs: &Path) -> Option<Arc<Linter>> {
        self.linters()
            .into_iter()
            .filter(|l| abs.starts_with(&l.root))
            .max_by_key(|l| l.root.components().count())
    }

    /// The root a document's positions in other files are relative to.
    pub fn root_for(&self, uri: &str) -> PathBuf {
        uri_to_path(uri)
            .and_then(|abs| self.linter_for(&abs))
            .map(|l| l.root.clone())
            .or_else(|| self.folders.first().cloned())
            .unwrap_or_default()
    }

    /// Every finding for the document `uri` at `text`: the per-file rules on the text, and the
    /// workspace rules' findings for its path from the last background run.
    pub fn findings(&self, uri: &str, text: &str) -> Vec<Diagnostic> {
        let Some(abs) = uri_to_path(uri) else {
            return Vec::new();
        };
        let Some(linter) = self.linter_for(&abs) else {
            return Vec::new();
        };
        let Some(rel) = linter.relative(&abs) else {
            return Vec::new();
        };
        let mut found = linter.lint(&rel, &abs, text);
        if let Ok(workspace) = self.workspace.lock()
            && let Some(more) = workspace.get(&abs)
        {
            found.extend(more.iter().cloned());
        }
        found.sort_by(Diagnostic::output_order);
        found
    }

    /// The diagnostics of the open document `uri` at `text`, as the client gets them: the
    /// config errors located in it, then the findings. Records the findings for code actions
    /// and hovers.
    pub fn items(&self, uri: &str, text: &str, version: i64) -> Vec<Value> {
        let found = self.findings(uri, text);
        let root = self.root_for(uri);
        let mut items = self
            .config_errors
            .lock()
            .ok()
            .and_then(|e| e.get(uri).cloned())
            .unwrap_or_default();
        items.extend(convert::diagnostics(&found, text, &root, self.encoding));
        if let Ok(mut published) = self.published.lock() {
            published.insert(uri.to_string(), (version, found));
        }
        items
    }

    /// Lints the open document `uri` and publishes the result, unless the document changed
    /// meanwhile (a newer job will publish) or was closed.
    pub fn lint_and_publish(&self, uri: &str) {
        let Some(doc) = self.docs.lock().ok().and_then(|d| d.get(uri).cloned()) else {
            return;
        };
        let items = self.items(uri, &doc.text, doc.version);
        let current = self
            .docs
            .lock()
            .ok()
            .and_then(|d| d.get(uri).map(|d| d.version));
        if current != Some(doc.version) {
            return;
        }
        self.notify(
            "textDocument/publishDiagnostics",
            json!({ "uri": uri, "version": doc.version, "diagnostics": items }),
        );
    }

    /// Tells the client that what it shows for the open documents is out of date: a refresh
    /// for a pulling client, a new lint and push of each document otherwise.
    pub fn relint_open(&self, lint: &Sender<String>) {
        if self.pull {
            self.refresh();
            return;
        }
        let open: Vec<String> = self
            .docs
            .lock()
            .map(|d| d.keys().cloned().collect())
            .unwrap_or_default();
        for uri in open {
            let _ = lint.send(uri);
        }
    }
}
