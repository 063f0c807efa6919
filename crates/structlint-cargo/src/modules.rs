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

/// A path written in module `module`, as a full module path of the crate: `crate::a::b`,
/// `self::x`, `super::super::y`. `None` for paths into other crates (or that go above the
/// crate root).
pub fn absolute(module: &[String], path: &[String]) -> Option<Vec<String>> {
    let mut at: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => return Some(path[1..].to_vec()),
        Some("self") => module.to_vec(),
        Some("super") => module.to_vec(),
        _ => return None,
    };
    let mut rest = &path[usize::from(path[0] == "self")..];
    while let Some(("super", tail)) = rest.split_first().map(|(h, t)| (h.as_str(), t)) {
        at.pop()?;
        rest = tail;
    }
    Some(at.into_iter().chain(rest.iter().cloned()).collect())
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
        let v = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            absolute(&v("a::b"), &v("super::super::c::d")),
            Some(v("c::d"))
        );
        assert_eq!(absolute(&v("a"), &v("self::x")), Some(v("a::x")));
        assert_eq!(absolute(&v("a"), &v("crate::y")), Some(v("y")));
        assert_eq!(absolute(&v("a"), &v("serde::Serialize")), None);
        assert_eq!(absolute(&[], &v("super::x")), None);
    }
}
