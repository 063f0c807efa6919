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

/// Every TS/JS file of the checkout named by `STRUCTLINT_TOKENS_CORPUS` (`node_modules` and
/// dot folders left out), for the tests that compare what the tokens give with what the tree
/// gives on real code; `None` when the variable is not set.
pub fn corpus_sources() -> Option<Vec<crate::SourceFile>> {
    let root = std::env::var("STRUCTLINT_TOKENS_CORPUS").ok()?;
    let mut stack = vec![std::path::PathBuf::from(root)];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("a readable folder")
            .flatten()
        {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name == "node_modules" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let language = crate::Language::from_path(&path).filter(|l| l.is_typescript_family());
            if let (Some(language), Ok(text)) = (language, std::fs::read_to_string(&path)) {
                let shown = path.to_string_lossy().into_owned();
                files.push(crate::SourceFile::new(shown, path, language, text));
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Some(files)
}
