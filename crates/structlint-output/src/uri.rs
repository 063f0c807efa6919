//! Paths as SARIF and fingerprints name them: relative to the repository root, percent-encoded.

use std::path::{Path, PathBuf};

/// The nearest directory at or above `start` that holds `.git`, else `start`.
pub fn repository_root(start: &Path) -> PathBuf {
    start
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(start)
        .to_path_buf()
}

/// `path` (relative to `root`) as a URI reference relative to `repo`.
pub(crate) fn relative_uri(root: &Path, repo: &Path, path: &str) -> String {
    let abs = root.join(path);
    let rel = abs.strip_prefix(repo).unwrap_or(&abs);
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    percent_encode(&parts.join("/"))
}

/// Percent-encodes everything but unreserved characters and `/`.
pub(crate) fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        let uri = relative_uri(
            Path::new("/repo/fixtures/ts"),
            Path::new("/repo"),
            "src/my file é.ts",
        );
        assert_eq!(uri, "fixtures/ts/src/my%20file%20%C3%A9.ts");
    }
}
