//! FIFOs and devices where files are expected: a repository can commit a FIFO as a source
//! file or a `.gitignore`, or link a source file to `/dev/zero`. Opening a FIFO blocks until a
//! writer comes and a device never ends, so none of them may be read; every run finishes.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, workspace};

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// `structlint <args>` in `cwd`, killed after 20 seconds: a hang fails the test, not CI.
fn structlint_bounded(cwd: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_structlint"))
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("structlint {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
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
