//! FIFOs and devices where files are expected: a repository can commit a FIFO as a source
//! file or a `.gitignore`, or link a source file to `/dev/zero`. Opening a FIFO blocks until a
//! writer comes and a device never ends, so none of them may be read; every run finishes.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;

use common::{Run, finished, structlint_within, workspace};

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// `structlint <args>` in `cwd`, killed at the deadline: a hang fails the test, not CI.
fn structlint_bounded(cwd: &Path, args: &[&str]) -> Run {
    finished(
        structlint_within(cwd, args),
        &format!("structlint {args:?}"),
    )
}

#[test]
fn a_fifo_source_file_is_skipped_and_a_fifo_named_on_the_command_line_is_an_error() {
    let dir = workspace(&[("a.ts", b"export const a = 1;\n")]);
    mkfifo(&dir.path().join("b.ts"));
    let run = structlint_bounded(dir.path(), &["check", "."]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = structlint_bounded(dir.path(), &["check", "b.ts"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("b.ts is not a regular file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_source_file_linked_to_a_device_is_never_read() {
    let dir = workspace(&[("a.ts", b"export const a = 1;\n")]);
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("z.ts")).unwrap();
    let run = structlint_bounded(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = structlint_bounded(dir.path(), &["check", "z.ts"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_fifo_gitignore_is_an_error_at_the_root_and_a_note_below_it() {
    let dir = workspace(&[
        ("a.ts", b"export const a = 1;\n"),
        ("sub/b.ts", b"export const b = 1;\n"),
    ]);
    mkfifo(&dir.path().join("sub/.gitignore"));
    let run = structlint_bounded(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("not walked: its .gitignore"),
        "{}",
        run.stdout
    );
    mkfifo(&dir.path().join(".gitignore"));
    let run = structlint_bounded(dir.path(), &["check", "."]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(".gitignore is not a regular file"),
        "{}",
        run.stderr
    );
}
