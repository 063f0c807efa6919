//! What the workspace phase read beyond the checked files' texts — a manifest, a tsconfig, a
//! `.gitignore`, whether an asset is on disk — and a hash of what it found. The result cache
//! replays a workspace phase only while every such look finds the same again, so nothing a
//! provider or rule read outside the cache's keys can leave its findings stale.

use std::path::Path;
use std::sync::Mutex;

use crate::ReadError;
use crate::engine::hash;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Looked {
    /// Root-relative, as the reader named it.
    pub path: String,
    /// Whether only a regular file's presence was asked, not its text.
    pub presence: bool,
    pub found: u128,
}

impl Looked {
    pub fn text(path: &str, result: &Result<String, ReadError>) -> Looked {
        let found = match result {
            Ok(text) => hash(text.as_bytes()),
            // The kind of failure decides notes ("permission denied; it is ignored").
            Err(e) => hash(format!("\0{e}").as_bytes()),
        };
        Looked {
            path: path.to_string(),
            presence: false,
            found,
        }
    }

    pub fn presence(path: &str, is_file: bool) -> Looked {
        Looked {
            path: path.to_string(),
            presence: true,
            found: u128::from(is_file),
        }
    }

    /// Whether looking again under `root` finds what this look found.
    pub fn holds(&self, root: &Path) -> bool {
        let again = if self.presence {
            Looked::presence(&self.path, is_file_on_disk(root, &self.path))
        } else {
            Looked::text(&self.path, &crate::read_inside(root, &self.path))
        };
        again == *self
    }
}

/// Whether a regular file is at `path` (root-relative) on disk.
pub(crate) fn is_file_on_disk(root: &Path, path: &str) -> bool {
    std::fs::metadata(root.join(path)).is_ok_and(|m| m.is_file())
}

/// The looks of one run, in any order (the cache sorts them).
#[derive(Debug, Default)]
pub(crate) struct Looks(Mutex<Vec<Looked>>);

impl Looks {
    pub fn note(&self, looked: Looked) {
        if let Ok(mut looks) = self.0.lock() {
            looks.push(looked);
        }
    }

    pub fn take(&self) -> Vec<Looked> {
        let mut looks = self
            .0
            .lock()
            .map(|mut l| std::mem::take(&mut *l))
            .unwrap_or_default();
        looks.sort_by(|a, b| (&a.path, a.presence).cmp(&(&b.path, b.presence)));
        looks.dedup();
        looks
    }
}
