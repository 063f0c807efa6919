//! `[[overrides]]` and nested configs, end to end on a copy of the TypeScript fixture.

mod common;

use std::fs;
use std::path::Path;

use common::structlint;
use serde_json::Value;

fn fixture_with(config_tail: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::repo().join("fixtures/ts-monorepo"), dir.path());
    let config = dir.path().join("structlint.toml");
    let mut text = fs::read_to_string(&config).unwrap();
    text.push_str(config_tail);
    fs::write(config, text).unwrap();
    dir
}

/// (rule, severity, path, summary) of each finding of `check --format json` in `cwd`.
fn findings(cwd: &Path) -> Vec<(String, String, String, String)> {
    let run = structlint(cwd, &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let document: Value = serde_json::from_str(&run.stdout).unwrap();
    let field = |d: &Value, key: &str| d[key].as_str().unwrap().to_string();
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let [rule, severity, path, summary] =
                ["rule", "severity", "path", "summary"].map(|k| field(d, k));
            (rule, severity, path, summary)
        })
        .collect()
}

const LEGACY: &str = r#"
# Billing is legacy code: its long files are known, its layer breaks are tracked as warnings.
[[overrides]]
files = ["packages/billing/**"]
[overrides.rules]
max-file-lines = "off"
layers = "warn"

# Reports is new code, held to a far stricter size, and not (yet) to package privacy.
[[overrides]]
files = ["packages/reports/**"]
[overrides.rules]
max-file-lines = { max = 25 }
package-privacy = "off"
"#;

#[test]
fn a_legacy_package_takes_the_levels_and_options_of_its_overrides() {
    let plain = tempfile::tempdir().unwrap();
    common::copy_dir(&common::repo().join("fixtures/ts-monorepo"), plain.path());
    let before = findings(plain.path());
    let dir = fixture_with(LEGACY);
    let after = findings(dir.path());
    let of = |list: &[(String, String, String, String)], rule: &str, package: &str| {
        list.iter()
            .filter(|(r, _, p, _)| r == rule && p.starts_with(&format!("packages/{package}/")))
            .map(|(_, severity, path, summary)| (severity.clone(), path.clone(), summary.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(of(&before, "max-file-lines", "billing").len(), 1);
    assert_eq!(of(&after, "max-file-lines", "billing"), []);
    let layers = of(&after, "layers", "billing");
    assert_eq!(layers.len(), of(&before, "layers", "billing").len());
    assert!(
        layers.iter().all(|(severity, ..)| severity == "warning"),
        "{layers:?}"
    );
    assert!(!of(&before, "package-privacy", "reports").is_empty());
    assert_eq!(of(&after, "package-privacy", "reports"), []);
    let long = of(&after, "max-file-lines", "reports");
    assert!(!long.is_empty(), "reports has files over 25 lines");
    for (severity, _, summary) in &long {
        assert_eq!(severity, "error");
        assert!(summary.contains("over the limit of 25"), "{summary}");
    }
    // What no override names is as before.
    let untouched = |list: &[(String, String, String, String)]| {
        list.iter()
            .filter(|(r, ..)| {
                !["max-file-lines", "layers", "package-privacy"].contains(&r.as_str())
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(untouched(&after), untouched(&before));
}

#[test]
fn a_nested_config_is_an_error_from_the_root_and_from_inside_it() {
    let dir = fixture_with("");
    let package = dir.path().join("packages/reports");
    fs::write(
        package.join("structlint.toml"),
        "[rules]\nmax-file-lines = \"off\"\n",
    )
    .unwrap();
    for cwd in [dir.path(), &package] {
        let run = structlint(cwd, &["check"]);
        assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("is a nested configuration"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("structlint.toml"), "{}", run.stderr);
        assert!(run.stderr.contains("[[overrides]]"), "{}", run.stderr);
        assert!(run.stderr.contains("packages/reports/**"), "{}", run.stderr);
    }
}

#[test]
fn bad_overrides_are_config_errors_on_their_line() {
    let cases = [
        (
            "[[overrides]]\nfiles = [\"packages/billing/**\"]\nrules = { max-file-line = \"off\" }\n",
            "did you mean `max-file-lines`?",
        ),
        (
            "[[overrides]]\nfiles = []\nrules = { max-file-lines = \"off\" }\n",
            "`files` is empty",
        ),
        (
            "[[overrides]]\nfiles = [\"packages/{billing\"]\nrules = {}\n",
            "invalid glob",
        ),
        (
            "[[overrides]]\nfiles = [\"packages/billing/**\"]\nrules = { duplicate-schemas = { min-fields = 9 } }\n",
            "rule `duplicate-schemas` cannot have other options in an override",
        ),
    ];
    for (tail, expected) in cases {
        let dir = fixture_with(tail);
        let run = structlint(dir.path(), &["check"]);
        assert_eq!(run.code, 2, "{tail}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{tail}: {}", run.stderr);
        assert!(
            run.stderr.contains("[structlint.toml:"),
            "points at the line: {}",
            run.stderr
        );
    }
}
