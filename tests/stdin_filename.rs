//! `check --stdin-filename PATH`: the buffer on stdin is checked as that file.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::Run;

const REPO_FILE: &str = "packages/billing/src/repo/invoice-repo.ts";

fn with_stdin(cwd: &Path, args: &[&str], input: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_structlint"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A usage error exits before reading stdin; the closed pipe is not the test's failure.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn fixture() -> std::path::PathBuf {
    common::repo().join("fixtures/ts-monorepo")
}

#[test]
fn the_buffer_not_the_disk_is_checked_by_file_and_workspace_rules() {
    let root = fixture();
    let on_disk = std::fs::read_to_string(root.join(REPO_FILE)).unwrap();
    let clean = with_stdin(&root, &["check", "--stdin-filename", REPO_FILE], &on_disk);
    assert!(
        !clean.stdout.contains("[layers]") && !clean.stdout.contains("new Date"),
        "{}",
        clean.stdout
    );

    let buffer = format!(
        "import {{ invoiceTotalCents }} from \"../service/invoice-service\";\n{on_disk}export const stampedAt = () => new Date().toISOString();\n"
    );
    let run = with_stdin(
        &root,
        &["check", "--stdin-filename", REPO_FILE, "--format", "json"],
        &buffer,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = document["diagnostics"].as_array().unwrap();
    let rules: Vec<&str> = findings
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"layers"),
        "a workspace rule sees the buffer: {rules:?}"
    );
    assert!(rules.contains(&"acme-clock-through-provider"), "{rules:?}");
    assert!(
        findings.iter().all(|d| d["path"] == REPO_FILE),
        "{findings:#?}"
    );

    let human = with_stdin(&root, &["check", "--stdin-filename", REPO_FILE], &buffer);
    assert!(
        human.stdout.contains("stampedAt"),
        "snippets quote the buffer: {}",
        human.stdout
    );
}

#[test]
fn a_file_not_yet_written_gets_the_per_file_rules() {
    let run = with_stdin(
        &fixture(),
        &[
            "check",
            "--stdin-filename",
            "packages/billing/src/repo/new-file.ts",
        ],
        "export const at = () => new Date();\n",
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("acme-clock-through-provider"),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_names_and_input_are_errors() {
    let root = fixture();
    let run = with_stdin(&root, &["check", "--stdin-filename", "notes.txt"], "x");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("TypeScript"), "{}", run.stderr);
    let run = with_stdin(
        &root,
        &["check", "--stdin-filename", REPO_FILE, "packages"],
        "x",
    );
    assert_eq!(run.code, 2, "no paths besides the buffer");
}

/// A buffer from stdin has no file to write: `--fix` with it is a usage error, not a silent
/// check that fixes nothing.
#[test]
fn fix_with_a_buffer_from_stdin_is_a_usage_error() {
    let root = fixture();
    let run = with_stdin(
        &root,
        &["check", "--stdin-filename", REPO_FILE, "--fix"],
        "export const a = 1;\n",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--fix cannot write a buffer read from stdin"),
        "{}",
        run.stderr
    );
}
