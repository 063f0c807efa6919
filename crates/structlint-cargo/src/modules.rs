//! Which module a file of a crate is: `src/lib.rs` is the crate root, `src/a.rs` and
//! `src/a/mod.rs` are `a`, `src/a/b.rs` is `a::b`; a `#[path]` puts a module anywhere.

use std::collections::HashMap;

use crate::workspace::normalize;
use crate::{CargoWorkspace, RustFacts};

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

/// The files of each library crate with their module paths: the root, then the files of the
/// modules it declares, through `mod` declarations and their `#[path]` (a binary's modules in
/// the same src/ are not the library's). `files` are (path, facts) of the workspace's Rust
/// files; the result maps a file to (crate, module path).
pub fn library_modules<'f>(
    ws: &CargoWorkspace,
    files: &[(&'f str, &'f RustFacts)],
) -> HashMap<&'f str, (usize, Vec<String>)> {
    let by_path: HashMap<&str, &RustFacts> = files.iter().copied().collect();
    // Where each file would be by its location alone, for `mod x;` without `#[path]`.
    let by_location: HashMap<(usize, Vec<String>), &'f str> = files
        .iter()
        .filter_map(|(p, _)| {
            let c = ws.crate_of(p)?;
            Some(((c, module_path(ws.crates[c].lib.as_deref()?, p)?), *p))
        })
        .collect();
    let mut found: HashMap<&'f str, (usize, Vec<String>)> = HashMap::new();
    let mut queue: Vec<(&'f str, usize, Vec<String>)> = ws
        .crates
        .iter()
        .enumerate()
        .filter_map(|(c, k)| {
            Some((
                *files.iter().find(|(p, _)| Some(*p) == k.lib.as_deref())?,
                c,
            ))
        })
        .map(|((path, _), c)| (path, c, Vec::new()))
        .collect();
    while let Some((path, c, module)) = queue.pop() {
        if found.contains_key(path) {
            continue;
        }
        let Some(facts) = by_path.get(path) else {
            continue;
        };
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for m in facts
            .items
            .mods
            .iter()
            .filter(|m| m.module.is_empty() && !m.test_only)
        {
            let child: Vec<String> = module.iter().cloned().chain([m.name.clone()]).collect();
            let file = match &m.path {
                Some(p) => {
                    let target = normalize(&format!("{dir}/{p}"));
                    by_path.get_key_value(target.as_str()).map(|(k, _)| *k)
                }
                None => by_location.get(&(c, child.clone())).copied(),
            };
            if let Some(file) = file {
                queue.push((file, c, child));
            }
        }
        found.insert(path, (c, module));
    }
    found
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
