//! Paths as the engine reports them: absolute and normalised on input, root-relative with
//! `/` separators on output.

use std::path::{Path, PathBuf};

/// `path` made absolute with `.` and `..` removed lexically (symlinks are kept as written, so
/// reported paths are the ones the user typed).
pub fn normalize(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// `abs` relative to `root` with `/` separators, `.` for the root itself, or `abs` when it
/// is outside the root.
pub(crate) fn relative_path(root: &Path, abs: &Path) -> String {
    let rel = abs.strip_prefix(root).unwrap_or(abs);
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    if rel.is_absolute() {
        rel.to_string_lossy().into_owned()
    } else if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// Whether `path` is `dir` or inside it (both root-relative; `.` is the root).
pub(crate) fn is_within(path: &str, dir: &str) -> bool {
    dir == "."
        || path == dir
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_removes_dot_segments() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d")).unwrap(),
            Path::new("/a/c/d")
        );
        assert_eq!(normalize(Path::new("/..")).unwrap(), Path::new("/"));
    }

    #[test]
    fn relative_paths_use_forward_slashes() {
        assert_eq!(
            relative_path(Path::new("/r"), Path::new("/r/a/b.ts")),
            "a/b.ts"
        );
        assert_eq!(relative_path(Path::new("/r"), Path::new("/r")), ".");
        assert_eq!(
            relative_path(Path::new("/r"), Path::new("/elsewhere/b.ts")),
            "/elsewhere/b.ts"
        );
    }

    #[test]
    fn within_means_the_directory_or_below() {
        assert!(is_within("a/b.ts", "a"));
        assert!(is_within("a", "a"));
        assert!(is_within("x.ts", "."));
        assert!(!is_within("ab/c.ts", "a"));
    }
}
