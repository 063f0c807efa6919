//! For the tests of the crates above core (feature `test-support`): a workspace written to a
//! temporary directory, with the context workspace rules and providers see.

use crate::{FileIndex, WorkspaceContext};

/// Writes `files` (root-relative path, text) to a temporary directory and indexes them. Keep
/// the directory alive as long as the context is used.
pub fn workspace(files: &[(&str, &str)]) -> (tempfile::TempDir, WorkspaceContext) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().expect("a file path")).expect("a folder");
        std::fs::write(p, text).expect("a file");
    }
    let index: FileIndex = files.iter().map(|(p, _)| p.to_string()).collect();
    let cx = WorkspaceContext::new(dir.path().to_path_buf(), index);
    (dir, cx)
}
