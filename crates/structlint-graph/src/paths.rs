//! Root-relative path arithmetic on `/`-separated strings.

/// The directory of a root-relative path (`.` for files at the root).
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or(".", |(dir, _)| dir)
}

/// `dir` joined with `rel`, with `.` and `..` resolved; `None` when it climbs above the root.
pub fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = if dir == "." || dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    })
}

/// `path` relative to `dir` as a module specifier (`./x`, `../y/z`).
pub fn relative(dir: &str, path: &str) -> String {
    let from: Vec<&str> = if dir == "." {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    let to: Vec<&str> = path.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = from.len() - common;
    let rest = to[common..].join("/");
    if ups == 0 {
        format!("./{rest}")
    } else {
        format!("{}{rest}", "../".repeat(ups))
    }
}

/// Whether root-relative `path` is `dir` or below it.
pub fn within(path: &str, dir: &str) -> bool {
    dir == "." || path == dir || path.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
}

/// Whether the file name is a tool's config name: `vite.config.ts`, `root.tsdown.config.js`,
/// `vite.config.ssr.ts` (`config` between the tool's name and the extension).
pub fn is_config_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let segments: Vec<&str> = name.split('.').collect();
    segments.len() > 2 && segments[1..segments.len() - 1].contains(&"config")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_parents_and_relatives() {
        assert_eq!(parent("a/b/c.ts"), "a/b");
        assert_eq!(parent("c.ts"), ".");
        assert_eq!(join("a/b", "../c/./d").as_deref(), Some("a/c/d"));
        assert_eq!(join(".", "x").as_deref(), Some("x"));
        assert_eq!(join("a", ".."), Some(".".to_string()));
        assert_eq!(join("a", "../.."), None);
        assert_eq!(relative("a/b", "a/c/d.ts"), "../c/d.ts");
        assert_eq!(relative("a", "a/x.ts"), "./x.ts");
        assert_eq!(relative(".", "x.ts"), "./x.ts");
        assert!(within("a/b", "a") && within("a", "a") && !within("ab", "a") && within("z", "."));
    }

    #[test]
    fn config_names_have_a_tool_before_config() {
        for name in [
            "vite.config.ts",
            "a/root.tsdown.config.js",
            "vite.config.ssr.mts",
        ] {
            assert!(is_config_name(name), "{name}");
        }
        for name in [
            "config.ts",
            "src/config/index.ts",
            "configure.ts",
            "a.configs.ts",
        ] {
            assert!(!is_config_name(name), "{name}");
        }
    }
}
