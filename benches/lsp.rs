//! Editor latency of `structlint lsp`: the time from a `didChange` to the
//! `publishDiagnostics` of that version, for a 350-line TypeScript file with every built-in
//! rule and the shipped TOML rules of `rules/` on, over 200 edits (median and p95).
//!
//! `cargo bench --bench lsp [-- --edits N]`

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::{Value, json};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let edits: usize = args
        .iter()
        .position(|a| a == "--edits")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    copy_rules(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &root.join("rules"),
    );
    std::fs::write(
        root.join("structlint.toml"),
        "rule-files = [\"rules/**/*.toml\"]\n",
    )
    .expect("config");
    std::fs::create_dir_all(root.join("src")).expect("src");
    let text = source(350);
    std::fs::write(root.join("src/invoices.ts"), &text).expect("file");

    let mut child = Command::new(env!("CARGO_BIN_EXE_structlint"))
        .arg("lsp")
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("structlint lsp starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let uri = format!("file://{}/src/invoices.ts", root.display());
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "rootUri": format!("file://{}", root.display()), "capabilities": {} } }),
    );
    wait(&mut stdout, |m| m["id"] == 1);
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
    );
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": uri, "languageId": "typescript", "version": 0, "text": text } } }),
    );
    let first = wait(&mut stdout, |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 0
    });
    let findings = first["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);

    let mut samples = Vec::with_capacity(edits);
    for version in 1..=edits as i64 {
        // Type one character into the comment on the first line.
        let edit = json!({ "range": { "start": { "line": 0, "character": 3 }, "end": { "line": 0, "character": 3 } }, "text": "x" });
        let start = Instant::now();
        send(
            &mut stdin,
            json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": { "textDocument": { "uri": uri, "version": version }, "contentChanges": [edit] } }),
        );
        wait(&mut stdout, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["version"] == json!(version)
        });
        samples.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null }),
    );
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "method": "exit", "params": null }),
    );
    let _ = child.wait();
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!(
        "didChange → publishDiagnostics, {} lines, {findings} findings, {edits} edits (includes the 5 ms debounce)",
        text.lines().count()
    );
    println!(
        "| median | p95 | max |\n| --- | --- | --- |\n| {:.1} ms | {:.1} ms | {:.1} ms |",
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

fn send(stdin: &mut impl Write, message: Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
    stdin.flush().expect("flush");
}

fn wait(stdout: &mut impl BufRead, accept: impl Fn(&Value) -> bool) -> Value {
    loop {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                stdout.read_line(&mut line).expect("read") > 0,
                "the server closed its output"
            );
            if line.trim().is_empty() {
                break;
            }
            if let Some(v) = line.trim().strip_prefix("Content-Length: ") {
                length = v.parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).expect("a body");
        let message: Value = serde_json::from_slice(&body).expect("JSON");
        if accept(&message) {
            return message;
        }
    }
}

fn copy_rules(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("rules directory");
    for entry in std::fs::read_dir(from).expect("rules/").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_rules(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

/// A TypeScript module of `lines` lines: a service with methods that fetch, await in loops
/// and log, so that rules have work to do.
fn source(lines: usize) -> String {
    let mut s = String::from(
        "// invoices service\nimport { withRetry } from \"./retry\";\n\nexport class InvoiceService {\n",
    );
    let mut i = 0;
    while s.lines().count() + 12 < lines {
        s.push_str(&format!(
            "  async load{i}(ids: string[]): Promise<number> {{\n    let total = 0;\n    for (const id of ids) {{\n      const response = await withRetry(() => fetch(`/invoices/${{id}}?page={i}`));\n      const body: unknown = await response.json();\n      total += Number((body as {{ total: number }}).total);\n    }}\n    console.log(\"loaded\", total);\n    return total;\n  }}\n\n"
        ));
        i += 1;
    }
    s.push_str("}\n");
    while s.lines().count() < lines {
        s.push_str("// padding\n");
    }
    s
}
