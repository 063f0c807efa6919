//! Path patterns, with one meaning wherever structlint reads them: `[files]`, `[[layers]]`,
//! TOML rules' `files` and `exclude`, source tests, `rule-files`, `allow-in`, `canonical`,
//! and the workspace member lists of `pnpm-workspace.yaml`, `package.json` and `Cargo.toml`.
//!
//! They are gitignore-like and match root-relative, `/`-separated paths: `*` and `?` stay
//! inside one folder, `**` matches any number of folders (`packages/**/generated/**`),
//! `{a,b}` either alternative, `[ab]` one character of a class. A trailing `/` is ignored.

use globset::{Glob, GlobBuilder, GlobMatcher, GlobSet, GlobSetBuilder};

/// One pattern, compiled.
pub fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    let trimmed = pattern.trim_end_matches('/');
    GlobBuilder::new(if trimmed.is_empty() { pattern } else { trimmed })
        .literal_separator(true)
        .build()
}

/// One pattern as a matcher. globset panics on a pattern it can parse but whose regex does not
/// compile (`{` nested a few hundred deep, or a pattern too long): the pattern is compiled as a
/// set first, where that is an error.
pub fn matcher(pattern: &str) -> Result<GlobMatcher, String> {
    let glob = glob(pattern).map_err(|e| e.kind().to_string())?;
    GlobSetBuilder::new()
        .add(glob.clone())
        .build()
        .map_err(|e| message(&e))?;
    Ok(glob.compile_matcher())
}

fn message(error: &globset::Error) -> String {
    match error.kind() {
        globset::ErrorKind::Regex(_) => {
            "too complex to match: its `{…}` nest too deep, or it is too long".to_string()
        }
        kind => kind.to_string(),
    }
}

/// A pattern of a list that does not compile: its index and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadGlob {
    pub index: usize,
    pub message: String,
}

/// Several patterns as one set; the first bad pattern is an error.
pub fn glob_set<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<GlobSet, BadGlob> {
    let mut builder = GlobSetBuilder::new();
    for (index, pattern) in patterns.into_iter().enumerate() {
        builder.add(glob(pattern).map_err(|e| BadGlob {
            index,
            message: e.kind().to_string(),
        })?);
    }
    builder.build().map_err(|e| BadGlob {
        index: 0,
        message: message(&e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_stays_inside_one_folder_and_two_cross_folders() {
        let star = glob("src/*.ts").unwrap().compile_matcher();
        assert!(star.is_match("src/a.ts"));
        assert!(!star.is_match("src/deep/a.ts"));
        let stars = glob("src/**/*.ts").unwrap().compile_matcher();
        assert!(stars.is_match("src/a.ts") && stars.is_match("src/deep/er/a.ts"));
        assert!(
            glob("packages/*/")
                .unwrap()
                .compile_matcher()
                .is_match("packages/ui")
        );
    }

    #[test]
    fn a_pattern_too_deep_for_a_regex_is_an_error_not_a_panic() {
        // globset parses it, then panics compiling its regex. Found by tests/fuzz (config).
        let deep = format!("rules/**{}x{}", "{a,".repeat(300), "}".repeat(300));
        assert!(glob(&deep).is_ok(), "globset parses it");
        assert!(matcher(&deep).unwrap_err().contains("too complex"));
        assert!(
            glob_set([deep.as_str()])
                .unwrap_err()
                .message
                .contains("too complex")
        );
        assert!(
            matcher("rules/{a,{b,c}}/*.toml")
                .unwrap()
                .is_match("rules/c/x.toml")
        );
    }

    #[test]
    fn a_bad_pattern_names_its_index() {
        let error = glob_set(["ok/**", "bad/[z-a]"]).unwrap_err();
        assert_eq!(error.index, 1);
        assert!(!error.message.is_empty());
    }
}
