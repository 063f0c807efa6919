//! `package.json`: what structlint needs of it.

use std::collections::BTreeSet;

use serde_json::Value;

/// A package manifest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manifest {
    pub name: Option<String>,
    /// The `exports` field as written.
    pub exports: Option<Value>,
    pub main: Option<String>,
    /// `types`, or `typings`.
    pub types: Option<String>,
    pub module: Option<String>,
    /// `"private": true`: never published.
    pub private: bool,
    /// Every package named in `dependencies`, `devDependencies`, `peerDependencies` and
    /// `optionalDependencies`.
    pub dependencies: BTreeSet<String>,
    /// npm/yarn `workspaces` globs (the array, or `workspaces.packages`).
    pub workspaces: Vec<String>,
}

impl Manifest {
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let value: Value = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
            .map_err(|e| e.to_string())?;
        let Value::Object(object) = &value else {
            return Err("expected a JSON object".into());
        };
        let string = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_string);
        let mut dependencies = BTreeSet::new();
        for key in [
            "dependencies",
            "devDependencies",
            "peerDependencies",
            "optionalDependencies",
        ] {
            if let Some(Value::Object(deps)) = object.get(key) {
                dependencies.extend(deps.keys().cloned());
            }
        }
        let workspaces = match object.get("workspaces") {
            Some(Value::Array(list)) => strings(list),
            Some(Value::Object(w)) => w
                .get("packages")
                .and_then(Value::as_array)
                .map(|l| strings(l))
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        Ok(Manifest {
            name: string("name"),
            exports: object.get("exports").cloned().filter(|v| !v.is_null()),
            main: string("main"),
            types: string("types").or_else(|| string("typings")),
            module: string("module"),
            private: object.get("private").and_then(Value::as_bool) == Some(true),
            dependencies,
            workspaces,
        })
    }
}

fn strings(list: &[Value]) -> Vec<String> {
    list.iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_entries_dependencies_and_workspaces() {
        let m = Manifest::parse(
            r#"{"name": "@acme/a", "main": "./dist/index.js", "typings": "./dist/index.d.ts",
            "exports": {".": "./dist/index.js"}, "dependencies": {"@acme/b": "workspace:*"},
            "devDependencies": {"vitest": "1"}, "workspaces": {"packages": ["packages/*"]}}"#,
        )
        .unwrap();
        assert_eq!(m.name.as_deref(), Some("@acme/a"));
        assert_eq!(m.types.as_deref(), Some("./dist/index.d.ts"));
        assert_eq!(
            m.dependencies.iter().collect::<Vec<_>>(),
            ["@acme/b", "vitest"]
        );
        assert_eq!(m.workspaces, ["packages/*"]);
        assert!(m.exports.is_some());
    }

    #[test]
    fn malformed_manifests_are_errors() {
        assert!(
            Manifest::parse("{ \"name\": }")
                .unwrap_err()
                .contains("line 1")
        );
        assert_eq!(Manifest::parse("[]").unwrap_err(), "expected a JSON object");
    }
}
