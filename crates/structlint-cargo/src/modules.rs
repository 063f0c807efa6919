//! Which module a file of a crate is: `src/lib.rs` is the crate root, `src/a.rs` and
//! `src/a/mod.rs` are `a`, `src/a/b.rs` is `a::b`.

/// The module path of `path` in the crate whose root file is `root` (`crates/x/src/lib.rs`),
/// or `None` when the file is not under the root's directory. `#[path]` is not followed.
pub fn module_path(root: &str, path: &str) -> Option<Vec<String>> {
    if path == root {
        return Some(Vec::new());
    }
    let dir = root.rsplit_once('/').map_or("", |(d, _)| d);
    let rest = if dir.is_empty() {
        path
    } else {
        path.strip_prefix(dir)?.strip_prefix('/')?
    };
    let rest = rest.strip_suffix(".rs")?;
    let mut parts: Vec<String> = rest.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    (!parts.is_empty()).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_map_to_modules() {
        let root = "crates/x/src/lib.rs";
        assert_eq!(module_path(root, root), Some(vec![]));
        assert_eq!(
            module_path(root, "crates/x/src/a.rs"),
            Some(vec!["a".to_string()])
        );
        assert_eq!(
            module_path(root, "crates/x/src/a/mod.rs"),
            Some(vec!["a".to_string()])
        );
        assert_eq!(
            module_path(root, "crates/x/src/a/b.rs"),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(module_path(root, "crates/y/src/a.rs"), None);
    }
}
