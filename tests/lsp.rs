//! `structlint lsp` driven through its stdio with JSON-RPC messages, as an editor would.

mod common;

use common::lsp::{Client, initialize};
use common::workspace;
use serde_json::{Value, json};

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
