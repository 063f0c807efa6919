//! `structlint init` end to end on copies of the fixtures without their config: the config it
//! writes loads, `check` runs with it, and an existing config is never overwritten.

mod common;

use std::path::PathBuf;

fn fixture_without_config(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(name);
    common::copy_dir(&common::repo().join("fixtures").join(name), &root);
    std::fs::remove_file(root.join("structlint.toml")).unwrap();
    (dir, root)
}

#[test]
fn init_writes_a_config_that_check_loads_on_the_typescript_fixture() {
    let (_dir, root) = fixture_without_config("ts-monorepo");
    let dry = common::structlint(&root, &["init", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        !root.join("structlint.toml").exists(),
        "a dry run writes nothing"
    );
    for expected in [
        "#   package @acme/billing (packages/billing)",
        "[[layers]]\nname = \"billing\"\nmodules = \"packages/billing/src\"\norder = [\"types\", \"config\", \"repo\", \"service\", \"ui\"]\ncross-cutting = [\"providers\"]\n",
        "#   retry: withRetry in packages/net/src/retry.ts",
        "[rules.duplicate-schemas]\ncanonical = [\"packages/schemas/**\"]",
    ] {
        assert!(
            dry.stdout.contains(expected),
            "{expected}\nnot in:\n{}",
            dry.stdout
        );
    }
    let run = common::structlint(&root, &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(root.join("structlint.toml")).unwrap(),
        dry.stdout
    );
    assert!(
        run.stdout.contains("structlint check finds, per rule:\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  layers "), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("`structlint check --fix` fixes 1 finding"),
        "{}",
        run.stdout
    );
    let check = common::structlint(&root, &["check", "."]);
    assert_eq!(
        check.code, 1,
        "findings, not a config error: {}",
        check.stderr
    );
}

#[test]
fn init_never_overwrites_a_config() {
    let (_dir, root) = fixture_without_config("ts-monorepo");
    std::fs::write(root.join("structlint.toml"), "# mine\n").unwrap();
    let run = common::structlint(&root, &["init"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(root.join("structlint.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn init_lists_the_crates_of_a_cargo_workspace() {
    let (_dir, root) = fixture_without_config("rust-workspace");
    let run = common::structlint(&root, &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(root.join("structlint.toml")).unwrap();
    assert!(text.contains("#   crate "), "{text}");
    let check = common::structlint(&root, &["check", "."]);
    assert!(check.code <= 1, "no config error: {}", check.stderr);
}
