//! The `[[helpers]]` section: each shared helper, its canonical file, and the names that give
//! a re-implementation away.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde::de::Error as _;
use structlint_core::{Language, RuleOptions};

/// A shared helper (`[[helpers]]`): where its one implementation lives, and the names that
/// give a re-implementation away.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct HelperConfig {
    /// The helper's name in findings; a built-in one (retry, sleep, concurrency, debounce,
    /// throttle, deep-equal, deep-clone) brings its name patterns.
    name: String,
    /// The file, relative to the workspace root, that holds the canonical implementation.
    canonical: String,
    /// Globs over function names, compared without `_` and case, such as "*Retry*"
    /// (default: the built-in patterns of `name`).
    names: Option<Vec<String>>,
}

/// Name patterns of the usual suspects, as globs over names with `_` removed and lowercased
/// (`with_retry` and `withRetry` are both `withretry`).
const DEFAULTS: &[(&str, &[&str])] = &[
    (
        "retry",
        &[
            "retry",
            "retries",
            "retry*",
            "*retry",
            "*withretry*",
            "*backoff",
        ],
    ),
    (
        "sleep",
        &[
            "sleep", "sleep*", "delay", "delayms", "pause", "wait", "waitms",
        ],
    ),
    (
        "concurrency",
        &[
            "plimit",
            "pmap",
            "mapconcurrent*",
            "*withconcurrency",
            "mapwithlimit",
            "maplimit",
            "asyncpool",
            "promisepool",
            "limitconcurrency",
            "runconcurrently",
            "boundedconcurrency",
        ],
    ),
    ("debounce", &["debounce", "debounced", "usedebounce*"]),
    ("throttle", &["throttle", "throttled", "usethrottle*"]),
    (
        "deep-equal",
        &[
            "deepequal",
            "deepequals",
            "isdeepequal",
            "isequal",
            "deepcompare",
        ],
    ),
    ("deep-clone", &["deepclone", "clonedeep", "deepcopy"]),
];

pub(crate) struct Helper {
    pub name: String,
    /// Root-relative path of the file that holds the one implementation.
    pub canonical: String,
    /// Whether the canonical file is Rust: copies are looked for in files of its own family.
    pub rust: bool,
    /// The patterns as configured, for messages.
    pub patterns: Vec<String>,
    matcher: GlobSet,
}

impl Helper {
    pub fn matches(&self, name: &str) -> bool {
        self.matcher.is_match(normalised(name))
    }
}

fn normalised(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

pub(crate) fn helpers(options: &RuleOptions<'_>) -> Result<Vec<Helper>, toml::de::Error> {
    let configs: Vec<HelperConfig> = options.section("helpers")?;
    let mut helpers: Vec<Helper> = Vec::new();
    for config in configs {
        if helpers.iter().any(|h| h.name == config.name) {
            return Err(toml::de::Error::custom(format!(
                "helper `{}` is listed twice in [[helpers]]",
                config.name
            )));
        }
        let patterns: Vec<String> = match config.names {
            Some(names) if names.is_empty() => {
                return Err(toml::de::Error::custom(format!(
                    "helper `{}`: `names` is empty; list the names its copies go by",
                    config.name
                )));
            }
            Some(names) => names,
            None => match DEFAULTS.iter().find(|(name, _)| *name == config.name) {
                Some((_, patterns)) => patterns.iter().map(|p| p.to_string()).collect(),
                None => {
                    let known: Vec<&str> = DEFAULTS.iter().map(|(name, _)| *name).collect();
                    return Err(toml::de::Error::custom(format!(
                        "helper `{}` needs `names` (globs over function names, e.g. [\"{}\", \"*{}*\"]); built-in names exist only for {}",
                        config.name,
                        config.name,
                        config.name,
                        known.join(", ")
                    )));
                }
            },
        };
        let language = Language::from_path(config.canonical.as_ref());
        if language.is_none() || config.canonical.contains(['*', '?', '[', '{']) {
            return Err(toml::de::Error::custom(format!(
                "helper `{}`: `canonical` must be one TypeScript, JavaScript or Rust file relative to the config, not `{}`",
                config.name, config.canonical
            )));
        }
        // Function names, not paths: `*` matches any run of characters.
        let mut matcher = GlobSetBuilder::new();
        for pattern in &patterns {
            let glob = GlobBuilder::new(&normalised(pattern))
                .literal_separator(false)
                .build();
            matcher.add(glob.map_err(|e| {
                toml::de::Error::custom(format!(
                    "helper `{}`: invalid name pattern `{pattern}`: {}",
                    config.name,
                    e.kind()
                ))
            })?);
        }
        helpers.push(Helper {
            name: config.name,
            canonical: config.canonical.trim_start_matches("./").to_string(),
            rust: language == Some(Language::Rust),
            patterns,
            matcher: matcher
                .build()
                .map_err(|e| toml::de::Error::custom(e.to_string()))?,
        });
    }
    Ok(helpers)
}
