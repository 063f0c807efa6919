//! Which files a run checks: a parallel, gitignore-aware walk filtered by `[files]`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};
use structlint_lang::Language;

use crate::config::{ConfigError, FilesConfig};
use crate::{Note, NoteKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub abs: PathBuf,
    /// Relative to the project root, `/`-separated.
    pub path: String,
    pub language: Language,
}

/// `path` made absolute with `.` and `..` removed lexically (symlinks are kept as written, so
/// reported paths are the ones the user typed).
pub fn normalize(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// `abs` relative to `root` with `/` separators, or `abs` itself when outside the root.
pub(crate) fn relative_path(root: &Path, abs: &Path) -> String {
    let rel = abs.strip_prefix(root).unwrap_or(abs);
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    if rel.is_absolute() {
        rel.to_string_lossy().into_owned()
    } else if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// Files under `inputs` (files or directories), sorted by path and without duplicates.
pub(crate) fn discover(
    root: &Path,
    inputs: &[PathBuf],
    files: &FilesConfig,
) -> Result<(Vec<Candidate>, Vec<Note>), ConfigError> {
    let found = Mutex::new(Vec::new());
    let notes = Mutex::new(Vec::new());
    for input in inputs {
        let abs = normalize(input).map_err(|e| {
            ConfigError::plain(format!("cannot resolve path {}: {e}", input.display()))
        })?;
        let metadata = std::fs::metadata(&abs).map_err(|e| {
            ConfigError::plain(format!("cannot check {}: {e}", input.display())).with_help(
                "pass files or directories that exist, or no path to check the current directory",
            )
        })?;
        if metadata.is_dir() {
            walk(root, &abs, files, &found, &notes);
            continue;
        }
        let path = relative_path(root, &abs);
        match Language::from_path(&abs) {
            Some(language) if files.accepts_file(&path) => {
                found.lock().unwrap().push(Candidate {
                    abs,
                    path,
                    language,
                });
            }
            Some(_) => {}
            None => notes.lock().unwrap().push(Note {
                path,
                kind: NoteKind::Skipped,
                message: "not a TypeScript, JavaScript or Rust file".into(),
            }),
        }
    }
    let mut found = found.into_inner().unwrap();
    found.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.abs.cmp(&b.abs)));
    found.dedup_by(|a, b| a.abs == b.abs);
    let mut notes = notes.into_inner().unwrap();
    notes.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    Ok((found, notes))
}

fn walk(
    root: &Path,
    dir: &Path,
    files: &FilesConfig,
    found: &Mutex<Vec<Candidate>>,
    notes: &Mutex<Vec<Note>>,
) {
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
        .follow_links(files.follow_symlinks);
    let (filter, filter_root) = (files.clone(), root.to_path_buf());
    builder.filter_entry(move |entry| {
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        !(is_dir
            && entry.depth() > 0
            && filter.excludes_dir(&relative_path(&filter_root, entry.path())))
    });
    builder.build_parallel().run(|| {
        Box::new(|result| {
            match result {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    let Some(language) = Language::from_path(entry.path()) else {
                        return WalkState::Continue;
                    };
                    let path = relative_path(root, entry.path());
                    if files.accepts_file(&path) {
                        let abs = entry.into_path();
                        found.lock().unwrap().push(Candidate {
                            abs,
                            path,
                            language,
                        });
                    }
                }
                Ok(_) => {}
                Err(error) => notes.lock().unwrap().push(walk_note(root, &error)),
            }
            WalkState::Continue
        })
    });
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

    #[test]
    fn normalize_removes_dot_segments() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d")).unwrap(),
            Path::new("/a/c/d")
        );
        assert_eq!(normalize(Path::new("/..")).unwrap(), Path::new("/"));
    }

    #[test]
    fn relative_paths_use_forward_slashes() {
        assert_eq!(
            relative_path(Path::new("/r"), Path::new("/r/a/b.ts")),
            "a/b.ts"
        );
        assert_eq!(relative_path(Path::new("/r"), Path::new("/r")), ".");
        assert_eq!(
            relative_path(Path::new("/r"), Path::new("/elsewhere/b.ts")),
            "/elsewhere/b.ts"
        );
    }

    #[test]
    fn walks_respect_gitignore_excludes_and_node_modules() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for f in [
            "src/a.ts",
            "src/b.tsx",
            "src/c.rs",
            "src/d.json",
            "gen/x.ts",
            "node_modules/m/i.js",
            "ignored/y.ts",
            ".hidden/z.ts",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
        let section = toml::from_str("exclude = [\"gen/**\"]").unwrap();
        let files = FilesConfig::compile(&section).ok().unwrap();
        let (found, notes) = discover(root, &[root.to_path_buf()], &files).unwrap();
        let paths: Vec<&str> = found.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["src/a.ts", "src/b.tsx", "src/c.rs"]);
        assert!(notes.is_empty());
    }

    #[test]
    fn missing_inputs_are_usage_errors() {
        let err = discover(
            Path::new("/"),
            &["/no/such/dir".into()],
            &FilesConfig::default(),
        )
        .unwrap_err();
        assert!(err.message.contains("/no/such/dir"), "{}", err.message);
    }
}
