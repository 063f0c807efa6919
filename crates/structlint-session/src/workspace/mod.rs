//! Which workspace a check runs in. It never depends on which paths the check names or in
//! which order: each path leads to the same workspace (its nearest `structlint.toml`, else the
//! root of the repository or package workspace that holds it), and the paths only choose what
//! is reported. Paths in different workspaces are a usage error, not a silent choice of one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use structlint_core::{ConfigError, normalize};

/// Where the configuration of a path comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Workspace {
    /// The nearest `structlint.toml` at or above the path.
    Config(PathBuf),
    /// No config file: the defaults, rooted here.
    Root(PathBuf),
}

impl Workspace {
    /// The workspace of `abs` (a file or a folder, absolute; it may not exist, which the
    /// check itself reports).
    /// A `structlint.toml` inside the folders another one checks is an error, not the root of
    /// a smaller workspace: a run from inside a package sees the same workspace as one from
    /// the root, or none.
    fn of_absolute(abs: &Path) -> Result<Workspace, ConfigError> {
        match structlint_core::find_config(abs) {
            Some(file) => match structlint_core::enclosing_config(&file) {
                Some(outer) => {
                    let root = outer.parent().unwrap_or(&outer);
                    let folder = file.parent().unwrap_or(&file);
                    let folder = folder.strip_prefix(root).unwrap_or(folder);
                    Err(structlint_core::nested_config(
                        &crate::relative_to_cwd(&file).display().to_string(),
                        &folder.to_string_lossy().replace('\\', "/"),
                        &format!("configured by {}", crate::relative_to_cwd(&outer).display()),
                    ))
                }
                None => Ok(Workspace::Config(file)),
            },
            None => Ok(Workspace::Root(root_without_config(abs))),
        }
    }

    fn shown(&self) -> String {
        match self {
            Workspace::Config(file) => format!("configured by {}", file.display()),
            Workspace::Root(root) => format!("rooted at {}", root.display()),
        }
    }
}

/// The one workspace of every input. Without config files, a root that holds the others wins
/// (a check of `.` and `src/a.ts` runs in `.`); otherwise the inputs must agree.
pub(crate) fn common(inputs: &[PathBuf]) -> Result<Workspace, ConfigError> {
    let default = [PathBuf::from(".")];
    let inputs = if inputs.is_empty() { &default } else { inputs };
    // An existing file's workspace is its folder's: each folder is looked up once, however
    // many of its files are named (a pre-commit hook names every staged file).
    let mut by_folder: HashMap<PathBuf, Workspace> = HashMap::new();
    let mut found = Vec::with_capacity(inputs.len());
    for input in inputs {
        let abs = absolute(input)?;
        let folder = match abs.parent() {
            Some(dir) if abs.is_file() => dir.to_path_buf(),
            _ => abs,
        };
        let workspace = match by_folder.get(&folder) {
            Some(known) => known.clone(),
            None => {
                let workspace = Workspace::of_absolute(&folder)?;
                by_folder.insert(folder, workspace.clone());
                workspace
            }
        };
        found.push((input, workspace));
    }
    let mut distinct: Vec<&Workspace> = Vec::new();
    for (_, workspace) in &found {
        if !distinct.contains(&workspace) {
            distinct.push(workspace);
        }
    }
    let outer = distinct.iter().find(|candidate| {
        distinct.iter().all(|other| match (**candidate, *other) {
            (Workspace::Root(outer), Workspace::Root(inner)) => inner.starts_with(outer),
            (a, b) => a == b,
        })
    });
    if let Some(workspace) = outer {
        return Ok((*workspace).clone());
    }
    let (first, a) = &found[0];
    let (second, b) = found
        .iter()
        .find(|(_, other)| other != a)
        .expect("some input disagrees with the first");
    Err(ConfigError::plain(format!(
        "{} and {} are in different workspaces ({}; {})",
        first.display(),
        second.display(),
        a.shown(),
        b.shown()
    ))
    .with_help("check each workspace in its own run, or pass `--config` to check them with one configuration"))
}

fn absolute(input: &Path) -> Result<PathBuf, ConfigError> {
    normalize(input)
        .map_err(|e| ConfigError::plain(format!("cannot resolve path {}: {e}", input.display())))
}

/// The root of the workspace that holds `abs` when no `structlint.toml` does: the nearest
/// folder at or above it that is a git repository's root or declares a package workspace
/// (`pnpm-workspace.yaml`, `workspaces` in `package.json`, `[workspace]` in `Cargo.toml`),
/// else the nearest that holds a `package.json` or `Cargo.toml`, else the folder itself.
pub(crate) fn root_without_config(abs: &Path) -> PathBuf {
    // A path that does not exist (yet) is looked up from its nearest existing folder.
    let start = abs
        .ancestors()
        .find(|p| p.is_dir())
        .unwrap_or(abs)
        .to_path_buf();
    start
        .ancestors()
        .find(|dir| declares_workspace(dir))
        .or_else(|| {
            start
                .ancestors()
                .find(|dir| dir.join("package.json").is_file() || dir.join("Cargo.toml").is_file())
        })
        .unwrap_or(&start)
        .to_path_buf()
}

fn declares_workspace(dir: &Path) -> bool {
    if dir.join(".git").exists() || dir.join("pnpm-workspace.yaml").is_file() {
        return true;
    }
    // Read as every other manifest is: no FIFO, nothing huge, no symlink out of the folder.
    let read = |name: &str| structlint_core::read_inside(dir, name).ok();
    let npm = read("package.json")
        .and_then(|text| structlint_graph::Manifest::parse(&text).ok())
        .is_some_and(|m| !m.workspaces.is_empty());
    npm || read("Cargo.toml")
        .and_then(|text| text.parse::<toml::Table>().ok())
        .is_some_and(|t| t.contains_key("workspace"))
}

#[cfg(test)]
mod tests;
