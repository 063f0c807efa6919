use structlint_core::test_support::workspace;

use super::*;

fn labels(p: &Packages) -> Vec<String> {
    p.list
        .iter()
        .map(|p| format!("{}={}", p.dir, p.label()))
        .collect()
}

#[test]
fn pnpm_lists_in_block_and_flow_style() {
    let block = "# workspace\npackages:\n  # apps first\n  - \"apps/*\"\n  - 'packages/**'\n  - tools/cli # the CLI\n  - '!**/test/**'\ncatalog:\n  react: ^18\n";
    assert_eq!(
        pnpm_packages(block).unwrap(),
        ["apps/*", "packages/**", "tools/cli", "!**/test/**"]
    );
    assert_eq!(
        pnpm_packages("packages: [\"a/*\", 'b/*']\n").unwrap(),
        ["a/*", "b/*"]
    );
    assert_eq!(
        pnpm_packages("catalog: {}\n").unwrap(),
        Vec::<String>::new()
    );
    assert!(
        pnpm_packages("packages:\n  key: value\n")
            .unwrap_err()
            .contains("line 2")
    );
    assert!(pnpm_packages("packages: [a, b\n").is_err());
}

#[test]
fn pnpm_workspace_globs_choose_the_packages() {
    let (_d, cx) = workspace(&[
        (
            "pnpm-workspace.yaml",
            "packages:\n  - packages/*\n  - '!packages/legacy'\n",
        ),
        ("package.json", r#"{"name": "root", "private": true}"#),
        ("packages/a/package.json", r#"{"name": "@acme/a"}"#),
        (
            "packages/legacy/package.json",
            r#"{"name": "@acme/legacy"}"#,
        ),
        (
            "packages/a/fixtures/pkg/package.json",
            r#"{"name": "fixture"}"#,
        ),
        ("tools/x/package.json", r#"{"name": "x"}"#),
    ]);
    let packages = Packages::discover(&cx);
    assert_eq!(
        labels(&packages),
        ["packages/a=@acme/a"],
        "the root holds the monorepo's tooling: a package only when it is a member"
    );
    assert_eq!(packages.containing("packages/a/src/x.ts"), Some(0));
    assert_eq!(packages.containing("tools/y.ts"), None);
    assert_eq!(
        packages.containing("packages/a/fixtures/pkg/index.ts"),
        None,
        "a named package the workspace does not list is not part of the member around it"
    );
}

/// create-vite keeps its templates in `template-*/`, each a project with its own
/// package.json; a `package.json` that only sets `type` is a marker, not a package.
#[test]
fn the_nearest_named_package_json_decides_the_package() {
    let (_d, cx) = workspace(&[
        ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
        ("packages/create/package.json", r#"{"name": "create"}"#),
        (
            "packages/create/template-react/package.json",
            r#"{"name": "starter", "devDependencies": {"@acme/cli": "^1"}}"#,
        ),
        ("packages/create/template-broken/package.json", "{ broken"),
        (
            "packages/create/src/esm/package.json",
            r#"{"type": "module"}"#,
        ),
        ("packages/acme-clj/package.json", r#"{"name": "@acme/clj"}"#),
    ]);
    let packages = Packages::discover(&cx);
    let create = packages.by_name("create");
    assert_eq!(
        packages.containing("packages/create/template-react/vite.config.ts"),
        None
    );
    assert_eq!(packages.containing("packages/create/src/esm/x.ts"), create);
    assert_eq!(
        packages.containing("packages/create/template-broken/x.ts"),
        create
    );
    assert_eq!(
        packages.misspelt("packages/create/template-react/src/main.ts", "@acme/cli"),
        None,
        "the template declares it: an npm package, not a typo of @acme/clj"
    );
    assert!(
        cx.take_notes().is_empty(),
        "a broken manifest outside the workspace is not ours"
    );
}

#[test]
fn npm_workspaces_or_every_manifest() {
    let (_d, cx) = workspace(&[
        (
            "package.json",
            r#"{"name": "root", "workspaces": ["libs/*"]}"#,
        ),
        ("libs/one/package.json", r#"{"name": "one"}"#),
        ("apps/two/package.json", r#"{"name": "two"}"#),
    ]);
    assert_eq!(labels(&Packages::discover(&cx)), ["libs/one=one"]);
    let (_d, cx) = workspace(&[
        ("libs/one/package.json", r#"{"name": "one"}"#),
        ("apps/two/package.json", "{}"),
    ]);
    assert_eq!(
        labels(&Packages::discover(&cx)),
        ["apps/two=apps/two", "libs/one=one"]
    );
}

#[test]
fn malformed_manifests_and_duplicates_are_notes() {
    let (_d, cx) = workspace(&[
        ("pnpm-workspace.yaml", "packages:\n  nested: true\n"),
        ("a/package.json", r#"{"name": "same"}"#),
        ("b/package.json", r#"{"name": "same"}"#),
        ("c/package.json", r#"{"name": }"#),
    ]);
    assert_eq!(labels(&Packages::discover(&cx)), ["a=same"]);
    let notes: Vec<String> = cx
        .take_notes()
        .into_iter()
        .map(|n| format!("{}: {}", n.path, n.message))
        .collect();
    assert_eq!(notes.len(), 3, "{notes:#?}");
    assert!(
        notes[0].starts_with("pnpm-workspace.yaml: cannot read the package list (line 2"),
        "{notes:#?}"
    );
    assert!(
        notes[1]
            .starts_with("b/package.json: the package name `same` is also used by a/package.json"),
        "{notes:#?}"
    );
    assert!(
        notes[2].starts_with("c/package.json: invalid package.json"),
        "{notes:#?}"
    );
}

#[cfg(unix)]
#[test]
fn manifests_that_resolve_outside_the_root_are_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("p.json"), r#"{"name": "stolen"}"#).unwrap();
    let (dir, mut cx) = workspace(&[("a/package.json", r#"{"name": "a"}"#)]);
    std::fs::create_dir(dir.path().join("b")).unwrap();
    let link = dir.path().join("b/package.json");
    std::os::unix::fs::symlink(outside.path().join("p.json"), link).unwrap();
    cx.index = ["a/package.json", "b/package.json"]
        .map(String::from)
        .into_iter()
        .collect();
    assert_eq!(labels(&Packages::discover(&cx)), ["a=a"]);
    let notes = cx.take_notes();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!(notes[0].path, "b/package.json");
    assert!(
        notes[0].message.contains("outside the workspace"),
        "{}",
        notes[0].message
    );
}
