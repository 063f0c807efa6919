//! `structlint lsp` driven through its stdio with JSON-RPC messages, as an editor would.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::workspace;
use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(root: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_structlint"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("structlint lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (send, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some(v) = line.trim().strip_prefix("Content-Length: ") {
                        length = v.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                stdout.read_exact(&mut body).unwrap();
                if send
                    .send(serde_json::from_slice(&body).expect("the server writes JSON"))
                    .is_err()
                {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 1,
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        structlint_lsp::write_message(&mut self.stdin, &message).unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == json!(id))
    }

    /// The next message `accept` takes, skipping others; panics after 20 s.
    fn wait(&mut self, accept: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .expect("the expected message arrives");
            if accept(&message) {
                return message;
            }
        }
    }

    /// The next diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

fn initialize(client: &mut Client, root: &std::path::Path) {
    let root_uri = format!("file://{}", root.display());
    let result = client.request("initialize", json!({ "processId": null, "rootUri": root_uri, "capabilities": { "textDocument": { "diagnostic": {} } } }));
    assert_eq!(
        result["result"]["capabilities"]["positionEncoding"],
        "utf-16"
    );
    assert_eq!(
        result["result"]["capabilities"]["textDocumentSync"]["change"],
        2
    );
    client.notify("initialized", json!({}));
}

const LONG_LINES: usize = 12;

fn long_file() -> String {
    (0..LONG_LINES)
        .map(|i| format!("export const v{i} = {i};\n"))
        .collect()
}

#[test]
fn diagnostics_follow_edits_with_quick_fixes_hovers_and_a_clean_shutdown() {
    let dir = workspace(&[
        (
            "structlint.toml",
            b"[rules]\nmax-file-lines = { max = 10 }\n",
        ),
        ("src/a.ts", b""),
    ]);
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut client = Client::start(&root);
    assert_eq!(
        client.request("textDocument/hover", json!({}))["error"]["code"],
        -32002,
        "requests before initialize are refused"
    );
    initialize(&mut client, &root);
    let uri = format!("file://{}/src/a.ts", root.display());
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "typescript", "version": 1, "text": long_file() } }));
    let found = client.diagnostics(&uri, 1);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "max-file-lines");
    assert_eq!(found[0]["source"], "structlint");
    assert_eq!(found[0]["severity"], 1);
    assert_eq!(
        found[0]["range"]["start"],
        json!({ "line": 10, "character": 0 })
    );
    assert!(
        found[0]["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules/max-file-lines.md")
    );
    assert!(
        found[0]["message"].as_str().unwrap().contains("1. "),
        "the message carries the fix steps"
    );

    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 10, "character": 2 } }),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("**Why:**"),
        "{hover}"
    );
    let actions = client.request("textDocument/codeAction", json!({ "textDocument": { "uri": uri }, "range": found[0]["range"], "context": { "diagnostics": found } }));
    let titles: Vec<&str> = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Disable max-file-lines for this line"]);
    let insert = &actions["result"][0]["edit"]["changes"][&uri][0];
    assert_eq!(
        insert["newText"],
        "// structlint-disable-next-line max-file-lines -- <reason>\n"
    );

    // An incremental edit that deletes the last two lines fixes it; out-of-range positions clamp.
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": { "start": { "line": 10, "character": 0 }, "end": { "line": 999, "character": 0 } }, "text": "" }] }));
    assert_eq!(client.diagnostics(&uri, 2), Vec::<Value>::new());
    let pulled = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(pulled["result"], json!({ "kind": "full", "items": [] }));

    assert_eq!(
        client.request("workspace/symbol", json!({ "query": "x" }))["error"]["code"],
        -32601
    );
    client.raw(b"Content-Length: 9\r\n\r\n{not json");
    let error = client.wait(|m| m["error"]["code"] == -32700);
    assert_eq!(error["id"], Value::Null);
    assert_eq!(
        client.request("shutdown", Value::Null)["result"],
        Value::Null
    );
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn workspace_rules_and_config_errors_reach_the_editor() {
    let dir = workspace(&[
        ("structlint.toml", b"rule-files = [\"rules/*.toml\"]\n"),
        ("rules/team.toml", b"[[rule]]\nid = \"no-sleep\"\nlanguage = \"typescript\"\nmessage = \"no sleep\"\npattern = \"sleep($X)\"\n"),
        ("pnpm-workspace.yaml", b"packages:\n  - packages/*\n"),
        ("packages/a/package.json", br#"{ "name": "@x/a", "dependencies": { "@x/b": "workspace:*" } }"#),
        ("packages/a/src/index.ts", b"import { y } from '@x/b/src/internal';\nsleep(1);\n"),
        ("packages/b/package.json", br#"{ "name": "@x/b" }"#),
        ("packages/b/src/index.ts", b"export const x = 1;\n"),
        ("packages/b/src/internal.ts", b"export const y = 1;\n"),
    ]);
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut client = Client::start(&root);
    initialize(&mut client, &root);
    let uri = format!("file://{}/packages/a/src/index.ts", root.display());
    let text = std::fs::read_to_string(root.join("packages/a/src/index.ts")).unwrap();
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "typescript", "version": 1, "text": text } }));
    // The per-file findings come first; the workspace scan adds package-privacy.
    let codes = |found: &[Value]| {
        found
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let mut found = client.diagnostics(&uri, 1);
    if !codes(&found).contains(&"package-privacy".to_string()) {
        found = client.diagnostics(&uri, 1);
    }
    assert_eq!(codes(&found), ["package-privacy", "no-sleep"], "{found:?}");

    std::fs::write(
        root.join("rules/team.toml"),
        "[[rule]]\nid = \"no-sleep\"\nlanguage = \"typescript\"\nmesage = \"x\"\n",
    )
    .unwrap();
    let config_uri = format!("file://{}/rules/team.toml", root.display());
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let shown = client.wait(|m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `mesage`"),
        "{shown}"
    );
    let bad = client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("rules/team.toml"))
    });
    assert_eq!(
        bad["params"]["diagnostics"][0]["range"]["start"]["line"], 3,
        "{bad}"
    );
    client.notify("exit", Value::Null);
    assert_eq!(
        client.child.wait().unwrap().code(),
        Some(1),
        "exit without shutdown"
    );
}

#[test]
fn each_workspace_folder_is_checked_with_its_own_config() {
    let dir = workspace(&[
        (
            "strict/structlint.toml",
            b"[rules]\nmax-file-lines = { max = 10 }\n",
        ),
        ("strict/a.ts", b""),
        (
            "lenient/structlint.toml",
            b"[rules]\nmax-file-lines = { max = 100 }\n",
        ),
        ("lenient/a.ts", b""),
    ]);
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut client = Client::start(&root);
    let folder =
        |name: &str| json!({ "uri": format!("file://{}/{name}", root.display()), "name": name });
    client.request("initialize", json!({ "processId": null, "workspaceFolders": [folder("strict"), folder("lenient")], "capabilities": {} }));
    client.notify("initialized", json!({}));
    for (name, expected) in [("strict", 1), ("lenient", 0)] {
        let uri = format!("file://{}/{name}/a.ts", root.display());
        client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "typescript", "version": 1, "text": long_file() } }));
        assert_eq!(client.diagnostics(&uri, 1).len(), expected, "{name}");
    }
    client.notify("exit", Value::Null);
    let _ = client.child.wait();
}
