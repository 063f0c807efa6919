//! `[[overrides]]` in a run: levels per file in both phases, options per file for file rules.

use serde::Deserialize;

use super::Engine;
use super::tests::{SameFirstLine, summary, workspace};
use crate::rule::{Needs, RuleImpl, RuleSpec};
use crate::{Config, Diagnostic, FileContext, FileRule, RuleOptions};

/// Reports files longer than `max` lines.
struct Long(usize);

impl FileRule for Long {
    fn needs(&self) -> Needs {
        Needs::always()
    }
    fn check(&self, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let lines = cx.text().lines().count();
        if lines > self.0 {
            out.push(Diagnostic::new(
                cx.span(0..0),
                format!("{lines} > {}", self.0),
            ));
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
struct LongOptions {
    max: usize,
}

impl Default for LongOptions {
    fn default() -> Self {
        LongOptions { max: 2 }
    }
}

fn long(options: RuleOptions<'_>) -> Result<RuleImpl, toml::de::Error> {
    let options: LongOptions = options.parse()?;
    Ok(RuleImpl::File(Box::new(Long(options.max))))
}

fn same(_: RuleOptions<'_>) -> Result<RuleImpl, toml::de::Error> {
    Ok(RuleImpl::Workspace(Box::new(SameFirstLine)))
}

fn suppressions(_: RuleOptions<'_>) -> Result<RuleImpl, toml::de::Error> {
    Ok(RuleImpl::Suppressions)
}

use crate::rule::tests::test_spec as spec;

static REGISTRY: [RuleSpec; 3] = [
    spec("long", long),
    spec("same", same),
    spec("suppressions", suppressions),
];

const CONFIG: &str = r#"
[[overrides]]
files = ["legacy/**"]
[overrides.rules]
long = { max = 4 }
same = "off"

[[overrides]]
files = ["legacy/gen/**"]
rules = { long = "off", same = "warn" }
"#;

#[test]
fn findings_take_the_level_and_options_of_their_file() {
    let five = "x\n2\n3\n4\n5\n";
    let tmp = workspace(&[
        ("src/a.ts", "x\n2\n3\n"),
        ("legacy/b.ts", "x\n2\n3\n"),
        ("legacy/c.ts", five),
        (
            "legacy/d.ts",
            "x\n// structlint-disable-file same -- copied from src/a.ts\n",
        ),
        ("legacy/gen/e.ts", five),
        ("app/f.ts", "x\n"),
    ]);
    let config = Config::parse(&tmp.path().join("structlint.toml"), CONFIG, &REGISTRY).unwrap();
    let report = Engine::new(config).check(&[]).unwrap();
    assert_eq!(
        summary(&report),
        [
            "legacy/c.ts:1:1 error long: 5 > 4",
            "legacy/gen/e.ts:1:1 warning same: same first line",
            "src/a.ts:1:1 error long: 3 > 2",
            "src/a.ts:1:1 error same: same first line",
        ],
        "app/f.ts is the first `x`; legacy/ has its own max and no `same`, which legacy/gen/ \
         turns on again as a warning; the suppression of the rule legacy/ turns off is not \
         reported as unused"
    );
}
