//! structlint as a library: the same checks as the CLI, usable from `#[test]`s.

mod common;

use common::{lines, repo, workspace};
use structlint::{Check, OutputOptions, Severity};

/// The project passes its own checks the way a user's test would write it.
#[test]
fn structlint_is_clean_by_its_own_library_api() -> Result<(), structlint::ConfigError> {
    Check::workspace(repo()).run()?.assert_clean();
    Ok(())
}

#[test]
fn assert_clean_fails_with_the_agent_report_and_passes_warnings() {
    let dir = workspace(&[
        (
            "structlint.toml",
            b"[rules]\nmax-file-lines = { max = 10 }\n",
        ),
        ("src/a.ts", &lines(11)),
    ]);
    let findings = Check::workspace(dir.path()).run().unwrap();
    let panic =
        std::panic::catch_unwind(|| findings.assert_clean()).expect_err("an error finding fails");
    let message = panic.downcast_ref::<String>().expect("a formatted message");
    assert!(
        message.contains("### error `max-file-lines` at src/a.ts:11:1"),
        "{message}"
    );
    assert!(message.contains("Fix:"), "{message}");
    std::fs::write(
        dir.path().join("structlint.toml"),
        "[rules]\nmax-file-lines = { level = \"warn\", max = 10 }\n",
    )
    .unwrap();
    Check::workspace(dir.path()).run().unwrap().assert_clean();
}

/// The project passes its own checks: no file over 350 lines, every suppression justified.
#[test]
fn structlint_passes_its_own_checks() {
    let report = Check::workspace(repo())
        .run()
        .expect("structlint.toml is valid");
    let options = OutputOptions {
        base: repo(),
        ..OutputOptions::default()
    };
    assert_eq!(
        report.errors() + report.warnings(),
        0,
        "{}",
        structlint::OutputFormat::Human.render(&report, &options)
    );
    assert!(
        report.stats.files > 30,
        "the walk found the sources: {:?}",
        report.stats
    );
    assert!(report.internal_errors.is_empty());
}

#[test]
fn checks_run_from_a_path_with_its_config() {
    let dir = workspace(&[
        (
            "structlint.toml",
            b"[rules]\nmax-file-lines = { level = \"warn\", max = 10 }\n",
        ),
        ("src/a.ts", &lines(11)),
    ]);
    let report = Check::workspace(dir.path().join("src")).run().unwrap();
    assert_eq!(report.diagnostics.len(), 1);
    let d = &report.diagnostics[0];
    assert_eq!(
        (d.rule.as_str(), d.severity, d.span.path.as_str()),
        ("max-file-lines", Severity::Warning, "src/a.ts")
    );
    assert_eq!(report.root, structlint_core::normalize(dir.path()).unwrap());
}

#[test]
fn an_explicit_config_wins_and_bad_configs_are_errors() {
    let dir = workspace(&[
        ("other.toml", b"[rules]\nmax-file-lines = \"off\"\n"),
        ("a.ts", &lines(400)),
    ]);
    let off = Check::workspace(dir.path())
        .config(dir.path().join("other.toml"))
        .run()
        .unwrap();
    assert!(off.diagnostics.is_empty());
    let on = Check::workspace(dir.path()).run().unwrap();
    assert_eq!(on.errors(), 1, "defaults apply without a config file");
    std::fs::write(
        dir.path().join("structlint.toml"),
        "[rules]\nnope = \"warn\"\n",
    )
    .unwrap();
    let err = Check::workspace(dir.path()).run().unwrap_err();
    assert_eq!(err.message, "unknown rule `nope`");
    // What a `#[test]` returning the error, or `expect` on it, prints: the CLI's report.
    let shown = format!("{err:?}");
    assert!(shown.contains("structlint::config"), "{shown}");
    assert!(shown.contains("unknown rule `nope`"), "{shown}");
    assert!(shown.contains("structlint.toml:2:1"), "{shown}");
    assert!(shown.contains(" 2 | nope = \"warn\""), "{shown}");
    assert!(!shown.contains("ConfigError {"), "{shown}");
}
