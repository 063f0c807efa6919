//! Runs the built `structlint` binary the way a user would.
#![allow(dead_code)]

pub mod lsp;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The repository root: fixtures are found from here and paths print relative to it.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `structlint <args>` in `cwd`, with a clean environment for colours and width.
pub fn structlint(cwd: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_structlint"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .output()
        .expect("the structlint binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A temporary workspace with `files` (path, contents) written into it.
pub fn workspace(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (path, contents) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    dir
}

/// Copies the files and folders under `from` to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        // A checkout's links may point anywhere; the copies need the files, not the links.
        if kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the folder `from`, see [`copy_dir`].
pub fn copy_tree(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    copy_dir(from, dir.path());
    dir
}

/// A TypeScript file of `n` short lines.
pub fn lines(n: usize) -> Vec<u8> {
    (0..n)
        .map(|i| format!("export const v{i} = {i};\n"))
        .collect::<String>()
        .into_bytes()
}

/// Far above what these runs take (well under a second each), far below a hung CI job.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// `structlint <args>` in `cwd`, killed at the deadline; `None` when it had to be killed.
pub fn structlint_within(cwd: &Path, args: &[&str]) -> Option<Run> {
    structlint_within_env(cwd, args, &[])
}

/// [`structlint_within`] with `env` set (such as `RAYON_NUM_THREADS`).
pub fn structlint_within_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Option<Run> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_structlint"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the structlint binary runs");
    // Pipes are drained on threads: a run that prints much would block on a full pipe.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait on structlint") {
            break Some(status);
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    status.map(|status| Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
    })
}

/// The run of [`structlint_within`], or a failure naming `what` when it had to be killed.
pub fn finished(run: Option<Run>, what: &str) -> Run {
    run.unwrap_or_else(|| panic!("{what}: still running after {DEADLINE:?}, killed"))
}

/// The keys a config text's one unknown key could have been: the error for it lists them.
pub fn keys_named_by_error(text: &str) -> std::collections::BTreeSet<String> {
    let path = std::path::Path::new("structlint.toml");
    let error = match structlint::Config::parse(path, text, structlint::builtin_rules()) {
        Ok(_) => panic!("an unknown key was accepted in {text}"),
        Err(error) => error.to_string(),
    };
    let expected = error.split("expected").nth(1).unwrap_or("");
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}
