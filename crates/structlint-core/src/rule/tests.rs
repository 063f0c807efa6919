//! The rule types' own tests, and a rule spec for the engine's and config's tests.

use super::*;

#[test]
fn documentation_is_the_leading_doc_comment() {
    let spec = RuleSpec {
        id: "x",
        name: "X",
        summary: "",
        default_level: Level::Warn,
        tags: &[],
        precision: "high",
        sections: &[],
        source: "//! # x\n//!\n//! Body.\nuse a;\n//! not this\n",
        build: |_| Ok(RuleImpl::Suppressions),
    };
    assert_eq!(spec.documentation(), "# x\n\nBody.\n");
    assert_eq!(RuleMeta::name_of("max-file-lines"), "MaxFileLines");
    assert_eq!(RuleMeta::name_of("acme/no-console"), "AcmeNoConsole");
    assert_eq!(RuleMeta::name_of("todo"), "TodoRule");
    assert_eq!(
        spec.docs_url(),
        "https://github.com/structlint/structlint/blob/main/docs/rules/x.md"
    );
}

#[test]
fn levels_parse_and_map_to_severities() {
    assert_eq!(Level::parse("warn"), Some(Level::Warn));
    assert_eq!(Level::parse("warning"), None);
    assert_eq!(Level::Off.severity(), None);
    assert_eq!(Level::Error.as_str(), "error");
}

/// A rule for the engine's and the config's own tests: an error by default, no docs.
pub(crate) const fn test_spec(
    id: &'static str,
    build: fn(RuleOptions<'_>) -> Result<RuleImpl, toml::de::Error>,
) -> RuleSpec {
    RuleSpec {
        id,
        name: "Test",
        summary: "",
        default_level: Level::Error,
        tags: &[],
        precision: "high",
        sections: &[],
        source: "",
        build,
    }
}
