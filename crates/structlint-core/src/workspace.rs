//! What workspace rules see besides their facts: the project root, an index of the files a
//! module specifier can resolve to, a place for notes, and the artifacts of the providers the
//! rules declared, built once per run before any workspace rule runs.

use std::any::{Any, TypeId};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::{Note, Provider};

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
    artifacts: HashMap<TypeId, Arc<dyn Any + Send + Sync>>,
    /// `[files]`, for which files are tests, examples and fixtures.
    files: crate::FilesConfig,
    /// `[resolve]`: how imports resolve.
    pub resolve: crate::ResolveConfig,
    gitignores: crate::gitignore::Gitignores,
    /// What the workspace phase read beyond the files' texts, for the result cache.
    looks: crate::looked::Looks,
}

impl WorkspaceContext {
    pub fn new(root: PathBuf, index: FileIndex) -> WorkspaceContext {
        WorkspaceContext {
            gitignores: crate::gitignore::Gitignores::new(root.clone()),
            root,
            index,
            notes: Mutex::default(),
            artifacts: HashMap::new(),
            files: crate::FilesConfig::default(),
            resolve: crate::ResolveConfig::default(),
            looks: crate::looked::Looks::default(),
        }
    }

    /// The context with the run's `[files]` settings.
    pub fn with_files(mut self, files: crate::FilesConfig) -> WorkspaceContext {
        self.files = files;
        self
    }

    /// The context with the run's `[resolve]` settings.
    pub fn with_resolve(mut self, resolve: crate::ResolveConfig) -> WorkspaceContext {
        self.resolve = resolve;
        self
    }

    /// Whether the file at `path` is test code, an example, a benchmark or a fixture
    /// (`[files] tests`).
    pub fn is_test(&self, path: &str) -> bool {
        self.files.is_test(path)
    }

    /// Whether `path` (root-relative; it need not exist) is ignored by a `.gitignore` of the
    /// workspace: what the build writes there is not source, and a clean checkout lacks it.
    pub fn is_gitignored(&self, path: &str, is_dir: bool) -> bool {
        self.gitignores
            .ignores(path, is_dir, &|file| self.read(file))
    }

    /// The text of `path` (root-relative), read as [`crate::read_inside`] reads it: what a
    /// provider or rule reads beyond the checked files' texts (a manifest, a tsconfig) is
    /// read through here, so that the result cache knows what its findings depend on.
    pub fn read(&self, path: &str) -> Result<String, crate::ReadError> {
        let result = crate::read_inside(&self.root, path);
        self.looks.note(crate::looked::Looked::text(path, &result));
        result
    }

    /// Whether a regular file is at `path` (root-relative) on disk, whether or not the index
    /// has it (a gitignored build output); noted for the result cache as [`Self::read`] is.
    pub fn is_file_on_disk(&self, path: &str) -> bool {
        let found = crate::looked::is_file_on_disk(&self.root, path);
        self.looks
            .note(crate::looked::Looked::presence(path, found));
        found
    }

    /// What this run read through [`Self::read`] and [`Self::is_file_on_disk`] so far.
    pub(crate) fn take_looks(&self) -> Vec<crate::looked::Looked> {
        self.looks.take()
    }

    /// Adds a note to the report, e.g. about a malformed `package.json`.
    pub fn note(&self, note: Note) {
        self.notes.lock().expect("notes lock").push(note);
    }

    /// The artifact of provider `P`, if a rule of this run declared `P` (and its build did not
    /// crash).
    pub fn artifact<P: Provider>(&self) -> Option<Arc<P::Artifact>> {
        let artifact = Arc::clone(self.artifacts.get(&TypeId::of::<P>())?);
        artifact.downcast::<P::Artifact>().ok()
    }

    /// Stores a provider's artifact; the engine does this before any workspace rule runs.
    pub(crate) fn insert_artifact(&mut self, key: TypeId, artifact: Arc<dyn Any + Send + Sync>) {
        self.artifacts.insert(key, artifact);
    }

    /// The notes so far, leaving none behind.
    pub fn take_notes(&self) -> Vec<Note> {
        std::mem::take(&mut *self.notes.lock().expect("notes lock"))
    }
}
