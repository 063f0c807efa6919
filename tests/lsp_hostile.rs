//! `structlint lsp` fed what a broken or hostile client might send: bad framing, huge and
//! deeply nested documents. The server logs, answers and goes on.

mod common;

use common::lsp::{Client, initialize};
use common::workspace;
use serde_json::{Value, json};

/// The server still answers: a hover on a document that is not open is `null`.
fn answers(client: &mut Client) -> bool {
    let hover = json!({ "textDocument": { "uri": "file:///nowhere.ts" }, "position": { "line": 0, "character": 0 } });
    client.request("textDocument/hover", hover)["result"] == Value::Null
}

#[test]
fn a_bad_header_is_a_framing_error_and_the_stream_resyncs_on_the_next_one() {
    let dir = workspace(&[("a.ts", b"export const a = 1;\n")]);
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut client = Client::start(&root);
    initialize(&mut client, &root);
    let body = br#"{"jsonrpc":"2.0","method":"$/ignored"}"#;
    for header in [
        b"Content-Type: application/json\r\n".as_slice(),
        b"Content-Length: abc\r\n",
        b"Content-Length: -5\r\n",
        b"Content-Length: 1180591620717411303424\r\n",
        b"Content-Length: 67108865\r\n",
        b"Content-Length: 5\xff\r\n",
    ] {
        client.raw(&[header, b"\r\n", body].concat());
        assert!(answers(&mut client), "{}", String::from_utf8_lossy(header));
    }
    let framing = "structlint lsp: framing error: ";
    let stderr = client.stderr_when(|s| s.matches(framing).count() >= 6);
    assert_eq!(stderr.matches(framing).count(), 6, "{stderr}");
    assert!(
        stderr.contains("framing error: `Content-Length: abc` is not a length in bytes; skipping to the next `Content-Length` header"),
        "{stderr}"
    );
    assert_eq!(
        client.request("shutdown", Value::Null)["result"],
        Value::Null
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));
}

#[test]
fn deeply_nested_rust_in_an_open_document_does_not_bring_the_server_down() {
    let deep = format!("type T = {}u8{};\n", "Vec<".repeat(247), ">".repeat(247));
    let dir = workspace(&[
        (
            "Cargo.toml",
            b"[package]\nname = \"deep\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
        ),
        ("src/lib.rs", deep.as_bytes()),
    ]);
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut client = Client::start(&root);
    initialize(&mut client, &root);
    let uri = format!("file://{}/src/lib.rs", root.display());
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "rust", "version": 1, "text": deep } }),
    );
    client.diagnostics(&uri, 1);
    // The workspace rules (package-privacy reads syn facts) run after a pause in the typing.
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri } }),
    );
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(answers(&mut client), "{}", client.stderr());
    client.notify("exit", Value::Null);
    let _ = client.child.wait();
}

#[test]
fn a_document_over_the_size_limit_gets_one_finding_that_says_so() {
    let dir = workspace(&[
        (
            "structlint.toml",
            b"[files]\nmax-file-size = 1000\n[rules]\nmax-file-lines = { max = 10 }\n",
        ),
        ("src/a.ts", b""),
    ]);
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut client = Client::start(&root);
    initialize(&mut client, &root);
    let uri = format!("file://{}/src/a.ts", root.display());
    let text = "export const value = 1;\n".repeat(200);
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "typescript", "version": 1, "text": text } }));
    let found = client.diagnostics(&uri, 1);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "max-file-size");
    assert_eq!(found[0]["severity"], 2);
    assert_eq!(
        found[0]["range"]["start"],
        json!({ "line": 0, "character": 0 })
    );
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "structlint does not lint this file: 4.7 KiB is over the size limit of 1000 bytes"
        ),
        "{message}"
    );
    let actions = client.request("textDocument/codeAction", json!({ "textDocument": { "uri": uri }, "range": found[0]["range"], "context": { "diagnostics": found } }));
    assert_eq!(actions["result"], json!([]), "no comment lifts the limit");
    // Back under the limit, the rules run again.
    let change = json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": "export const a = 1;\n".repeat(11) }] });
    client.notify("textDocument/didChange", change);
    let found = client.diagnostics(&uri, 2);
    assert_eq!(found[0]["code"], "max-file-lines", "{found:?}");
    client.notify("exit", Value::Null);
    let _ = client.child.wait();
}
