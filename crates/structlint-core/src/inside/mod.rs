//! Reading the files a config or manifest names (rule files, `tsconfig.json` and its
//! `extends`, `package.json`, `Cargo.toml`) without trusting the name.
//!
//! CI runs structlint on checkouts it did not write. A committed `rules/team.toml` that is a
//! symlink to `/proc/self/environ`, or a `tsconfig.json` that extends `../../../etc/x`, must
//! not make structlint read a file outside the workspace and echo it in a parse error. So
//! every such read goes through [`read_inside`]: the path is resolved with its symlinks and
//! must stay under the resolved workspace root, be a regular file (not a FIFO that blocks or
//! a device that never ends), and stay under the size limit. Its errors name the path and
//! never print the contents.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use crate::config::DEFAULT_MAX_FILE_SIZE;
use crate::engine::read::{Unreadable, human_size, read_text};

/// Why [`read_inside`] did not read a file. Its message names the path, never the contents.
#[derive(Debug)]
pub struct ReadError {
    /// The path as the caller named it, relative to the root when it is below it.
    pub path: PathBuf,
    pub kind: ReadErrorKind,
}

#[derive(Debug)]
pub enum ReadErrorKind {
    NotFound,
    /// The path resolves (through symlinks or `..`) to `resolved`, which is not under `root`.
    Outside {
        resolved: PathBuf,
        root: PathBuf,
    },
    /// A directory, device, FIFO or socket.
    NotAFile,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Binary,
    /// Not UTF-8: the 1-based line of the first invalid byte.
    NotUtf8 {
        line: usize,
    },
    Io(std::io::Error),
}

impl ReadError {
    /// The file does not exist: callers that look for optional files stay silent then.
    pub fn is_not_found(&self) -> bool {
        matches!(self.kind, ReadErrorKind::NotFound)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            ReadErrorKind::NotFound => write!(f, "{path} does not exist"),
            ReadErrorKind::Outside { resolved, root } => write!(
                f,
                "{path} resolves to {}, outside the workspace {}; structlint reads only files inside the workspace, so it was not read",
                resolved.display(),
                root.display()
            ),
            ReadErrorKind::NotAFile => write!(
                f,
                "{path} is not a regular file (a directory, device, FIFO or socket); it was not read"
            ),
            ReadErrorKind::TooLarge { size, limit } => write!(
                f,
                "{path} is {}, over the size limit of {}; it was not read",
                human_size(*size),
                human_size(*limit)
            ),
            ReadErrorKind::Binary => write!(f, "{path} is a binary file (it contains NUL bytes)"),
            ReadErrorKind::NotUtf8 { line } => write!(
                f,
                "{path} is not valid UTF-8 (first invalid byte on line {line}); re-save it as UTF-8"
            ),
            ReadErrorKind::Io(e) => write!(f, "cannot read {path}: {e}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// The text of `path` (relative to `root`, or absolute), when it resolves to a regular file
/// under `root` of at most the default `[files] max-file-size`.
pub fn read_inside(root: &Path, path: impl AsRef<Path>) -> Result<String, ReadError> {
    let path = path.as_ref();
    let resolved = resolve_inside(root, path)?;
    let error = |kind| ReadError {
        path: shown(root, path),
        kind,
    };
    let file = crate::engine::regular::open_regular(&resolved)
        .map_err(|e| error(ReadErrorKind::Io(e)))?
        .ok_or_else(|| error(ReadErrorKind::NotAFile))?;
    read_text(file, DEFAULT_MAX_FILE_SIZE).map_err(|problem| {
        error(match problem {
            Unreadable::Io(e) => ReadErrorKind::Io(e),
            Unreadable::TooLarge(size) => ReadErrorKind::TooLarge {
                size,
                limit: DEFAULT_MAX_FILE_SIZE,
            },
            Unreadable::Binary => ReadErrorKind::Binary,
            Unreadable::NotUtf8(line) => ReadErrorKind::NotUtf8 { line },
        })
    })
}

/// `path` (relative to `root`, or absolute) with every symlink and `..` resolved, when that
/// is under `root` (itself resolved). The file must exist.
pub fn resolve_inside(root: &Path, path: impl AsRef<Path>) -> Result<PathBuf, ReadError> {
    let path = path.as_ref();
    let error = |kind| ReadError {
        path: shown(root, path),
        kind,
    };
    let io = |e: std::io::Error| {
        error(if e.kind() == std::io::ErrorKind::NotFound {
            ReadErrorKind::NotFound
        } else {
            ReadErrorKind::Io(e)
        })
    };
    let real_root = std::fs::canonicalize(root).map_err(io)?;
    let resolved = std::fs::canonicalize(root.join(path)).map_err(io)?;
    if !resolved.starts_with(&real_root) {
        return Err(error(ReadErrorKind::Outside {
            resolved,
            root: real_root,
        }));
    }
    Ok(resolved)
}

/// Why `path` is not a plain relative path that stays where it is joined (`src/a.ts`): it
/// must not be empty or absolute, and has no `..`, `.` or empty part, no `\` and no NUL, so
/// the joined path is below the base on every platform, before any file exists.
pub fn check_relative(path: &str) -> Result<(), &'static str> {
    if path.is_empty() {
        return Err("it is empty");
    }
    if path.contains('\\') {
        return Err("it contains `\\`; separate folders with `/`");
    }
    if path.contains('\0') {
        return Err("it contains a NUL byte");
    }
    if path.starts_with('/') || Path::new(path).has_root() {
        return Err("it is absolute");
    }
    for part in path.split('/') {
        match part {
            "" => return Err("it has an empty part (`//` or a trailing `/`)"),
            "." => return Err("it has a `.` part"),
            ".." => return Err("it climbs out with `..`"),
            _ => {}
        }
    }
    // Catches what the platform treats specially beyond the above (a Windows drive `C:`).
    if !Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return Err("it is not a plain relative path");
    }
    Ok(())
}

/// `path` as errors show it: relative to `root` when it is below it.
fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests;
