use globset::GlobSet;

use crate::glob::glob_set;
use serde::Deserialize;
use toml::Spanned;

/// Which files are checked, and which of them are tests.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
#[schemars(title = "[files]")]
pub(crate) struct FilesSection {
    /// Globs (relative to the workspace root) of the files to check; empty: every file.
    #[schemars(with = "Vec<String>")]
    pub include: Vec<Spanned<String>>,
    /// Globs of files not to check, on top of .gitignore, such as "fixtures/**".
    #[schemars(with = "Vec<String>")]
    pub exclude: Vec<Spanned<String>>,
    /// Files larger than this many bytes are skipped with a note (default 2 MiB).
    pub max_file_size: u64,
    /// Follow symbolic links while walking the workspace (default false).
    pub follow_symlinks: bool,
    /// Globs of test code, type tests, examples, benchmarks and fixtures, which the rules
    /// about production code skip (default: the common layouts, such as "**/*.test.*").
    #[schemars(with = "Option<Vec<String>>")]
    pub tests: Option<Vec<Spanned<String>>>,
}

/// What counts as tests, examples, benchmarks and fixtures when `[files] tests` is not set:
/// the common layouts of TypeScript and Rust projects. Rules about production code
/// (`fetch-retry-timeout`, `duplicate-schemas`, `canonical-helpers`) skip these files.
pub const DEFAULT_TESTS: [&str; 16] = [
    "**/*.test.*",
    "**/*.spec.*",
    "**/*.test-d.ts",
    "**/*.test-d.tsx",
    "**/*.bench.*",
    "**/__tests__/**",
    "**/__mocks__/**",
    "**/__fixtures__/**",
    "**/__testfixtures__/**",
    "**/fixtures/**",
    "**/test/**",
    "**/tests/**",
    "**/e2e/**",
    "**/examples/**",
    "**/benches/**",
    "**/playground/**",
];

pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

impl Default for FilesSection {
    fn default() -> Self {
        FilesSection {
            include: Vec::new(),
            exclude: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            follow_symlinks: false,
            tests: None,
        }
    }
}

/// Which files to check, after `.gitignore`/`.ignore`: the `[files]` table compiled.
#[derive(Debug, Clone)]
pub struct FilesConfig {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Files larger than this many bytes are skipped with a note.
    pub max_file_size: u64,
    /// Follow symbolic links during the walk (loops are detected and reported).
    pub follow_symlinks: bool,
    include_set: Option<GlobSet>,
    tests_set: GlobSet,
    exclude_set: GlobSet,
    /// `dir/**` patterns as `dir`, so an excluded directory is never descended into.
    exclude_dir_set: GlobSet,
    always_excluded_set: GlobSet,
}

/// Directories no project wants linted, excluded before any config.
const ALWAYS_EXCLUDED_DIRS: [&str; 1] = ["**/node_modules"];

/// A glob of `[files]` that failed to compile.
#[derive(Debug)]
pub(crate) struct BadGlob {
    /// The `[files]` list it is in: `include`, `exclude` or `tests`.
    pub list: &'static str,
    pub bad: crate::glob::BadGlob,
}

impl FilesConfig {
    pub(crate) fn compile(section: &FilesSection) -> Result<FilesConfig, BadGlob> {
        let include: Vec<String> = section
            .include
            .iter()
            .map(|g| g.get_ref().clone())
            .collect();
        let exclude: Vec<String> = section
            .exclude
            .iter()
            .map(|g| g.get_ref().clone())
            .collect();
        let include_set = if include.is_empty() {
            None
        } else {
            Some(
                glob_set(include.iter().map(String::as_str)).map_err(|bad| BadGlob {
                    list: "include",
                    bad,
                })?,
            )
        };
        let tests_set = match &section.tests {
            Some(tests) => glob_set(tests.iter().map(|g| g.get_ref().as_str()))
                .map_err(|bad| BadGlob { list: "tests", bad })?,
            None => glob_set(DEFAULT_TESTS).expect("the default test globs are valid"),
        };
        let exclude_set = glob_set(exclude.iter().map(String::as_str)).map_err(|bad| BadGlob {
            list: "exclude",
            bad,
        })?;
        // The prefix of a valid glob can be invalid (`a\\/**` ends in an escape), so only the
        // prefixes that compile prune the walk; the full globs still exclude every file.
        let dir_patterns: Vec<&str> = exclude
            .iter()
            .filter_map(|g| g.strip_suffix("/**"))
            .filter(|prefix| crate::glob::glob(prefix).is_ok())
            .chain(ALWAYS_EXCLUDED_DIRS)
            .collect();
        let exclude_dir_set = glob_set(dir_patterns).unwrap_or_else(|_| GlobSet::empty());
        let always_excluded_set =
            glob_set(ALWAYS_EXCLUDED_DIRS).expect("the built-in globs are valid");
        Ok(FilesConfig {
            include,
            exclude,
            max_file_size: section.max_file_size,
            follow_symlinks: section.follow_symlinks,
            include_set,
            tests_set,
            exclude_set,
            exclude_dir_set,
            always_excluded_set,
        })
    }

    /// Whether the file at `rel` is test code, an example, a benchmark or a fixture.
    pub fn is_test(&self, rel: &str) -> bool {
        self.tests_set.is_match(rel)
    }

    /// Whether the walk should skip the directory at `rel` (relative to the project root).
    pub fn excludes_dir(&self, rel: &str) -> bool {
        self.exclude_dir_set.is_match(rel) || self.exclude_set.is_match(rel)
    }

    /// Whether `rel` is a directory no walk enters, whatever the config (`node_modules`).
    pub fn always_excluded_dir(&self, rel: &str) -> bool {
        self.always_excluded_set.is_match(rel)
    }

    /// Whether a file at `rel` (relative to the project root) is to be checked.
    pub fn accepts_file(&self, rel: &str) -> bool {
        if self.exclude_set.is_match(rel) {
            return false;
        }
        self.include_set
            .as_ref()
            .is_none_or(|set| set.is_match(rel))
    }
}

impl Default for FilesConfig {
    fn default() -> Self {
        FilesConfig::compile(&FilesSection::default()).expect("the defaults compile")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(include: &[&str], exclude: &[&str]) -> FilesConfig {
        let spanned = |v: &[&str]| {
            v.iter()
                .map(|s| Spanned::new(0..0, s.to_string()))
                .collect()
        };
        let section = FilesSection {
            include: spanned(include),
            exclude: spanned(exclude),
            ..FilesSection::default()
        };
        FilesConfig::compile(&section).ok().unwrap()
    }

    #[test]
    fn defaults_accept_everything_but_node_modules() {
        let f = FilesConfig::default();
        assert!(f.accepts_file("src/a.ts"));
        assert!(f.excludes_dir("node_modules"));
        assert!(f.excludes_dir("packages/a/node_modules"));
        assert!(!f.excludes_dir("src"));
    }

    #[test]
    fn include_and_exclude_globs() {
        let f = files(&["packages/**"], &["**/generated/**", "**/*.test.ts"]);
        assert!(f.accepts_file("packages/a/src/x.ts"));
        assert!(!f.accepts_file("scripts/x.ts"));
        assert!(!f.accepts_file("packages/a/src/x.test.ts"));
        assert!(!f.accepts_file("packages/a/generated/x.ts"));
        assert!(f.excludes_dir("packages/a/generated"));
        assert!(!f.excludes_dir("packages/a/src"));
    }

    #[test]
    fn star_does_not_cross_directories() {
        let f = files(&[], &["src/*.ts"]);
        assert!(!f.accepts_file("src/a.ts"));
        assert!(f.accepts_file("src/deep/a.ts"));
    }

    #[test]
    fn bad_globs_are_located() {
        let section = FilesSection {
            exclude: vec![
                Spanned::new(0..0, "ok/**".into()),
                Spanned::new(0..0, "a[".into()),
            ],
            ..FilesSection::default()
        };
        let err = FilesConfig::compile(&section).err().unwrap();
        assert_eq!(err.list, "exclude");
        assert_eq!(err.bad.index, 1);
        assert!(err.bad.message.contains("unclosed"), "{}", err.bad.message);
    }

    #[test]
    fn an_exclude_whose_folder_prefix_is_no_glob_still_excludes() {
        // `a\\/**` is valid, but its prefix `a\\` ends in a lone escape.
        let section = FilesSection {
            exclude: vec![Spanned::new(0..0, "a\\/**".into())],
            ..FilesSection::default()
        };
        let files = FilesConfig::compile(&section).expect("a valid glob is accepted");
        assert!(!files.accepts_file("a/x.ts"));
        assert!(files.accepts_file("b/x.ts"));
    }
}
