//! `structlint.toml`: where it is found, what it may say, and the rules it turns on.
//!
//! ```toml
//! [files]
//! include = ["packages/**", "crates/**"]   # default: every supported file
//! exclude = ["**/generated/**"]            # node_modules and build output are always excluded
//! max-file-size = 2097152                  # bytes; larger files are skipped with a note
//! follow-symlinks = false
//! tests = ["**/*.test.*"]                  # tests, examples, fixtures; default DEFAULT_TESTS
//!
//! [resolve]
//! external = ["astro:", "~icons/"]         # modules from outside the files; default DEFAULT_EXTERNAL
//!
//! [rules]
//! suppressions = "warn"                    # "error" | "warn" | "off"
//! max-file-lines = { level = "error", max = 300 }
//!
//! [[overrides]]                            # later wins; see overrides/mod.rs
//! files = ["packages/legacy/**"]
//! rules = { max-file-lines = { max = 800 }, layers = "warn" }
//! ```

mod error;
mod files;
mod load;
mod nested;
mod overrides;
mod resolve;
mod schema;

use std::path::{Path, PathBuf};

pub use error::{ConfigError, closest, edit_distance};
pub use files::{DEFAULT_MAX_FILE_SIZE, DEFAULT_TESTS, FilesConfig};
pub use nested::{enclosing_config, nested_config};
pub use overrides::Overrides;
pub use resolve::{DEFAULT_EXTERNAL, ResolveConfig};
pub use schema::{config_schema, schema_generator};

use crate::RuleOptions;
use crate::rule::{ActiveRule, RuleLoader, RuleMeta, RuleSpec};

/// The name of the configuration file.
pub const CONFIG_FILE: &str = "structlint.toml";

/// A loaded configuration: the files to check and the rules that run.
pub struct Config {
    /// The directory globs and reported paths are relative to: the config file's directory,
    /// or the checked directory when there is no config file.
    pub root: PathBuf,
    /// The config file read, if any.
    pub file: Option<PathBuf>,
    pub files: FilesConfig,
    /// `[resolve]`: how imports resolve.
    pub resolve: ResolveConfig,
    /// Rules that are not off, in registry order.
    pub rules: Vec<ActiveRule>,
    /// Every known rule id, including rules that are off (suppression comments may name them).
    pub known_rules: Vec<String>,
    /// `[[overrides]]`: other levels and options for some files.
    pub overrides: Overrides,
    /// A hash of the texts these settings were read from: the config file's and its rule
    /// files'. The result cache is valid only under the settings it was written with.
    pub settings_hash: u128,
}

impl Config {
    /// A config with no rules built yet.
    fn unbuilt(root: PathBuf, registry: &[RuleSpec]) -> Config {
        Config {
            root,
            file: None,
            files: FilesConfig::default(),
            resolve: ResolveConfig::default(),
            rules: Vec::new(),
            known_rules: registry.iter().map(|s| s.id.to_string()).collect(),
            overrides: Overrides::default(),
            settings_hash: 0,
        }
    }

    /// Built-in defaults: every rule at its default level with default options.
    pub fn defaults(root: PathBuf, registry: &[RuleSpec]) -> Result<Config, ConfigError> {
        let mut rules = Vec::new();
        for spec in registry {
            if let Some(severity) = spec.default_level.severity() {
                let imp = (spec.build)(RuleOptions::none()).map_err(|e| {
                    ConfigError::plain(format!("rule `{}`: bad defaults: {}", spec.id, e.message()))
                })?;
                rules.push(ActiveRule {
                    meta: RuleMeta::of(spec),
                    severity,
                    imp,
                });
            }
        }
        Ok(Config {
            rules,
            ..Config::unbuilt(root, registry)
        })
    }

    /// Reads and validates the config file at `path`.
    pub fn load(path: &Path, registry: &[RuleSpec]) -> Result<Config, ConfigError> {
        let text = read_config(path)?;
        Config::parse(path, &text, registry)
    }

    /// Validates config `text` as if read from `path`.
    pub fn parse(path: &Path, text: &str, registry: &[RuleSpec]) -> Result<Config, ConfigError> {
        load::parse(path, text, registry, None)
    }

    /// Reads the config file at `path`, with the rules of its `rule-files` read by `loader`.
    pub fn load_with(
        path: &Path,
        registry: &[RuleSpec],
        loader: &dyn RuleLoader,
    ) -> Result<Config, ConfigError> {
        let text = read_config(path)?;
        load::parse(path, &text, registry, Some(loader))
    }
}

/// [`Config::settings_hash`] of a config file's `text` with the `loaded` rules of its rule
/// files: each file's text once, with its length, so that no two lists hash alike by
/// moving bytes from one text to the next.
fn settings_hash(text: &str, loaded: &[crate::LoadedRule]) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut add = |text: &str| {
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    };
    add(text);
    let mut last: Option<&std::sync::Arc<str>> = None;
    for rule in loaded {
        if !last.is_some_and(|l| std::sync::Arc::ptr_eq(l, &rule.file_text)) {
            add(&rule.file_text);
        }
        last = Some(&rule.file_text);
    }
    hasher.digest128()
}

/// The text of the config file at `path`. A parse error prints its lines, so a checkout's
/// `structlint.toml` that is a symlink to a file outside its folder is refused unread.
fn read_config(path: &Path) -> Result<String, ConfigError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let name = path.file_name().map_or(path, Path::new);
    crate::read_inside(dir.unwrap_or(Path::new(".")), name).map_err(|mut e| {
        e.path = path.to_path_buf();
        ConfigError::plain(format!("cannot read config file: {e}"))
    })
}

/// The nearest `structlint.toml` in `start` or one of its parents.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = crate::normalize(start).ok()?;
    let dir = if start.is_file() {
        start.parent()?
    } else {
        &start
    };
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_config_upwards() {
        let tmp = tempfile::tempdir().unwrap();
        let deep = tmp.path().join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(
            find_config(&deep),
            None::<PathBuf>.or(find_config(tmp.path()))
        );
        std::fs::write(tmp.path().join("a").join(CONFIG_FILE), "").unwrap();
        let found = find_config(&deep).unwrap();
        assert_eq!(
            found,
            std::path::absolute(tmp.path().join("a").join(CONFIG_FILE)).unwrap()
        );
        std::fs::write(deep.join("x.ts"), "").unwrap();
        assert_eq!(find_config(&deep.join("x.ts")), Some(found));
    }
}
