//! Watching the config and rule files from the server, for clients that cannot watch files
//! for it (Neovim on Linux registers no watcher): without it, a broken `structlint.toml` went
//! unnoticed and linting silently kept the old config.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crossbeam_channel::Sender;
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::lint::Linter;

pub(crate) struct ConfigWatch {
    watcher: RecommendedWatcher,
    watched: HashSet<PathBuf>,
}

impl ConfigWatch {
    /// A watcher that sends on `reload` when a TOML file changes in a watched folder. `None`
    /// when the system gives no watcher (the config is then read again on save).
    pub fn start(reload: Sender<()>) -> Option<ConfigWatch> {
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && !matches!(event.kind, EventKind::Access(_))
                && event.paths.iter().any(|p| is_toml(p))
            {
                let _ = reload.send(());
            }
        })
        .ok()?;
        Some(ConfigWatch {
            watcher,
            watched: HashSet::new(),
        })
    }

    /// Watches the folders that hold the config and rule files of `linters`, and the
    /// workspace folders, where a config may appear. Folders, not files: editors save by
    /// renaming a new file over the old one, which ends a watch on the file itself.
    pub fn cover(&mut self, folders: &[PathBuf], linters: &[std::sync::Arc<Linter>]) {
        let mut dirs: Vec<PathBuf> = folders.to_vec();
        for linter in linters {
            dirs.push(linter.root.clone());
            dirs.extend(rule_dirs(linter));
        }
        for dir in dirs {
            if dir.is_dir()
                && !self.watched.contains(&dir)
                && self
                    .watcher
                    .watch(&dir, RecursiveMode::NonRecursive)
                    .is_ok()
            {
                self.watched.insert(dir);
            }
        }
    }
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

/// The folders the `rule-files` globs of a linter's config start in: the part of each glob
/// before its first wildcard (`rules/*.toml` → `rules/`), inside the root.
fn rule_dirs(linter: &Linter) -> Vec<PathBuf> {
    let Some(file) = &linter.config_file else {
        return Vec::new();
    };
    let Some(config) = std::fs::read_to_string(file)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
    else {
        return Vec::new();
    };
    let patterns = config.get("rule-files").and_then(|v| v.as_array());
    patterns
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str())
        .filter_map(|pattern| {
            let literal = &pattern[..pattern.find(['*', '?', '[', '{']).unwrap_or(pattern.len())];
            let dir = Path::new(literal.rfind('/').map_or("", |i| &literal[..i]));
            // `..` would leave the root, which nothing a config names may do.
            let inside = dir
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            inside.then(|| linter.root.join(dir))
        })
        .collect()
}
