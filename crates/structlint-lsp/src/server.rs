//! The main loop: owns the protocol state, answers requests, and hands linting to the workers.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use serde_json::{Value, json};

use crate::convert;
use crate::document::{Document, Encoding, offset};
use crate::state::Shared;
use crate::uri::uri_to_path;
use crate::worker::{self, Workers};

/// Serves one client until `exit`; the result is the process exit code (0 after `shutdown`).
pub(crate) fn serve(out: Sender<Message>, incoming: Receiver<Message>) -> i32 {
    let Some((id, params)) = wait_for_initialize(&out, &incoming) else {
        return 1;
    };
    let encodings = params["capabilities"]["general"]["positionEncodings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let encoding = if encodings.iter().any(|e| e == "utf-8") {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let pull = params["capabilities"]["textDocument"]["diagnostic"].is_object();
    // Every workspace folder has its own config; without folders, the root or the directory
    // the server started in.
    let mut folders: Vec<PathBuf> = params["workspaceFolders"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| uri_to_path(f["uri"].as_str()?))
        .collect();
    if folders.is_empty() {
        folders.extend(
            params["rootUri"]
                .as_str()
                .and_then(uri_to_path)
                .or_else(|| std::env::current_dir().ok()),
        );
    }
    let mut capabilities = json!({
        "positionEncoding": encoding.name(),
        "textDocumentSync": { "openClose": true, "change": 2, "save": { "includeText": false } },
        "codeActionProvider": { "codeActionKinds": ["quickfix"] },
        "hoverProvider": true,
    });
    if pull {
        capabilities["diagnosticProvider"] = json!({ "identifier": "structlint", "interFileDependencies": true, "workspaceDiagnostics": false });
    }
    let _ = out.send(Message::Response(Response::new_ok(id, json!({ "capabilities": capabilities, "serverInfo": { "name": "structlint", "version": env!("CARGO_PKG_VERSION") } }))));
    let shared = Arc::new(Shared {
        out: out.clone(),
        encoding,
        folders,
        docs: Mutex::new(HashMap::new()),
        linters: RwLock::new(Vec::new()),
        workspace: Mutex::new(HashMap::new()),
        published: Mutex::new(HashMap::new()),
    });
    let workers = worker::spawn(Arc::clone(&shared));
    let mut server = Server {
        shared,
        workers,
        shutdown: false,
    };
    server.reload();
    if params["capabilities"]["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"]
        == json!(true)
    {
        let watchers =
            json!([{ "globPattern": "**/structlint.toml" }, { "globPattern": "**/*.toml" }]);
        let registration = json!({ "registrations": [{ "id": "structlint-config", "method": "workspace/didChangeWatchedFiles", "registerOptions": { "watchers": watchers } }] });
        let _ = out.send(Message::Request(Request::new(
            "structlint/register".to_string().into(),
            "client/registerCapability".to_string(),
            registration,
        )));
    }
    for message in &incoming {
        match message {
            Message::Request(request) => server.request(request),
            Message::Notification(n) if n.method == "exit" => {
                return if server.shutdown { 0 } else { 1 };
            }
            Message::Notification(n) => server.notification(&n),
            Message::Response(_) => {}
        }
    }
    if server.shutdown { 0 } else { 1 }
}

/// Answers everything but `initialize` with an error until it comes.
fn wait_for_initialize(
    out: &Sender<Message>,
    incoming: &Receiver<Message>,
) -> Option<(lsp_server::RequestId, Value)> {
    for message in incoming {
        match message {
            Message::Request(r) if r.method == "initialize" => return Some((r.id, r.params)),
            Message::Request(r) => {
                let _ = out.send(Message::Response(Response::new_err(
                    r.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized".into(),
                )));
            }
            Message::Notification(n) if n.method == "exit" => return None,
            _ => {}
        }
    }
    None
}

struct Server {
    shared: Arc<Shared>,
    workers: Workers,
    shutdown: bool,
}

impl Server {
    fn request(&mut self, r: Request) {
        let result = match r.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/codeAction" => Ok(self.code_actions(&r.params)),
            "textDocument/hover" => Ok(self.hover(&r.params)),
            "textDocument/diagnostic" => Ok(self.pull(&r.params)),
            method => Err((
                ErrorCode::MethodNotFound,
                format!("structlint does not handle `{method}`"),
            )),
        };
        let response = match result {
            Ok(value) => Response::new_ok(r.id, value),
            Err((code, message)) => Response::new_err(r.id, code as i32, message),
        };
        let _ = self.shared.out.send(Message::Response(response));
    }

    fn notification(&mut self, n: &Notification) {
        let p = &n.params;
        let uri = p["textDocument"]["uri"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let (Some(text), Some(version)) = (
                    p["textDocument"]["text"].as_str(),
                    p["textDocument"]["version"].as_i64(),
                ) else {
                    return;
                };
                if let Ok(mut docs) = self.shared.docs.lock() {
                    docs.insert(
                        uri.clone(),
                        Document {
                            text: text.to_string(),
                            version,
                        },
                    );
                }
                let _ = self.workers.lint.send(uri);
            }
            "textDocument/didChange" => {
                let version = p["textDocument"]["version"].as_i64().unwrap_or(0);
                if let Ok(mut docs) = self.shared.docs.lock()
                    && let Some(doc) = docs.get_mut(&uri)
                    && version >= doc.version
                {
                    for change in p["contentChanges"].as_array().into_iter().flatten() {
                        doc.apply(change, self.shared.encoding);
                    }
                    doc.version = version;
                }
                let _ = self.workers.lint.send(uri);
                // Workspace rules see the edited text too, once the scan catches up.
                let _ = self.workers.workspace.send(());
            }
            "textDocument/didSave" if uri.ends_with(".toml") => self.reload(),
            "textDocument/didSave" => {
                let _ = self.workers.workspace.send(());
            }
            "textDocument/didClose" => {
                if let Ok(mut docs) = self.shared.docs.lock() {
                    docs.remove(&uri);
                }
                self.shared.notify(
                    "textDocument/publishDiagnostics",
                    json!({ "uri": uri, "diagnostics": [] }),
                );
            }
            "workspace/didChangeWatchedFiles" => {
                let changes = p["changes"].as_array().cloned().unwrap_or_default();
                if changes
                    .iter()
                    .any(|c| c["uri"].as_str().is_some_and(|u| u.ends_with(".toml")))
                {
                    self.reload();
                } else {
                    let _ = self.workers.workspace.send(());
                }
            }
            _ => {}
        }
    }

    /// Loads every folder's config and rules again and relints the open documents.
    fn reload(&mut self) {
        crate::reload::reload(&self.shared);
        let _ = self.workers.workspace.send(());
        let open: Vec<String> = self
            .shared
            .docs
            .lock()
            .map(|d| d.keys().cloned().collect())
            .unwrap_or_default();
        for uri in open {
            let _ = self.workers.lint.send(uri);
        }
    }

    /// The published findings of a document and its text, if it is open.
    fn published(&self, uri: &str) -> Option<(String, Vec<structlint_core::Diagnostic>)> {
        let text = self.shared.docs.lock().ok()?.get(uri)?.text.clone();
        let found = self.shared.published.lock().ok()?.get(uri)?.1.clone();
        Some((text, found))
    }

    fn code_actions(&self, p: &Value) -> Value {
        let uri = p["textDocument"]["uri"].as_str().unwrap_or_default();
        let Some((text, found)) = self.published(uri) else {
            return json!([]);
        };
        let encoding = self.shared.encoding;
        let (start, end) = (
            offset(&text, &p["range"]["start"], encoding),
            offset(&text, &p["range"]["end"], encoding),
        );
        let root = self.shared.root_for(uri);
        let hits: Vec<structlint_core::Diagnostic> = found
            .into_iter()
            .filter(|d| d.span.start <= end && start <= d.span.end)
            .collect();
        let lsp = convert::diagnostics(&hits, &text, &root, encoding);
        let actions: Vec<Value> = hits
            .iter()
            .zip(&lsp)
            .flat_map(|(d, l)| convert::code_actions(d, uri, &text, l, encoding))
            .collect();
        Value::Array(actions)
    }

    fn hover(&self, p: &Value) -> Value {
        let uri = p["textDocument"]["uri"].as_str().unwrap_or_default();
        let Some((text, found)) = self.published(uri) else {
            return Value::Null;
        };
        let at = offset(&text, &p["position"], self.shared.encoding);
        let hits: Vec<&structlint_core::Diagnostic> = found
            .iter()
            .filter(|d| d.span.start <= at && at <= d.span.end)
            .collect();
        if hits.is_empty() {
            return Value::Null;
        }
        let markdown = hits
            .iter()
            .map(|d| convert::hover_markdown(d))
            .collect::<Vec<_>>()
            .join("\n---\n\n");
        json!({ "contents": { "kind": "markdown", "value": markdown }, "range": crate::document::range(&text, hits[0].span.start, hits[0].span.end, self.shared.encoding) })
    }

    fn pull(&self, p: &Value) -> Value {
        let uri = p["textDocument"]["uri"].as_str().unwrap_or_default();
        let text = self
            .shared
            .docs
            .lock()
            .ok()
            .and_then(|d| d.get(uri).map(|d| d.text.clone()));
        let Some(text) = text else {
            return json!({ "kind": "full", "items": [] });
        };
        let root = self.shared.root_for(uri);
        let items = convert::diagnostics(
            &self.shared.findings(uri, &text),
            &text,
            &root,
            self.shared.encoding,
        );
        json!({ "kind": "full", "items": items })
    }
}
