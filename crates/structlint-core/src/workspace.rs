//! What workspace rules see besides their facts: the project root, an index of the files a
//! module specifier can resolve to, a place for notes, and artifacts built once per run.

use std::any::{Any, TypeId};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::Note;

/// Every file under the project root, whatever `[files]` includes or excludes (gitignored
/// files and `node_modules` are not in it): what an import can name, and what source tests
/// assert over (a README in every package). Paths are root-relative.
#[derive(Debug, Clone, Default)]
pub struct FileIndex {
    files: HashSet<String>,
}

impl FileIndex {
    pub fn insert(&mut self, path: String) {
        self.files.insert(path);
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl FromIterator<String> for FileIndex {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        FileIndex {
            files: iter.into_iter().collect(),
        }
    }
}

/// Shared by every workspace rule of a run.
pub struct WorkspaceContext {
    pub root: PathBuf,
    pub index: FileIndex,
    notes: Mutex<Vec<Note>>,
    memo: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl WorkspaceContext {
    pub fn new(root: PathBuf, index: FileIndex) -> WorkspaceContext {
        WorkspaceContext {
            root,
            index,
            notes: Mutex::default(),
            memo: Mutex::default(),
        }
    }

    /// Adds a note to the report, e.g. about a malformed `package.json`.
    pub fn note(&self, note: Note) {
        self.notes.lock().expect("notes lock").push(note);
    }

    /// The run's one `T`, built by the first rule that asks (the others wait for it), so that
    /// an import graph used by four rules is built once. `build` must not call `shared`.
    pub fn shared<T: Any + Send + Sync>(&self, build: impl FnOnce() -> T) -> Arc<T> {
        let mut memo = self.memo.lock().expect("memo lock");
        let entry = memo
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(build()));
        Arc::clone(entry)
            .downcast::<T>()
            .expect("entries are keyed by their type")
    }

    /// The run's `T` if a rule built one.
    pub fn get<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        let memo = self.memo.lock().expect("memo lock");
        memo.get(&TypeId::of::<T>()).map(|entry| {
            Arc::clone(entry)
                .downcast::<T>()
                .expect("entries are keyed by their type")
        })
    }

    /// The notes so far, leaving none behind.
    pub fn take_notes(&self) -> Vec<Note> {
        std::mem::take(&mut *self.notes.lock().expect("notes lock"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_artifacts_are_built_once() {
        let cx = WorkspaceContext::new(PathBuf::new(), FileIndex::default());
        let mut builds = 0;
        let a = cx.shared(|| {
            builds += 1;
            vec![1, 2]
        });
        let b = cx.shared::<Vec<i32>>(|| unreachable!("already built"));
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(builds, 1);
        assert_eq!(*cx.shared(|| String::from("other type")), "other type");
    }
}
