use std::path::Path;

use serde::Deserialize;

use crate::rule::{Needs, RuleImpl, RuleSpec};
use crate::{Config, Diagnostic, FileContext, FileRule, RuleOptions, Severity, SourceFile};

/// Reports each file with its options in the message, so a test sees which options it got.
struct Echo(String);

impl FileRule for Echo {
    fn needs(&self) -> Needs {
        Needs::always()
    }
    fn check(&self, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        out.push(Diagnostic::new(cx.span(0..0), self.0.clone()));
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct EchoOptions {
    max: Option<u32>,
    label: Option<String>,
}

fn build_echo(options: RuleOptions<'_>) -> Result<RuleImpl, toml::de::Error> {
    let o: EchoOptions = options.parse()?;
    Ok(RuleImpl::File(Box::new(Echo(format!(
        "max={:?} label={:?}",
        o.max, o.label
    )))))
}

fn build_whole(options: RuleOptions<'_>) -> Result<RuleImpl, toml::de::Error> {
    options.parse::<EchoOptions>()?;
    Ok(RuleImpl::Suppressions)
}

use crate::rule::tests::test_spec as spec;

static REGISTRY: [RuleSpec; 2] = [spec("echo", build_echo), spec("whole", build_whole)];

fn parse(text: &str) -> Result<Config, String> {
    Config::parse(Path::new("structlint.toml"), text, &REGISTRY).map_err(|e| {
        let line = e
            .label
            .as_ref()
            .map(|(span, _)| text[..span.start].matches('\n').count() + 1);
        format!(
            "{} (help: {}) at line {line:?}",
            e.message,
            e.help.unwrap_or_default()
        )
    })
}

/// What rule `echo` reports in a file at `path`, and at which severity; `None` when off.
fn echo_at(config: &Config, path: &str) -> Option<(Severity, String)> {
    let o = &config.overrides;
    let matching = o.matching(path);
    let base = config.rules.iter().find(|r| r.meta.id == "echo")?.severity;
    let severity = o.severity(&matching, "echo", base)?;
    let from = o.options_from(&matching, "echo");
    let rule = if from.is_empty() {
        match &config.rules.iter().find(|r| r.meta.id == "echo")?.imp {
            RuleImpl::File(rule) => return Some((severity, echo(rule.as_ref(), path))),
            _ => unreachable!("echo is a file rule"),
        }
    } else {
        o.build("echo", &from).unwrap()
    };
    Some((severity, echo(rule.as_ref(), path)))
}

fn echo(rule: &dyn FileRule, path: &str) -> String {
    let file = SourceFile::new(
        path.into(),
        path.into(),
        crate::Language::TypeScript,
        String::new(),
    );
    let mut out = Vec::new();
    rule.check(&FileContext::new(&file), &mut out);
    out.remove(0).summary
}

#[test]
fn later_overrides_win_and_set_only_what_they_name() {
    let config = parse(
        r#"
[rules]
echo = { level = "warn", max = 10, label = "base" }

[[overrides]]
files = ["legacy/**"]
[overrides.rules]
echo = { max = 20 }

[[overrides]]
files = ["legacy/old/**"]
[overrides.rules]
echo = { level = "error", label = "old" }
"#,
    )
    .unwrap();
    let warn = Severity::Warning;
    assert_eq!(
        echo_at(&config, "src/a.ts"),
        Some((warn, "max=Some(10) label=Some(\"base\")".into()))
    );
    assert_eq!(
        echo_at(&config, "legacy/a.ts"),
        Some((warn, "max=Some(20) label=Some(\"base\")".into()))
    );
    assert_eq!(
        echo_at(&config, "legacy/old/a.ts"),
        Some((Severity::Error, "max=Some(20) label=Some(\"old\")".into())),
        "the second override keeps the first's max and the base's nothing it replaces"
    );
}

#[test]
fn order_decides_not_specificity() {
    let config = parse(
        r#"
[[overrides]]
files = ["legacy/old/**"]
rules = { echo = "warn" }

[[overrides]]
files = ["legacy/**"]
rules = { echo = "off" }
"#,
    )
    .unwrap();
    assert_eq!(echo_at(&config, "legacy/old/a.ts"), None);
    assert_eq!(
        echo_at(&config, "src/a.ts").map(|(s, _)| s),
        Some(Severity::Error)
    );
}

#[test]
fn a_rule_off_in_rules_runs_only_where_an_override_turns_it_on() {
    let config = parse(
        "[rules]\necho = \"off\"\n[[overrides]]\nfiles = [\"new/**\"]\nrules = { echo = \"warn\" }\n",
    )
    .unwrap();
    assert_eq!(
        echo_at(&config, "new/a.ts").map(|(s, _)| s),
        Some(Severity::Warning)
    );
    assert_eq!(echo_at(&config, "old/a.ts"), None);
}

#[test]
fn bad_overrides_are_config_errors_at_their_line() {
    let bad = |text: &str, expected: &str, line: usize| {
        let err = parse(text)
            .err()
            .unwrap_or_else(|| panic!("accepted: {text}"));
        assert!(err.contains(expected), "{err}");
        assert!(err.ends_with(&format!("at line Some({line})")), "{err}");
    };
    let head = "[[overrides]]\nfiles = [\"a/**\"]\n";
    bad(
        &format!("{head}[overrides.rules]\nechoo = \"off\"\n"),
        "did you mean `echo`?",
        4,
    );
    bad(
        "[[overrides]]\nfiles = []\nrules = {}\n",
        "`files` is empty",
        2,
    );
    bad(
        "[[overrides]]\nfiles = [\"a/[\"]\nrules = {}\n",
        "invalid glob",
        2,
    );
    bad(
        "[[overrides]]\nfiles = [\"./a/**\"]\nrules = {}\n",
        "can never match",
        2,
    );
    bad(
        "[[overrides]]\nrules = { echo = \"off\" }\n",
        "has no `files`",
        1,
    );
    bad(&format!("{head}rule = {{}}\n"), "did you mean `rules`?", 3);
    bad(
        &format!("{head}rules = {{ echo = \"loud\" }}\n"),
        "invalid level",
        3,
    );
    bad(
        &format!("{head}rules = {{ echo = {{ max = \"x\" }} }}\n"),
        "invalid options for rule `echo`",
        3,
    );
    bad(
        &format!("{head}rules = {{ whole = {{ max = 3 }} }}\n"),
        "cannot have other options in an override",
        3,
    );
    bad("overrides = { files = [\"a\"] }\n", "array of tables", 1);
}

#[test]
fn a_workspace_rule_may_change_its_level_in_an_override() {
    let config = parse("[[overrides]]\nfiles = [\"a/**\"]\nrules = { whole = \"off\" }\n").unwrap();
    let o = &config.overrides;
    assert_eq!(
        o.severity(&o.matching("a/x.ts"), "whole", Severity::Error),
        None
    );
    assert_eq!(
        o.severity(&o.matching("b/x.ts"), "whole", Severity::Error),
        Some(Severity::Error)
    );
}
