//! One `structlint.toml` per workspace. A second one in a folder the workspace checks would
//! either be ignored (a run from the root) or cut the workspace at that folder (a run from
//! inside it, which loses the import graph, the packages and the layers around it): both
//! silently change findings. It is an error wherever structlint runs, and points to
//! `[[overrides]]`. A folder the outer config does not check (excluded, gitignored, hidden,
//! `node_modules`) may hold a separate project with its own config.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, ValueDeserializer};

use super::files::{FilesConfig, FilesSection};
use super::{CONFIG_FILE, ConfigError};
use crate::engine::paths::relative_path;
use crate::gitignore::Gitignores;

/// The config file whose workspace `file` (a `structlint.toml`) lies in, if any: the nearest
/// `structlint.toml` above its folder whose workspace checks that folder.
pub fn enclosing_config(file: &Path) -> Option<PathBuf> {
    let outer = file
        .parent()?
        .parent()?
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())?;
    let root = outer.parent()?;
    let rel = relative_path(root, file);
    let hidden = rel
        .split('/')
        .any(|part| part.starts_with('.') || part == "node_modules");
    let checked = !hidden
        && files_of(&outer).accepts_file(&rel)
        && !Gitignores::new(root.to_path_buf())
            .ignores(&rel, false, &|f| crate::read_inside(root, f));
    checked.then_some(outer)
}

/// The `[files]` of the config at `path`; the defaults when it cannot be read, since the run
/// itself reports a broken config.
fn files_of(path: &Path) -> FilesConfig {
    let files = || -> Option<FilesConfig> {
        let text = super::read_config(path).ok()?;
        let mut doc = DeTable::parse(&text).ok()?.into_inner();
        let Some(value) = doc.remove("files") else {
            return Some(FilesConfig::default());
        };
        let section = FilesSection::deserialize(ValueDeserializer::from(value)).ok()?;
        FilesConfig::compile(&section).ok()
    };
    files().unwrap_or_default()
}

/// The error for the config `nested` (shown as given, its folder relative to the workspace
/// root as `folder`), inside the workspace `workspace` describes ("configured by …").
pub fn nested_config(nested: &str, folder: &str, workspace: &str) -> ConfigError {
    ConfigError::plain(format!(
        "{nested} is a nested configuration: it is inside the workspace {workspace}, which checks its folder, and a workspace has one structlint.toml"
    ))
    .with_help(format!(
        "move its settings into the workspace's root structlint.toml as an override, then delete it:\n  [[overrides]]\n  files = [\"{folder}/**\"]   # relative to the workspace root\n  [overrides.rules]\n  max-file-lines = {{ max = 800 }}\nIf {folder} is a separate project, add \"{folder}/**\" to `[files] exclude` there and check it on its own."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::workspace as tree;

    #[test]
    fn a_config_in_a_checked_folder_is_nested() {
        let tmp = tree(&[
            ("structlint.toml", "[files]\nexclude = [\"vendor/**\"]\n"),
            (".gitignore", "build/\n"),
            ("packages/a/structlint.toml", ""),
            ("vendor/x/structlint.toml", ""),
            ("build/y/structlint.toml", ""),
            (".cache/z/structlint.toml", ""),
        ]);
        let root = crate::normalize(tmp.path()).unwrap();
        let outer = root.join(CONFIG_FILE);
        assert_eq!(
            enclosing_config(&root.join("packages/a/structlint.toml")),
            Some(outer)
        );
        for separate in ["vendor/x", "build/y", ".cache/z", "."] {
            let file = root.join(separate).join(CONFIG_FILE);
            assert_eq!(enclosing_config(&file), None, "{separate}");
        }
    }

    #[test]
    fn the_error_names_the_file_and_the_override_to_write() {
        let e = nested_config(
            "packages/legacy/structlint.toml",
            "packages/legacy",
            "configured by structlint.toml",
        );
        assert!(
            e.message
                .starts_with("packages/legacy/structlint.toml is a nested configuration")
        );
        let help = e.help.unwrap();
        assert!(
            help.contains("[[overrides]]\n  files = [\"packages/legacy/**\"]"),
            "{help}"
        );
    }
}
