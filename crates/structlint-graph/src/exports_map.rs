//! The `exports` field of `package.json`: which subpaths a package makes public, and where
//! each points. Conditions are followed in their written order and every leaf is a
//! candidate, so custom conditions such as `"source": "./src/index.ts"` work as well as
//! `types`/`import`/`default`.

use serde_json::Value;

/// The longest target a pattern may expand to: no file system has longer paths, and a target
/// with thousands of `*` must not turn one long import into gigabytes.
const MAX_TARGET_LEN: usize = 4096;

/// What `exports` says about one subpath (`.` or `./x`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Public: the key that matched and its targets, best first, with `*` substituted.
    Public { key: String, targets: Vec<String> },
    /// Not listed: importing it fails under Node and TypeScript's `node16`/`bundler` resolution.
    NotExported,
    /// Listed with a `null` target: explicitly private.
    Blocked,
}

/// The subpath keys of `exports` with their targets (leaves in order, `*` kept); keys with
/// more than one `*` are left out, as Node ignores them.
pub(crate) fn entries(exports: &Value) -> Vec<(String, Vec<String>)> {
    match subpath_map(exports) {
        Some(map) => map
            .into_iter()
            .filter(|(key, _)| key.matches('*').count() <= 1)
            .map(|(key, target)| (key.to_string(), leaves(target)))
            .collect(),
        None => vec![(".".to_string(), leaves(exports))],
    }
}

/// Looks `subpath` up the way Node does: an exact key first, else the pattern with the
/// longest prefix before its one `*` (or a legacy folder key ending in `/`). A key with more
/// than one `*` is not a pattern in Node's resolution, and matches nothing.
pub(crate) fn lookup(exports: &Value, subpath: &str) -> Lookup {
    let Some(map) = subpath_map(exports) else {
        return if subpath == "." {
            found(".", exports, None)
        } else {
            Lookup::NotExported
        };
    };
    if let Some((key, target)) = map.iter().find(|(k, _)| *k == subpath && !k.contains('*')) {
        return found(key, target, None);
    }
    let mut best: Option<(&str, &Value, &str)> = None;
    for (key, target) in &map {
        let matched = match key.split_once('*') {
            Some((_, suffix)) if suffix.contains('*') => None,
            Some((prefix, suffix)) => subpath
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(suffix))
                .filter(|stem| !stem.is_empty()),
            None if key.ends_with('/') => subpath.strip_prefix(*key),
            None => None,
        };
        if let Some(stem) = matched
            && best.is_none_or(|(b, _, _)| key.len() > b.len())
        {
            best = Some((key, target, stem));
        }
    }
    match best {
        Some((key, target, stem)) => found(key, target, Some(stem)),
        None => Lookup::NotExported,
    }
}

fn found(key: &str, target: &Value, stem: Option<&str>) -> Lookup {
    if target.is_null() {
        return Lookup::Blocked;
    }
    let targets = leaves(target)
        .into_iter()
        .filter_map(|t| match stem {
            Some(stem) if t.contains('*') => {
                let stars = t.matches('*').count();
                let len = (t.len() - stars).saturating_add(stars.saturating_mul(stem.len()));
                // Longer than any path: names no file, so it is not worth building.
                (len <= MAX_TARGET_LEN).then(|| t.replace('*', stem))
            }
            Some(stem) if t.ends_with('/') => Some(format!("{t}{stem}")),
            _ => Some(t),
        })
        .collect();
    Lookup::Public {
        key: key.to_string(),
        targets,
    }
}

/// `exports` as subpath → target, or `None` when it is a single target or a conditions
/// object for `.` (no key starts with `.`).
fn subpath_map(exports: &Value) -> Option<Vec<(&str, &Value)>> {
    let Value::Object(object) = exports else {
        return None;
    };
    object
        .keys()
        .any(|k| k.starts_with('.'))
        .then(|| object.iter().map(|(k, v)| (k.as_str(), v)).collect())
}

/// Every string target under `target`, depth first in written order.
fn leaves(target: &Value) -> Vec<String> {
    match target {
        Value::String(s) => vec![s.clone()],
        Value::Array(list) => list.iter().flat_map(leaves).collect(),
        Value::Object(conditions) => conditions.values().flat_map(leaves).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A public lookup with the key blanked: tests compare targets.
    fn public(targets: &[&str]) -> Lookup {
        Lookup::Public {
            key: String::new(),
            targets: targets.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn targets(l: Lookup) -> Lookup {
        match l {
            Lookup::Public { targets, .. } => Lookup::Public {
                key: String::new(),
                targets,
            },
            other => other,
        }
    }

    #[test]
    fn string_and_condition_forms_export_only_the_root() {
        assert_eq!(
            targets(lookup(&json!("./index.js"), ".")),
            public(&["./index.js"])
        );
        assert_eq!(lookup(&json!("./index.js"), "./x"), Lookup::NotExported);
        let conditions = json!({"types": "./dist/index.d.ts", "import": "./dist/index.js"});
        assert_eq!(
            targets(lookup(&conditions, ".")),
            public(&["./dist/index.d.ts", "./dist/index.js"])
        );
    }

    #[test]
    fn subpaths_patterns_conditions_and_blocks() {
        let exports = json!({
            ".": {"source": "./src/index.ts", "types": "./dist/index.d.ts", "default": "./dist/index.js"},
            "./ui": {"import": {"types": "./dist/ui.d.ts", "default": "./dist/ui.js"}},
            "./legacy/*": "./dist/legacy/*.js",
            "./legacy/internal/*": null,
            "./features/*.js": ["./dist/features/*.js", "./fallback.js"]
        });
        assert_eq!(
            targets(lookup(&exports, ".")),
            public(&["./src/index.ts", "./dist/index.d.ts", "./dist/index.js"])
        );
        assert_eq!(
            targets(lookup(&exports, "./ui")),
            public(&["./dist/ui.d.ts", "./dist/ui.js"])
        );
        assert_eq!(
            targets(lookup(&exports, "./legacy/DataGrid")),
            public(&["./dist/legacy/DataGrid.js"])
        );
        assert_eq!(
            lookup(&exports, "./legacy/internal/x"),
            Lookup::Blocked,
            "the longer pattern wins"
        );
        assert_eq!(
            targets(lookup(&exports, "./features/a.js")),
            public(&["./dist/features/a.js", "./fallback.js"])
        );
        assert_eq!(lookup(&exports, "./src/index"), Lookup::NotExported);
        match lookup(&exports, "./legacy/Grid") {
            Lookup::Public { key, .. } => assert_eq!(key, "./legacy/*"),
            other => panic!("{other:?}"),
        }
        assert_eq!(entries(&exports).len(), 5);
    }

    #[test]
    fn patterns_cannot_amplify_a_long_import() {
        let stem = "a".repeat(5_000);
        let many = format!("./src/{}.js", "*".repeat(200_000));
        let exports = json!({ "./*": many, "./x/*": ["./dist/*.js", "./src/*/*.ts"] });
        assert_eq!(
            targets(lookup(&exports, &format!("./{stem}"))),
            public(&[]),
            "a target longer than any path is dropped before it is built"
        );
        assert_eq!(
            targets(lookup(&exports, "./x/y")),
            public(&["./dist/y.js", "./src/y/y.ts"]),
            "every `*` of a target is replaced, as in Node"
        );
        let keys = json!({ "./*/*": "./src/*.js", "./**": "./src/*.js" });
        assert_eq!(lookup(&keys, "./a/b"), Lookup::NotExported);
        assert_eq!(lookup(&keys, "./**"), Lookup::NotExported);
        assert!(entries(&keys).is_empty());
    }
}
