//! The main loop: owns the protocol state, answers requests, and hands linting to the workers.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use serde_json::{Value, json};

use crate::convert;
use crate::document::{Document, Encoding, offset};
use crate::state::Shared;
use crate::uri::uri_to_path;
use crate::watch::ConfigWatch;
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
    let caps = &params["capabilities"];
    // Pull only when the client can also be told to pull again: workspace findings arrive in
    // the background. Neovim 0.11 declares pulling without refreshes and gets pushes.
    let pull = caps["textDocument"]["diagnostic"].is_object()
        && caps["workspace"]["diagnostics"]["refreshSupport"] == json!(true);
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
        pull,
        snippets: caps["workspace"]["workspaceEdit"]["snippetEditSupport"] == json!(true),
        folders,
        docs: Mutex::new(HashMap::new()),
        linters: RwLock::new(Vec::new()),
        workspace: Mutex::new(HashMap::new()),
        published: Mutex::new(HashMap::new()),
        config_errors: Mutex::new(HashMap::new()),
        requests: AtomicU64::new(0),
    });
    let workers = worker::spawn(Arc::clone(&shared));
    let (reload, reloads) = unbounded::<()>();
    let client_watches =
        caps["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"] == json!(true);
    let mut server = Server {
        shared,
        workers,
        shutdown: false,
        watch: (!client_watches)
            .then(|| ConfigWatch::start(reload))
            .flatten(),
    };
    server.reload();
    if client_watches {
        let watchers =
            json!([{ "globPattern": "**/structlint.toml" }, { "globPattern": "**/*.toml" }]);
        let registration = json!({ "registrations": [{ "id": "structlint-config", "method": "workspace/didChangeWatchedFiles", "registerOptions": { "watchers": watchers } }] });
        let _ = out.send(Message::Request(Request::new(
            "structlint/register".to_string().into(),
            "client/registerCapability".to_string(),
            registration,
        )));
    }
    loop {
        let message = crossbeam_channel::select! {
            recv(incoming) -> message => match message {
                Ok(message) => message,
                Err(_) => break,
            },
            recv(reloads) -> _ => {
                // One reload for a burst of events: an editor's save is several.
                while reloads.recv_timeout(RELOAD_DEBOUNCE).is_ok() {}
                server.reload();
                continue;
            }
        };
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

/// How long the config files must stay unchanged before they are read again.
const RELOAD_DEBOUNCE: Duration = Duration::from_millis(50);

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
    /// Our own watch of the config files, when the client does not watch them for us.
    watch: Option<ConfigWatch>,
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
                // A pulling client asks for the document's diagnostics itself.
                if !self.shared.pull {
                    let _ = self.workers.lint.send(uri);
                }
            }
            "textDocument/didChange" => {
                let version = p["textDocument"]["version"].as_i64().unwrap_or(0);
                if let Ok(mut docs) = self.shared.docs.lock()
                    && let Some(doc) = docs.get_mut(&uri)
                    && version >= doc.version
                {
                    for change in p["contentChanges"].as_array().into_iter().flatten() {
                        let change = doc.apply(change, self.shared.encoding);
                        self.shared.follow_edit(&uri, &change);
                    }
                    doc.version = version;
                }
                if !self.shared.pull {
                    let _ = self.workers.lint.send(uri);
                }
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
        if let Some(watch) = &mut self.watch {
            watch.cover(&self.shared.folders, &self.shared.linters());
        }
        let _ = self.workers.workspace.send(());
        self.shared.relint_open(&self.workers.lint);
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
            .flat_map(|(d, l)| {
                convert::code_actions(d, uri, &text, l, encoding, self.shared.snippets)
            })
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
        let doc = self
            .shared
            .docs
            .lock()
            .ok()
            .and_then(|d| d.get(uri).cloned());
        let Some(doc) = doc else {
            return json!({ "kind": "full", "items": [] });
        };
        let items = self.shared.items(uri, &doc.text, doc.version);
        json!({ "kind": "full", "items": items })
    }
}
