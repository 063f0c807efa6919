//! `check --changed-since REF`: only the findings in files changed since REF (by git), while
//! the workspace facts still come from the whole workspace, so a change that breaks a rule
//! through another file's import is still seen.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use structlint::Report;

/// Keeps the findings of `report` in files changed since `rev` (committed, staged, unstaged
/// or untracked), and those whose related locations are in such files: a cycle or a
/// forbidden edge that a changed file takes part in.
pub fn keep_changed(report: &mut Report, rev: &str) -> Result<(), String> {
    let changed = changed_files(&report.root, rev)?;
    let touches = |path: &str| changed.contains(path);
    report
        .diagnostics
        .retain(|d| touches(&d.span.path) || d.related.iter().any(|r| touches(&r.span.path)));
    report.notes.retain(|n| touches(&n.path));
    Ok(())
}

/// The files under `root` that differ from `rev`, or are untracked and not ignored, as
/// root-relative paths.
fn changed_files(root: &Path, rev: &str) -> Result<BTreeSet<String>, String> {
    if rev.starts_with('-') {
        return Err(format!(
            "--changed-since {rev}: a revision cannot start with `-`"
        ));
    }
    let fail = |e: String| format!("--changed-since {rev}: {e}");
    git(root, &["rev-parse", "--git-dir"]).map_err(|e| match e {
        Git::Failed(_) => fail(format!(
            "{} is not in a git repository, so there is nothing to compare with",
            root.display()
        )),
        Git::Unavailable(e) => fail(e),
    })?;
    let commit = format!("{rev}^{{commit}}");
    git(root, &["rev-parse", "--verify", "--quiet", &commit])
        .map_err(|_| fail("no such commit, branch or tag in this repository".to_string()))?;
    let diff = git(
        root,
        &["diff", "--name-only", "--relative", "-z", rev, "--"],
    )
    .map_err(|e| fail(e.into()))?;
    let untracked = git(root, &["ls-files", "--others", "--exclude-standard", "-z"])
        .map_err(|e| fail(e.into()))?;
    Ok(diff
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect())
}

enum Git {
    /// git could not be run at all.
    Unavailable(String),
    /// git ran and failed, with its own message.
    Failed(String),
}

impl From<Git> for String {
    fn from(error: Git) -> String {
        match error {
            Git::Unavailable(message) | Git::Failed(message) => message,
        }
    }
}

/// The stdout of `git args` run in `dir`.
fn git(dir: &Path, args: &[&str]) -> Result<String, Git> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| {
            Git::Unavailable(match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "git is not installed or not on PATH; it is needed to find the changed files"
                        .to_string()
                }
                _ => format!("cannot run git: {e}"),
            })
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        // git's first line names the problem; the rest is usage text.
        let first = stderr.lines().next().unwrap_or("").trim();
        return Err(Git::Failed(format!(
            "`git {}` failed: {first}",
            args.join(" ")
        )));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| Git::Failed("git printed a path that is not UTF-8".to_string()))
}
