//! A repository is untrusted input: CI runs structlint on pull requests. Nothing a checkout
//! commits (rule files, tsconfig, symlinks) may make structlint write outside the places it
//! was asked to write, or read and print files outside the workspace.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Run, structlint, workspace};

const SECRET: &str = "AWS_SECRET_ACCESS_KEY=hunter2-do-not-print";

const SLEEP_RULE: &str = r#"[[rule]]
id = "no-sleep-call"
language = "typescript"
message = "`{{match}}` waits a fixed time"
pattern = "sleep($MS)"

[[rule.tests]]
invalid = ["await sleep(100);"]
"#;

/// A source test whose workspace case names `key` as one of its files.
fn rule_with_test_file(key: &str) -> String {
    format!(
        r#"[[rule]]
id = "no-utils-folders"
kind = "files"
forbid = ["**/utils/**"]
message = "{{{{path}}}}: no utils folders"

[[rule.tests]]
expect = ["src/utils/x.ts:1"]

[rule.tests.files]
"src/utils/x.ts" = "export const x = 1;\n"
{key:?} = "pwned"
"#
    )
}

/// `structlint <args>` with `TMPDIR` set, so the test workspaces of `structlint test` are
/// created where the test can see what lands beside them.
fn structlint_with_tmpdir(cwd: &Path, tmpdir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_structlint"))
        .args(args)
        .current_dir(cwd)
        .env("TMPDIR", tmpdir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the structlint binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn test_files_keys_that_leave_the_test_workspace_are_rule_errors() {
    let outside = tempfile::tempdir().unwrap();
    let tmpdir = outside.path().join("tmp");
    std::fs::create_dir(&tmpdir).unwrap();
    let absolute = outside.path().join("home/.bashrc");
    let absolute = absolute.to_str().unwrap();
    for (key, written) in [
        ("../escape.txt", tmpdir.join("escape.txt")),
        ("src/../../escape.txt", tmpdir.join("escape.txt")),
        (absolute, absolute.into()),
    ] {
        let dir = workspace(&[("rules/team.toml", rule_with_test_file(key).as_bytes())]);
        let run = structlint_with_tmpdir(dir.path(), &tmpdir, &["test", "rules"]);
        assert_eq!(run.code, 2, "{key}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("team.toml") && run.stderr.contains("test workspace"),
            "{key}: {}",
            run.stderr
        );
        assert!(
            !written.exists(),
            "{key} was written to {}",
            written.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_rule_file_linked_outside_the_workspace_is_not_read_or_printed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("environ");
    std::fs::write(&secret, format!("{SECRET}\n[[rule]\n")).unwrap();
    let dir = workspace(&[
        ("structlint.toml", b"rule-files = [\"rules/team.toml\"]\n"),
        ("src/a.ts", b"export const a = 1;\n"),
    ]);
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("rules/team.toml")).unwrap();
    for args in [&["check"][..], &["test"]] {
        let run = structlint(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(
            !all.contains("hunter2"),
            "{args:?} printed the secret: {all}"
        );
        assert!(
            all.contains("rules/team.toml") && all.contains("outside the workspace"),
            "{args:?}: {all}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_config_file_linked_outside_the_workspace_is_not_printed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("environ");
    std::fs::write(&secret, format!("{SECRET}\n")).unwrap();
    let dir = workspace(&[("src/a.ts", b"export const a = 1;\n")]);
    std::os::unix::fs::symlink(&secret, dir.path().join("structlint.toml")).unwrap();
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    assert!(
        run.stderr.contains("outside the workspace"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn tsconfig_extends_outside_the_workspace_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("base.json"), SECRET).unwrap();
    std::fs::write(outside.path().join("outside.json"), SECRET).unwrap();
    let dir = outside.path().join("ws");
    for (path, text) in [
        ("structlint.toml", ""),
        ("tsconfig.json", "{ \"extends\": \"./base.json\" }"),
        (
            "packages/a/tsconfig.json",
            "{ \"extends\": \"../../../outside.json\" }",
        ),
        ("packages/a/src/a.ts", "import { b } from '@app/b';\n"),
        ("src/a.ts", "import { b } from '@app/b';\n"),
    ] {
        std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
        std::fs::write(dir.join(path), text).unwrap();
    }
    std::os::unix::fs::symlink(outside.path().join("base.json"), dir.join("base.json")).unwrap();
    let run = structlint(&dir, &["check"]);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(!all.contains("hunter2"), "{all}");
    assert!(
        !all.contains("invalid tsconfig"),
        "the outside file was parsed: {all}"
    );
    assert!(
        all.contains("base.json") && all.contains("outside the workspace"),
        "{all}"
    );
}

#[cfg(unix)]
#[test]
fn output_onto_a_symlink_replaces_the_link_not_its_target() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("authorized_keys");
    std::fs::write(&target, "ssh-ed25519 AAAA owner\n").unwrap();
    let dir = workspace(&[("src/a.ts", b"export const a = 1;\n")]);
    std::os::unix::fs::symlink(&target, dir.path().join("report.json")).unwrap();
    // The old temporary name was `.NAME.PID.tmp`; a repository could commit it for the PIDs
    // to come. Only Linux says which PID comes next.
    let next = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|t| t.trim().parse::<u32>().ok());
    for pid in next.map_or(0..0, |n| n..n + 400) {
        let name = format!(".report.json.{pid}.tmp");
        std::os::unix::fs::symlink(&target, dir.path().join(name)).unwrap();
    }
    let run = structlint(
        dir.path(),
        &["check", "--format", "json", "--output", "report.json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "ssh-ed25519 AAAA owner\n"
    );
    let written = dir.path().join("report.json");
    assert!(!written.symlink_metadata().unwrap().is_symlink());
    assert!(
        std::fs::read_to_string(written)
            .unwrap()
            .contains("\"diagnostics\"")
    );
}

#[cfg(unix)]
#[test]
fn test_update_does_not_write_through_a_planted_temporary_file() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("victim.txt");
    std::fs::write(&target, "unchanged\n").unwrap();
    let dir = workspace(&[("rules/team.toml", SLEEP_RULE.as_bytes())]);
    let snapshots = dir.path().join("rules/__snapshots__");
    std::fs::create_dir(&snapshots).unwrap();
    std::os::unix::fs::symlink(&target, snapshots.join(".no-sleep-call.md.tmp")).unwrap();
    let run = structlint(dir.path(), &["test", "rules", "--update"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "unchanged\n");
    let snapshot = std::fs::read_to_string(snapshots.join("no-sleep-call.md")).unwrap();
    assert!(snapshot.contains("waits a fixed time"), "{snapshot}");
}

#[cfg(unix)]
#[test]
fn test_update_does_not_write_through_a_snapshots_folder_linked_outside() {
    let outside = tempfile::tempdir().unwrap();
    let dir = workspace(&[("rules/team.toml", SLEEP_RULE.as_bytes())]);
    let snapshots = dir.path().join("rules/__snapshots__");
    std::os::unix::fs::symlink(outside.path(), &snapshots).unwrap();
    let run = structlint(dir.path(), &["test", "rules", "--update"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("cannot write") && run.stdout.contains("outside the workspace"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}
