//! The result cache replays the workspace phase only while everything the phase read reads
//! the same, and it knows what was read because providers and rules read through
//! `WorkspaceContext::read` and `is_file_on_disk`. A direct read of the disk in their code
//! would be a dependency the cache cannot see, and a replay could then be stale.

mod common;

use std::path::Path;

/// Files that read the disk outside the workspace phase: loading rule files (config time)
/// and `structlint test`'s fixtures, and the crates' own tests.
fn allowed(path: &str) -> bool {
    path.ends_with("tests.rs")
        || path.contains("/tests/")
        || path.ends_with("shared/testing.rs")
        || path.ends_with("structlint-toml-rules/src/files.rs")
        || path.contains("structlint-toml-rules/src/testing/")
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn providers_and_rules_read_the_disk_only_through_the_workspace_context() {
    let repo = common::repo();
    let mut files = Vec::new();
    for krate in [
        "structlint-graph",
        "structlint-cargo",
        "structlint-rules",
        "structlint-toml-rules",
    ] {
        sources(&repo.join("crates").join(krate).join("src"), &mut files);
    }
    assert!(files.len() > 100, "the crates' sources are found");
    let mut direct = Vec::new();
    for file in files {
        let shown = file.to_string_lossy().replace('\\', "/");
        if allowed(&shown) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if ["std::fs::", "read_inside(", "File::open", "read_dir("]
                .iter()
                .any(|p| line.contains(p))
            {
                direct.push(format!("{shown}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        direct.is_empty(),
        "read through WorkspaceContext::read instead:\n{}",
        direct.join("\n")
    );
}
