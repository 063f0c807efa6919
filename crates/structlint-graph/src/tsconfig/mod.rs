//! `tsconfig.json`: `baseUrl`, `paths`, `outDir` and `rootDir`, through `extends` chains,
//! and which tsconfig governs a file (the nearest one above it).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::Value;
use structlint_core::{Note, NoteKind, WorkspaceContext};

use crate::jsonc::parse_jsonc;
use crate::paths::{join, parent};

/// The compiler options resolution needs, with every path root-relative.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TsConfig {
    pub base_url: Option<String>,
    /// Patterns (at most one `*`) with their substitutions, in written order.
    pub paths: Vec<(String, Vec<String>)>,
    pub out_dir: Option<String>,
    pub root_dir: Option<String>,
}

impl TsConfig {
    /// The substitutions of the `paths` pattern that matches `specifier` best (an exact key, else
    /// the longest prefix before `*`), with `*` filled in.
    pub fn path_candidates(&self, specifier: &str) -> Option<Vec<String>> {
        let mut best: Option<(usize, Vec<String>)> = None;
        for (pattern, substitutions) in &self.paths {
            let (rank, stem) = match pattern.split_once('*') {
                None if pattern == specifier => (usize::MAX, ""),
                None => continue,
                // TypeScript rejects a pattern with more than one `*`.
                Some((_, suffix)) if suffix.contains('*') => continue,
                Some((prefix, suffix)) => match specifier
                    .strip_prefix(prefix)
                    .and_then(|r| r.strip_suffix(suffix))
                {
                    Some(stem) => (prefix.len(), stem),
                    None => continue,
                },
            };
            if best.as_ref().is_none_or(|(r, _)| rank > *r) {
                // And a substitution with more than one: a `*` each keeps one long import
                // from turning into a path of gigabytes.
                let one_star = substitutions.iter().filter(|s| s.matches('*').count() <= 1);
                best = Some((rank, one_star.map(|s| s.replacen('*', stem, 1)).collect()));
            }
        }
        best.map(|(_, candidates)| candidates)
            .filter(|c| !c.is_empty())
    }
}

/// How many configs an `extends` chain may go through. Each link is a level of recursion, and
/// a generated chain of thousands overflowed the stack; real chains are two or three deep.
const MAX_EXTENDS_DEPTH: usize = 64;

/// The configs of one `load`: those being read (to cut loops and deep chains) and those done
/// (a config that several others extend is read once, not once per path to it).
#[derive(Default)]
struct Chain {
    open: Vec<String>,
    done: HashMap<String, Option<TsConfig>>,
}

/// The tsconfig files of a workspace, loaded on first use.
pub struct TsConfigs<'a> {
    cx: &'a WorkspaceContext,
    loaded: Mutex<HashMap<String, Option<Arc<TsConfig>>>>,
}

impl<'a> TsConfigs<'a> {
    pub fn new(cx: &'a WorkspaceContext) -> TsConfigs<'a> {
        TsConfigs {
            cx,
            loaded: Mutex::default(),
        }
    }

    /// The options of the nearest `tsconfig.json` at or above the directory of `file`.
    pub fn for_file(&self, file: &str) -> Option<Arc<TsConfig>> {
        let mut dir = parent(file);
        loop {
            let candidate = if dir == "." {
                "tsconfig.json".to_string()
            } else {
                format!("{dir}/tsconfig.json")
            };
            if self.cx.index.contains(&candidate) {
                return self.load(&candidate);
            }
            if dir == "." {
                return None;
            }
            dir = parent(dir);
        }
    }

    /// The options of the tsconfig at `path`, merged over its `extends` chain.
    pub fn load(&self, path: &str) -> Option<Arc<TsConfig>> {
        if let Some(found) = self.loaded.lock().expect("tsconfig lock").get(path) {
            return found.clone();
        }
        let mut chain = Chain::default();
        let config = self.read(path, &mut chain).map(Arc::new);
        self.loaded
            .lock()
            .expect("tsconfig lock")
            .insert(path.to_string(), config.clone());
        config
    }

    /// `path` merged over what it extends, read once per `load` however many configs of the
    /// chain extend it.
    fn read(&self, path: &str, chain: &mut Chain) -> Option<TsConfig> {
        if let Some(done) = chain.done.get(path) {
            return done.clone();
        }
        if chain.open.iter().any(|p| p == path) {
            self.note(
                path,
                format!("`extends` loops back to {path}; the loop is cut there"),
            );
            return None;
        }
        if chain.open.len() >= MAX_EXTENDS_DEPTH {
            let start = chain.open[0].clone();
            self.note(
                &start,
                format!("`extends` goes more than {MAX_EXTENDS_DEPTH} configs deep; {path} and the configs it extends are ignored"),
            );
            return None;
        }
        chain.open.push(path.to_string());
        let config = self.read_one(path, chain);
        chain.open.pop();
        chain.done.insert(path.to_string(), config.clone());
        config
    }

    fn read_one(&self, path: &str, chain: &mut Chain) -> Option<TsConfig> {
        // `extends` is written by the checkout: a base outside the workspace is not read.
        let text = match self.cx.read(path) {
            Ok(text) => text,
            Err(e) if e.is_not_found() => return None,
            Err(e) => {
                self.note(path, format!("{e}; imports are resolved without it"));
                return None;
            }
        };
        let value = match parse_jsonc(&text) {
            Ok(value) => value,
            Err(error) => {
                self.note(path, format!("invalid tsconfig ({error}); imports of the files it governs are resolved without its `paths`"));
                return None;
            }
        };
        let dir = parent(path);
        let mut config = TsConfig::default();
        let extends = match value.get("extends") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        };
        for base in extends {
            // Only relative bases are followed; shared configs from npm live in node_modules.
            if !base.starts_with('.') {
                continue;
            }
            let Some(mut base_path) = join(dir, &base) else {
                continue;
            };
            if !base_path.ends_with(".json") && !self.cx.index.contains(&base_path) {
                base_path.push_str(".json");
            }
            if let Some(inherited) = self.read(&base_path, chain) {
                config = inherited;
            }
        }
        let options = value.get("compilerOptions");
        let option = |key: &str| {
            options
                .and_then(|o| o.get(key))
                .and_then(Value::as_str)
                .and_then(|p| join(dir, p))
        };
        if let Some(base_url) = option("baseUrl") {
            config.base_url = Some(base_url);
        }
        if let Some(Value::Object(paths)) = options.and_then(|o| o.get("paths")) {
            // `paths` are relative to `baseUrl` when there is one, else to the declaring config.
            let base = config.base_url.clone().unwrap_or_else(|| dir.to_string());
            config.paths = paths
                .iter()
                .map(|(pattern, subs)| {
                    let subs = subs.as_array().map(|l| {
                        l.iter()
                            .filter_map(Value::as_str)
                            .filter_map(|s| join(&base, s))
                            .collect()
                    });
                    (pattern.clone(), subs.unwrap_or_default())
                })
                .collect();
        }
        config.out_dir = option("outDir").or(config.out_dir);
        config.root_dir = option("rootDir").or(config.root_dir);
        Some(config)
    }

    fn note(&self, path: &str, message: String) {
        self.cx.note(Note {
            path: path.to_string(),
            kind: NoteKind::Config,
            message,
        });
    }
}

#[cfg(test)]
mod tests;
