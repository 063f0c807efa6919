//! The valid inputs the mutants start from, read from the repository itself: its configs, the
//! fixtures', the shipped rule packs, and the TOML examples of the docs. A new example in the
//! docs or a new shipped rule becomes a seed without a change here.

use std::path::Path;

use crate::common::repo;

/// Every `structlint.toml` of the repository and the config examples of the docs.
pub fn configs() -> Vec<Vec<u8>> {
    let mut seeds = vec![read("structlint.toml")];
    for fixture in list("fixtures") {
        if let Ok(config) = std::fs::read(fixture.join("structlint.toml")) {
            seeds.push(config);
        }
    }
    seeds.extend(
        doc_blocks()
            .into_iter()
            .filter(|block| !block.contains("[[rule") && !block.contains("[package"))
            .map(String::into_bytes),
    );
    seeds.into_iter().filter(|s| !s.is_empty()).collect()
}

/// Every shipped rule file, the fixtures' and the rule examples of the docs.
pub fn rule_files() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for dir in [
        repo().join("rules"),
        repo().join("fixtures/ts-monorepo/rules"),
    ] {
        collect_toml(&dir, &mut seeds);
    }
    seeds.extend(
        doc_blocks()
            .into_iter()
            .filter(|block| block.contains("[[rule]]"))
            .map(String::into_bytes),
    );
    seeds
}

/// A `query`, or a code pattern (`pattern`, `inside`, `has`, …), of a seed rule.
pub struct Matcher {
    /// Written for Rust, else for TypeScript.
    pub rust: bool,
    pub query: bool,
    pub source: String,
}

/// The queries and patterns of every seed rule.
pub fn matchers() -> Vec<Matcher> {
    let mut found = Vec::new();
    for seed in rule_files() {
        let Ok(file) = toml::from_str::<toml::Table>(&String::from_utf8_lossy(&seed)) else {
            continue;
        };
        let rules = file.get("rule").and_then(|r| r.as_array()).cloned();
        for rule in rules.unwrap_or_default() {
            let rust = rule
                .get("language")
                .is_some_and(|l| format!("{l:?}").contains("rust"));
            for key in ["query", "pattern", "inside", "not-inside", "has", "not-has"] {
                if let Some(source) = rule.get(key).and_then(|p| p.as_str()) {
                    let (query, source) = (key == "query", source.to_string());
                    found.push(Matcher {
                        rust,
                        query,
                        source,
                    });
                }
            }
        }
    }
    found
}

/// A file of the repository, by its path from the root.
pub fn read(path: &str) -> Vec<u8> {
    std::fs::read(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The entries of a directory of the repository, sorted.
pub fn list(dir: &str) -> Vec<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(repo().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}

fn collect_toml(dir: &Path, seeds: &mut Vec<Vec<u8>>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_toml(&path, seeds);
        } else if path.extension().is_some_and(|e| e == "toml") {
            seeds.push(std::fs::read(&path).unwrap());
        }
    }
}

/// The ```toml blocks of the README and the docs.
fn doc_blocks() -> Vec<String> {
    let mut pages = vec![repo().join("README.md")];
    pages.extend(list("docs"));
    pages.extend(list("docs/rules"));
    let mut blocks = Vec::new();
    for page in pages
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let text = std::fs::read_to_string(page).unwrap();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line.trim_start() == "```toml" {
                let indent = line.len() - line.trim_start().len();
                let block: Vec<&str> = lines
                    .by_ref()
                    .take_while(|l| l.trim_start() != "```")
                    .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
                    .collect();
                blocks.push(block.join("\n") + "\n");
            }
        }
    }
    blocks
}
