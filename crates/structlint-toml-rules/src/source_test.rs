//! Source tests: rules over the workspace rather than a file's code. `kind = "imports"` checks
//! import edges between path globs with captures; `kind = "files"` checks paths: required
//! files in directories, file names, line counts, forbidden paths.

use globset::GlobSet;
use regex::Regex;
use structlint_core::glob::glob_set;
use structlint_core::{ConfigError, Language};
use toml::Spanned;

use crate::capture_glob::CaptureGlob;
use crate::def::RuleDef;
use crate::source::Source;

pub struct ImportsTest {
    pub from: CaptureGlob,
    pub to: CaptureGlob,
    pub allow_type_only: bool,
}

pub struct FilesTest {
    /// The globs the assertion is about (`forbid`'s own for `Forbid`), as written.
    pub globs: Vec<String>,
    pub paths: GlobSet,
    pub assertion: Assertion,
}

pub enum Assertion {
    /// Every directory matching `paths` contains each of these files.
    Require(Vec<String>),
    /// The name of every file matching `paths` matches this regex.
    Names(Regex),
    /// Every file matching `paths` has at most this many lines.
    MaxLines(usize),
    /// No file may match.
    Forbid,
}

/// A compiled source test: what the rule's matcher holds for `kind = "imports"` or "files".
pub(crate) enum SourceTest {
    Imports(ImportsTest),
    Files(FilesTest),
}

/// The matcher of a source test, the languages whose files it looks at, and the names its
/// message may interpolate.
pub(crate) fn compile(
    def: &RuleDef,
    id: &str,
    src: &Source<'_>,
) -> Result<(SourceTest, Vec<Language>, Vec<String>), ConfigError> {
    let kind = def.kind.as_ref().expect("a source test has a kind");
    if def.query.is_some() || def.pattern.is_some() || def.regex.is_some() {
        return Err(src
            .error(
                kind.span(),
                format!("rule `{id}`: a source test has no `query`, `pattern` or `regex`"),
                "a source test",
            )
            .with_help("drop `kind` for a rule over code, or the matcher for a source test"));
    }
    match kind.get_ref().as_str() {
        "imports" => {
            let glob = |g: &Option<Spanned<String>>,
                        field: &str|
             -> Result<CaptureGlob, ConfigError> {
                let g = g.as_ref().ok_or_else(|| src.error(kind.span(), format!("rule `{id}`: an imports test needs `{field}`"), format!("no `{field}`")).with_help("`from` and `to` are path globs, e.g. from = \"packages/{pkg}/src/**\", to = \"packages/!{pkg}/src/internal/**\""))?;
                CaptureGlob::new(g.get_ref())
                    .map_err(|e| src.error(g.span(), format!("rule `{id}`: invalid glob"), e))
            };
            let (from, to) = (glob(&def.from, "from")?, glob(&def.to, "to")?);
            let mut names: Vec<String> =
                from.names().chain(to.names()).map(str::to_string).collect();
            names.extend(["from", "to", "specifier", "match"].map(String::from));
            let languages = vec![Language::TypeScript, Language::Tsx, Language::JavaScript];
            Ok((
                SourceTest::Imports(ImportsTest {
                    from,
                    to,
                    allow_type_only: def.allow_type_only,
                }),
                languages,
                names,
            ))
        }
        "files" => {
            let assertions = [
                !def.require.is_empty(),
                def.names.is_some(),
                def.max_lines.is_some(),
                !def.forbid.is_empty(),
            ];
            if assertions.iter().filter(|a| **a).count() != 1 {
                return Err(src.error(kind.span(), format!("rule `{id}`: a files test needs exactly one of `require`, `names`, `max-lines` or `forbid`"), "one assertion per rule"));
            }
            let (globs, assertion) = if def.forbid.is_empty() {
                if def.paths.is_empty() {
                    return Err(src
                        .error(
                            kind.span(),
                            format!(
                                "rule `{id}`: `require`, `names` and `max-lines` apply to `paths`"
                            ),
                            "no `paths`",
                        )
                        .with_help(
                            "e.g. paths = [\"packages/*\"] with require = [\"README.md\"]",
                        ));
                }
                let assertion = if let Some(names) = &def.names {
                    Assertion::Names(Regex::new(names.get_ref()).map_err(|e| {
                        src.error(
                            names.span(),
                            format!("rule `{id}`: invalid regex"),
                            e.to_string().lines().last().unwrap_or("").to_string(),
                        )
                    })?)
                } else if let Some(max) = def.max_lines {
                    Assertion::MaxLines(max)
                } else {
                    Assertion::Require(def.require.clone())
                };
                (&def.paths, assertion)
            } else {
                (&def.forbid, Assertion::Forbid)
            };
            let paths = glob_set(globs.iter().map(|g| g.get_ref().as_str())).map_err(|bad| {
                let at = globs.get(bad.index).unwrap_or(&globs[0]);
                src.error(at.span(), "invalid glob", bad.message)
            })?;
            let names = ["path", "dir", "file", "lines", "max", "missing", "match"]
                .map(String::from)
                .to_vec();
            let globs = globs.iter().map(|g| g.get_ref().clone()).collect();
            Ok((
                SourceTest::Files(FilesTest {
                    globs,
                    paths,
                    assertion,
                }),
                Language::ALL.to_vec(),
                names,
            ))
        }
        other => Err(src
            .error(
                kind.span(),
                format!("unknown kind `{other}` in rule `{id}`"),
                "expected \"imports\" or \"files\"",
            )
            .with_help("leave `kind` out for a rule over code (query, pattern or regex)")),
    }
}
