//! The `[resolve]` table: how imports are resolved besides what tsconfig and `package.json`
//! say.

use serde::Deserialize;
use toml::Spanned;

/// Modules frameworks and bundlers provide that no file of the workspace holds, by specifier
/// prefix: SvelteKit's `./$types`, `$app/…` and `$env/…`, Astro's `astro:…`, unplugin-icons'
/// `~icons/…`, Vite's `virtual:…` and `@vite/…` (the client its dev server injects), and
/// Rollup's `\0` for a plugin's virtual modules.
pub const DEFAULT_EXTERNAL: [&str; 8] = [
    "./$types", "$app/", "$env/", "astro:", "~icons/", "virtual:", "@vite/", "\0",
];

/// How imports resolve, besides what tsconfig and package.json say.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
#[schemars(title = "[resolve]")]
pub(crate) struct ResolveSection {
    /// Specifier prefixes of modules provided from outside the workspace's files (frameworks,
    /// bundler plugins), such as "virtual:"; they replace the defaults.
    #[schemars(with = "Option<Vec<String>>")]
    pub external: Option<Vec<Spanned<String>>>,
}

/// How imports resolve: the `[resolve]` table checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveConfig {
    /// Specifier prefixes of modules that are provided from outside the workspace's files.
    pub external: Vec<String>,
}

impl Default for ResolveConfig {
    fn default() -> Self {
        ResolveConfig {
            external: DEFAULT_EXTERNAL.map(str::to_string).to_vec(),
        }
    }
}

/// A prefix of `[resolve] external` that cannot be meant: its span and why.
pub(crate) struct BadPrefix {
    pub span: std::ops::Range<usize>,
    pub label: &'static str,
}

impl ResolveConfig {
    pub(crate) fn compile(section: ResolveSection) -> Result<ResolveConfig, BadPrefix> {
        let Some(external) = section.external else {
            return Ok(ResolveConfig::default());
        };
        for prefix in &external {
            let label = match prefix.get_ref().as_str() {
                "" => "an empty prefix makes every import external",
                "." | "./" | ".." | "../" => "this prefix makes every relative import external",
                _ => continue,
            };
            return Err(BadPrefix {
                span: prefix.span(),
                label,
            });
        }
        Ok(ResolveConfig {
            external: external.into_iter().map(Spanned::into_inner).collect(),
        })
    }

    /// Whether `specifier` names a module from outside the workspace's files.
    pub fn is_external(&self, specifier: &str) -> bool {
        self.external.iter().any(|p| specifier.starts_with(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(prefixes: &[&str]) -> ResolveSection {
        ResolveSection {
            external: Some(
                prefixes
                    .iter()
                    .map(|p| Spanned::new(0..0, p.to_string()))
                    .collect(),
            ),
        }
    }

    #[test]
    fn the_defaults_name_framework_modules_and_a_setting_replaces_them() {
        let defaults = ResolveConfig::default();
        assert!(defaults.is_external("./$types") && defaults.is_external("astro:content"));
        assert!(!defaults.is_external("./types") && !defaults.is_external("astro"));
        let mine = ResolveConfig::compile(section(&["#gen/"])).ok().unwrap();
        assert!(mine.is_external("#gen/routes") && !mine.is_external("astro:content"));
    }

    #[test]
    fn prefixes_that_swallow_every_import_are_refused() {
        for bad in ["", "./", ".."] {
            assert!(
                ResolveConfig::compile(section(&["ok:", bad])).is_err(),
                "{bad:?}"
            );
        }
    }
}
