//! The walk itself: gitignore-aware, parallel, pruning excluded folders, with a note for
//! whatever it cannot enter.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::{WalkBuilder, WalkState};
use structlint_lang::Language;

use crate::config::{ConfigError, FilesConfig};
use crate::engine::paths::relative_path;
use crate::engine::regular::{irregular_ignore_file, irregular_ignore_file_above};
use crate::{Note, NoteKind};

/// A file the walk found, with its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub abs: PathBuf,
    /// Relative to the project root, `/`-separated.
    pub path: String,
    pub language: Language,
}

impl Candidate {
    /// The file with `text` instead of what is on disk (an editor's unsaved document).
    pub fn with_text(&self, text: &str) -> crate::SourceFile {
        crate::SourceFile::new(
            self.path.clone(),
            self.abs.clone(),
            self.language,
            text.to_string(),
        )
    }
}

pub(super) struct Walk<'a> {
    pub(super) root: &'a Path,
    pub(super) files: &'a FilesConfig,
    pub(super) found: Mutex<Vec<Candidate>>,
    pub(super) index: Mutex<Vec<String>>,
    pub(super) notes: Mutex<Vec<Note>>,
    /// `structlint.toml` files below the root in folders the workspace checks.
    pub(super) nested_configs: Mutex<Vec<String>>,
}

impl Walk<'_> {
    /// An explicitly named file: checked even when gitignored, unless `[files]` excludes it.
    pub(super) fn file(&self, abs: PathBuf, path: String) {
        match Language::from_path(&abs) {
            Some(language) if self.files.accepts_file(&path) => {
                self.found.lock().expect("walk lock").push(Candidate {
                    abs,
                    path,
                    language,
                });
            }
            Some(_) => {}
            None => self.notes.lock().expect("walk lock").push(Note {
                path,
                kind: NoteKind::Skipped,
                message: "not a TypeScript, JavaScript or Rust file".into(),
            }),
        }
    }

    /// Walks `dir`. For the index the walk descends into excluded directories too (an import
    /// may name a generated file that is not linted); otherwise they are pruned.
    pub(super) fn dir(&self, dir: &Path, index: bool) -> Result<(), ConfigError> {
        if let Some(bad) = irregular_ignore_file_above(dir) {
            return Err(ConfigError::plain(format!(
                "{} is not a regular file (a FIFO, device or socket): structlint reads the ignore files of the folders it checks and would block on it",
                bad.display()
            ))
            .with_help("replace it with a regular file, or check a folder below it"));
        }
        let mut builder = WalkBuilder::new(dir);
        builder
            .hidden(true)
            .ignore(true)
            .git_ignore(true)
            .git_exclude(true)
            // A developer's global gitignore must not make CI and local runs disagree.
            .git_global(false)
            .require_git(false)
            .parents(true)
            .follow_links(self.files.follow_symlinks);
        let (filter, filter_root) = (self.files.clone(), self.root.to_path_buf());
        let skipped: Arc<Mutex<Vec<Note>>> = Arc::default();
        let skipped_in_filter = Arc::clone(&skipped);
        builder.filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let excluded = |rel: &str| {
                if index {
                    filter.always_excluded_dir(rel)
                } else {
                    filter.excludes_dir(rel)
                }
            };
            if is_dir
                && entry.depth() > 0
                && (excluded(&relative_path(&filter_root, entry.path()))
                    || is_build_output(entry.path()))
            {
                return false;
            }
            // A folder whose ignore file the walk would block on reading is not entered.
            let irregular = is_dir && irregular_ignore_file(entry.path()).is_some();
            if irregular && let Ok(mut notes) = skipped_in_filter.lock() {
                notes.push(Note {
                    path: relative_path(&filter_root, entry.path()),
                    kind: NoteKind::Walk,
                    message: "not walked: its .gitignore, .ignore or .git/info/exclude is not a regular file".into(),
                });
            }
            !irregular
        });
        builder.build_parallel().run(|| {
            Box::new(|result| {
                match result {
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                        self.entry(entry.into_path(), index)
                    }
                    Ok(_) => {}
                    Err(error) => self
                        .notes
                        .lock()
                        .expect("walk lock")
                        .push(walk_note(self.root, &error)),
                }
                WalkState::Continue
            })
        });
        let skipped = std::mem::take(&mut *skipped.lock().expect("walk lock"));
        self.notes.lock().expect("walk lock").extend(skipped);
        Ok(())
    }

    fn entry(&self, abs: PathBuf, index: bool) {
        let path = relative_path(self.root, &abs);
        if index {
            self.index.lock().expect("walk lock").push(path.clone());
        }
        let nested = path.ends_with(&format!("/{}", crate::CONFIG_FILE));
        if nested && self.files.accepts_file(&path) {
            self.nested_configs
                .lock()
                .expect("walk lock")
                .push(path.clone());
        }
        if let Some(language) = Language::from_path(&abs)
            && self.files.accepts_file(&path)
        {
            self.found.lock().expect("walk lock").push(Candidate {
                abs,
                path,
                language,
            });
        }
    }
}

fn walk_note(root: &Path, error: &ignore::Error) -> Note {
    let mut path = String::new();
    let mut inner = error;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = relative_path(root, p);
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err
            }
            _ => break,
        }
    }
    let message = match inner {
        ignore::Error::Loop { ancestor, child } => {
            path = relative_path(root, child);
            format!(
                "symbolic link loop: it points back to {}; not followed",
                relative_path(root, ancestor)
            )
        }
        other => format!("not walked: {other}"),
    };
    Note {
        path,
        kind: NoteKind::Walk,
        message,
    }
}

/// Build output, which a crate without a `.gitignore` leaves in the walk: a folder tagged by
/// the Cache Directory Tagging spec (cargo's `target/` carries `CACHEDIR.TAG`), or `target/`
/// beside a `Cargo.toml` before its first build wrote the tag.
fn is_build_output(dir: &Path) -> bool {
    dir.join("CACHEDIR.TAG").is_file()
        || (dir.file_name() == Some("target".as_ref())
            && dir.parent().is_some_and(|p| p.join("Cargo.toml").is_file()))
}
