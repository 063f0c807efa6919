//! What current clients saw go wrong: every finding twice (pushed and pulled), workspace
//! findings at shifted places after an edit, and a broken config unnoticed when the client
//! watches no files.

mod common;

use std::time::{Duration, Instant};

use common::lsp::Client;
use common::workspace;
use serde_json::{Value, json};

/// A workspace whose `packages/a/src/index.ts` imports another package's internal file on its
/// first line: a package-privacy finding, which only the background workspace run reports.
fn privacy_workspace() -> tempfile::TempDir {
    workspace(&[
        ("structlint.toml", b"[rules]\n"),
        ("pnpm-workspace.yaml", b"packages:\n  - packages/*\n"),
        (
            "packages/a/package.json",
            br#"{ "name": "@x/a", "dependencies": { "@x/b": "workspace:*" } }"#,
        ),
        (
            "packages/a/src/index.ts",
            b"import { y } from '@x/b/src/internal';\nexport const z = y;\n",
        ),
        ("packages/b/package.json", br#"{ "name": "@x/b" }"#),
        ("packages/b/src/index.ts", b"export const x = 1;\n"),
        ("packages/b/src/internal.ts", b"export const y = 1;\n"),
    ])
}

fn start(root: &std::path::Path, capabilities: Value) -> (Client, Value) {
    let mut client = Client::start(root);
    let root_uri = format!("file://{}", root.display());
    let result = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": root_uri, "capabilities": capabilities }),
    );
    client.notify("initialized", json!({}));
    (client, result["result"]["capabilities"].clone())
}

fn open(client: &mut Client, root: &std::path::Path, rel: &str) -> String {
    let uri = format!("file://{}/{rel}", root.display());
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "typescript", "version": 1, "text": text } }));
    uri
}

/// Publishes of `uri` until one holds `code`, at most 20 s.
fn until_reported(client: &mut Client, uri: &str, code: &str) -> Vec<Value> {
    loop {
        let m = client.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        let found = m["params"]["diagnostics"].as_array().unwrap().clone();
        if found.iter().any(|d| d["code"] == code) {
            return found;
        }
    }
}

#[test]
fn a_client_that_declares_pulling_without_refreshes_gets_pushes_only() {
    let dir = privacy_workspace();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    // What Neovim 0.11 declares: textDocument.diagnostic, no workspace.diagnostics.
    let (mut client, caps) = start(&root, json!({ "textDocument": { "diagnostic": {} } }));
    assert!(caps.get("diagnosticProvider").is_none(), "{caps}");
    let uri = open(&mut client, &root, "packages/a/src/index.ts");
    until_reported(&mut client, &uri, "package-privacy");
    client.notify("exit", Value::Null);
}

#[test]
fn a_client_that_pulls_and_refreshes_gets_no_pushes() {
    let dir = privacy_workspace();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let caps = json!({ "textDocument": { "diagnostic": {} }, "workspace": { "diagnostics": { "refreshSupport": true } } });
    let (mut client, caps) = start(&root, caps);
    assert_eq!(caps["diagnosticProvider"]["identifier"], "structlint");
    let uri = open(&mut client, &root, "packages/a/src/index.ts");
    let deadline = Instant::now() + Duration::from_secs(20);
    // Pull until the background run has the workspace finding; the server asks for a pull
    // again when it has it. Nothing is pushed for the document meanwhile.
    loop {
        assert!(
            Instant::now() < deadline,
            "the workspace finding never came"
        );
        let pulled = client.request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": uri } }),
        );
        let items = pulled["result"]["items"].as_array().unwrap().clone();
        if items.iter().any(|d| d["code"] == "package-privacy") {
            break;
        }
        let refresh = client.wait(|m| {
            m["method"] == "workspace/diagnostic/refresh"
                || m["method"] == "textDocument/publishDiagnostics"
        });
        assert_eq!(
            refresh["method"], "workspace/diagnostic/refresh",
            "{refresh}"
        );
        client.send(json!({ "jsonrpc": "2.0", "id": refresh["id"], "result": null }));
    }
    client.notify("exit", Value::Null);
}

#[test]
fn workspace_findings_move_with_an_edit_and_never_show_at_a_stale_place() {
    let dir = privacy_workspace();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let (mut client, _) = start(&root, json!({}));
    let uri = open(&mut client, &root, "packages/a/src/index.ts");
    let found = until_reported(&mut client, &uri, "package-privacy");
    let line = |found: &[Value]| {
        found
            .iter()
            .find(|d| d["code"] == "package-privacy")
            .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
    };
    assert_eq!(line(&found), Some(0));
    // A line typed above the import: the very next publish has it one line down.
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "// hello\n" }] }));
    assert_eq!(line(&client.diagnostics(&uri, 2)), Some(1));
    // Typing inside the import's specifier: held back until the next run says where it is.
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "range": { "start": { "line": 1, "character": 26 }, "end": { "line": 1, "character": 26 } }, "text": "x" }] }));
    assert_eq!(line(&client.diagnostics(&uri, 3)), None);
    client.notify("exit", Value::Null);
}

#[test]
fn a_broken_config_is_seen_and_kept_shown_when_the_client_watches_no_files() {
    let dir = privacy_workspace();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    // No workspace.didChangeWatchedFiles: the server watches the config itself.
    let (mut client, _) = start(&root, json!({}));
    let uri = open(&mut client, &root, "packages/a/src/index.ts");
    until_reported(&mut client, &uri, "package-privacy");
    let config_uri = format!("file://{}/structlint.toml", root.display());
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": config_uri, "languageId": "toml", "version": 1, "text": "[rules]\n" } }));
    std::fs::write(
        root.join("structlint.toml"),
        "[rules]\npackage-privacy = \"loud\"\n",
    )
    .unwrap();
    let shown = client.wait(|m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("package-privacy"),
        "{shown}"
    );
    // The open TOML buffer gets the error, and no later publish of it wipes it while the
    // config stays broken.
    let bad = client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == config_uri
    });
    assert_eq!(
        bad["params"]["diagnostics"][0]["range"]["start"]["line"], 1,
        "{bad}"
    );
    let quiet_until = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < quiet_until {
        let Some(m) = client.next_within(quiet_until - Instant::now()) else {
            break;
        };
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == config_uri {
            assert_eq!(
                m["params"]["diagnostics"].as_array().unwrap().len(),
                1,
                "wiped: {m}"
            );
        }
    }
    // Fixed on disk: the error goes, and the new config applies.
    std::fs::write(
        root.join("structlint.toml"),
        "[rules]\npackage-privacy = \"off\"\n",
    )
    .unwrap();
    client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri
            && m["params"]["diagnostics"] == json!([])
    });
    loop {
        let m = client.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        if m["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"] != "package-privacy")
        {
            break;
        }
    }
    client.notify("exit", Value::Null);
}
