//! What the main loop and the lint worker share: open documents, the loaded checks, the last
//! workspace findings, and what was last published for each document.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use crossbeam_channel::Sender;
use lsp_server::{Message, Notification};
use serde_json::{Value, json};
use structlint_core::Diagnostic;

use crate::convert;
use crate::document::{Document, Encoding};
use crate::lint::Linter;
use crate::uri::uri_to_path;

pub(crate) struct Shared {
    pub out: Sender<Message>,
    pub encoding: Encoding,
    /// The workspace folders, each with its own config.
    pub folders: Vec<PathBuf>,
    pub docs: Mutex<HashMap<String, Document>>,
    pub linters: RwLock<Vec<Arc<Linter>>>,
    /// Workspace-rule findings of the last background runs, by absolute path.
    pub workspace: Mutex<HashMap<PathBuf, Vec<Diagnostic>>>,
    /// Per document: the version and the findings last published, for code actions and hovers.
    pub published: Mutex<HashMap<String, (i64, Vec<Diagnostic>)>>,
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

    /// Lints the open document `uri` and publishes the result, unless the document changed
    /// meanwhile (a newer job will publish) or was closed.
    pub fn lint_and_publish(&self, uri: &str) {
        let Some(doc) = self.docs.lock().ok().and_then(|d| d.get(uri).cloned()) else {
            return;
        };
        let found = self.findings(uri, &doc.text);
        let current = self
            .docs
            .lock()
            .ok()
            .and_then(|d| d.get(uri).map(|d| d.version));
        if current != Some(doc.version) {
            return;
        }
        let root = self.root_for(uri);
        let items = convert::diagnostics(&found, &doc.text, &root, self.encoding);
        if let Ok(mut published) = self.published.lock() {
            published.insert(uri.to_string(), (doc.version, found));
        }
        self.notify(
            "textDocument/publishDiagnostics",
            json!({ "uri": uri, "version": doc.version, "diagnostics": items }),
        );
    }
}
