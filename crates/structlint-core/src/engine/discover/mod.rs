//! Which files a run reads: a parallel, gitignore-aware walk filtered by `[files]`.

mod walk;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::paths::{is_within, normalize, relative_path};
use crate::config::{ConfigError, FilesConfig};
use crate::{FileIndex, Note};
pub(crate) use walk::Candidate;
use walk::Walk;

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
        nested_configs: Mutex::default(),
    };
    let mut lint_dirs = Vec::new();
    if whole_project {
        walk.dir(root, true)?;
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
        if !metadata.is_dir() && !metadata.is_file() {
            return Err(ConfigError::plain(format!(
                "{} is not a regular file or a directory (a FIFO, device or socket); it was not read",
                input.display()
            )));
        }
        if !metadata.is_dir() {
            walk.file(abs, path.clone());
            lint_dirs.push(path);
        } else if whole_project && abs.starts_with(root) {
            lint_dirs.push(path);
        } else {
            walk.dir(&abs, false)?;
            lint_dirs.push(path);
        }
    }
    let mut nested = walk.nested_configs.into_inner().expect("walk lock");
    nested.sort();
    if let Some(first) = nested.first() {
        let workspace = match root.join(crate::CONFIG_FILE).is_file() {
            true => format!("configured by {}", crate::CONFIG_FILE),
            false => format!("rooted at {}", root.display()),
        };
        let folder = first.rsplit_once('/').map_or(".", |(folder, _)| folder);
        let mut error = crate::nested_config(first, folder, &workspace);
        if nested.len() > 1 {
            error.message.push_str(&format!(
                " ({} more: {})",
                nested.len() - 1,
                nested[1..].join(", ")
            ));
        }
        return Err(error);
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
    fn build_output_is_not_walked_without_a_gitignore() {
        let tmp = tree(&[
            "Cargo.toml",
            "src/lib.rs",
            "target/debug/build/x/out/gen.rs",
            "web/target/keep.ts",
            "web/dist/CACHEDIR.TAG",
            "web/dist/bundle.ts",
        ]);
        let found = discover(
            tmp.path(),
            &[tmp.path().to_path_buf()],
            &FilesConfig::default(),
            true,
        )
        .unwrap();
        assert_eq!(paths(&found.lint), ["src/lib.rs", "web/target/keep.ts"]);
        let mut index: Vec<&str> = found.index.iter().collect();
        index.sort();
        assert_eq!(index, ["Cargo.toml", "src/lib.rs", "web/target/keep.ts"]);
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
