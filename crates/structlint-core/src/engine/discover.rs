//! Which files a run reads: a parallel, gitignore-aware walk filtered by `[files]`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};
use structlint_lang::Language;

use super::paths::{is_within, normalize, relative_path};
use crate::config::{ConfigError, FilesConfig};
use crate::{FileIndex, Note, NoteKind};

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

/// The files of a run.
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    /// Files under the inputs: checked and reported on. Sorted by path.
    pub lint: Vec<Candidate>,
    /// Other files of the project whose facts workspace rules need (an import graph is only
    /// right with every file in it); nothing is reported on them. Sorted by path.
    pub facts_only: Vec<Candidate>,
    /// Every file of the project a module specifier could name (see [`FileIndex`]).
    pub index: FileIndex,
    pub notes: Vec<Note>,
    /// The inputs, root-relative: where findings on other files than sources (a package's
    /// missing README) belong to this run.
    pub inputs: Vec<String>,
}

/// Finds the files of a run. With `whole_project` (some workspace rule is on) the walk covers
/// the whole project root and fills the index; otherwise only the inputs are walked.
pub(crate) fn discover(
    root: &Path,
    inputs: &[PathBuf],
    files: &FilesConfig,
    whole_project: bool,
) -> Result<Discovery, ConfigError> {
    let walk = Walk {
        root,
        files,
        found: Mutex::default(),
        index: Mutex::default(),
        notes: Mutex::default(),
    };
    let mut lint_dirs = Vec::new();
    if whole_project {
        walk.dir(root, true);
    }
    for input in inputs {
        let abs = normalize(input).map_err(|e| {
            ConfigError::plain(format!("cannot resolve path {}: {e}", input.display()))
        })?;
        let metadata = std::fs::metadata(&abs).map_err(|e| {
            ConfigError::plain(format!("cannot check {}: {e}", input.display())).with_help(
                "pass files or directories that exist, or no path to check the current directory",
            )
        })?;
        let path = relative_path(root, &abs);
        if !metadata.is_dir() {
            walk.file(abs, path.clone());
            lint_dirs.push(path);
        } else if whole_project && abs.starts_with(root) {
            lint_dirs.push(path);
        } else {
            walk.dir(&abs, false);
            lint_dirs.push(path);
        }
    }
    let mut found = walk.found.into_inner().expect("walk lock");
    found.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.abs.cmp(&b.abs)));
    found.dedup_by(|a, b| a.abs == b.abs);
    let (lint, facts_only) = found
        .into_iter()
        .partition(|c| lint_dirs.iter().any(|dir| is_within(&c.path, dir)));
    let mut notes = walk.notes.into_inner().expect("walk lock");
    notes.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    let index = walk
        .index
        .into_inner()
        .expect("walk lock")
        .into_iter()
        .collect();
    Ok(Discovery {
        lint,
        facts_only,
        index,
        notes,
        inputs: lint_dirs,
    })
}

struct Walk<'a> {
    root: &'a Path,
    files: &'a FilesConfig,
    found: Mutex<Vec<Candidate>>,
    index: Mutex<Vec<String>>,
    notes: Mutex<Vec<Note>>,
}

impl Walk<'_> {
    /// An explicitly named file: checked even when gitignored, unless `[files]` excludes it.
    fn file(&self, abs: PathBuf, path: String) {
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
    fn dir(&self, dir: &Path, index: bool) {
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
        builder.filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let excluded = |rel: &str| {
                if index {
                    filter.always_excluded_dir(rel)
                } else {
                    filter.excludes_dir(rel)
                }
            };
            !(is_dir && entry.depth() > 0 && excluded(&relative_path(&filter_root, entry.path())))
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
    }

    fn entry(&self, abs: PathBuf, index: bool) {
        let path = relative_path(self.root, &abs);
        if index {
            self.index.lock().expect("walk lock").push(path.clone());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        for f in files {
            let p = tmp.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        tmp
    }

    fn paths(c: &[Candidate]) -> Vec<&str> {
        c.iter().map(|c| c.path.as_str()).collect()
    }

    #[test]
    fn walks_respect_gitignore_excludes_and_node_modules() {
        let tmp = tree(&[
            "src/a.ts",
            "src/b.tsx",
            "src/c.rs",
            "src/d.json",
            "gen/x.ts",
            "node_modules/m/i.js",
            "ignored/y.ts",
            ".hidden/z.ts",
        ]);
        std::fs::write(tmp.path().join(".gitignore"), "ignored/\n").unwrap();
        let files = FilesConfig::compile(&toml::from_str("exclude = [\"gen/**\"]").unwrap())
            .ok()
            .unwrap();
        let found = discover(tmp.path(), &[tmp.path().to_path_buf()], &files, false).unwrap();
        assert_eq!(paths(&found.lint), ["src/a.ts", "src/b.tsx", "src/c.rs"]);
        assert!(found.facts_only.is_empty() && found.index.is_empty() && found.notes.is_empty());
    }

    #[test]
    fn the_whole_project_is_read_and_indexed_for_workspace_rules() {
        let tmp = tree(&[
            "a/x.ts",
            "a/package.json",
            "b/y.ts",
            "gen/g.ts",
            "node_modules/m/i.js",
            "logo.png",
        ]);
        let files = FilesConfig::compile(&toml::from_str("exclude = [\"gen/**\"]").unwrap())
            .ok()
            .unwrap();
        let found = discover(tmp.path(), &[tmp.path().join("a")], &files, true).unwrap();
        assert_eq!(paths(&found.lint), ["a/x.ts"]);
        assert_eq!(paths(&found.facts_only), ["b/y.ts"]);
        let mut index: Vec<&str> = found.index.iter().collect();
        index.sort();
        assert_eq!(
            index,
            ["a/package.json", "a/x.ts", "b/y.ts", "gen/g.ts", "logo.png"],
            "every file is indexed, excluded ones too; node_modules is not"
        );
    }

    #[test]
    fn explicit_files_are_checked_even_when_gitignored() {
        let tmp = tree(&["ignored/y.ts", "z.ts"]);
        std::fs::write(tmp.path().join(".gitignore"), "ignored/\n").unwrap();
        let found = discover(
            tmp.path(),
            &[tmp.path().join("ignored/y.ts")],
            &FilesConfig::default(),
            true,
        )
        .unwrap();
        assert_eq!(paths(&found.lint), ["ignored/y.ts"]);
        assert_eq!(paths(&found.facts_only), ["z.ts"]);
    }

    #[test]
    fn missing_inputs_are_usage_errors() {
        let err = discover(
            Path::new("/"),
            &["/no/such/dir".into()],
            &FilesConfig::default(),
            false,
        )
        .unwrap_err();
        assert!(err.message.contains("/no/such/dir"), "{}", err.message);
    }
}
