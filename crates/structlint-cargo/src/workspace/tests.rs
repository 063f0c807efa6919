use structlint_core::test_support::workspace as context;

use super::*;

#[test]
fn members_names_libraries_dependencies_and_layers() {
    let (_dir, cx) = context(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"crates/*\"]\nexclude = [\"crates/old\"]\n[workspace.dependencies]\nacme-types = { path = \"crates/acme-types\" }\n",
        ),
        (
            "crates/acme-types/Cargo.toml",
            "[package]\nname = \"acme-types\"\n[package.metadata.structlint]\nlayer = \"types\"\n",
        ),
        ("crates/acme-types/src/lib.rs", ""),
        (
            "crates/acme-ui/Cargo.toml",
            "[package]\nname = \"acme-ui\"\n[dependencies]\nacme-types.workspace = true\nrepo = { path = \"../acme-repo\", package = \"acme-repo\" }\nserde = \"1\"\n",
        ),
        ("crates/acme-ui/src/main.rs", ""),
        (
            "crates/acme-repo/Cargo.toml",
            "[package]\nname = \"acme-repo\"\n[lib]\npath = \"src/repo.rs\"\n",
        ),
        ("crates/acme-repo/src/repo.rs", ""),
        ("crates/old/Cargo.toml", "[package]\nname = \"old\"\n"),
    ]);
    let ws = CargoWorkspace::discover(&cx);
    let names: Vec<&str> = ws.crates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["acme-repo", "acme-types", "acme-ui"]);
    assert_eq!(
        ws.crates[0].lib.as_deref(),
        Some("crates/acme-repo/src/repo.rs")
    );
    assert_eq!(ws.crates[1].layer.as_deref(), Some("types"));
    assert_eq!(ws.crates[2].lib, None);
    let deps: Vec<&str> = ws.crates[2].deps.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(deps, ["acme-types", "acme-repo"]);
    assert_eq!(ws.crate_of("crates/acme-ui/src/main.rs"), Some(2));
    assert_eq!(ws.by_ident("acme_types"), Some(1));
}

/// rust-analyzer's crates depend on each other as `{ path, version = "0.0.0" }` through
/// `[workspace.dependencies]`; a caret on `0.0.z` admits that one release.
#[test]
fn version_requirements_and_publishing() {
    let (_dir, cx) = context(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"crates/*\"]\n[workspace.package]\npublish = false\n[workspace.dependencies]\nbase = { path = \"crates/base\", version = \"0.0.0\" }\n",
        ),
        ("crates/base/Cargo.toml", "[package]\nname = \"base\"\n"),
        (
            "crates/user/Cargo.toml",
            "[package]\nname = \"user\"\npublish = false\n[dependencies]\nbase.workspace = true\nx = { path = \"../x\", version = \"1.2\" }\ny = { path = \"../y\", version = \"=1.2.3\" }\nz = { path = \"../z\" }\n",
        ),
        (
            "crates/x/Cargo.toml",
            "[package]\nname = \"x\"\npublish = []\n",
        ),
        (
            "crates/y/Cargo.toml",
            "[package]\nname = \"y\"\npublish.workspace = true\n",
        ),
        (
            "crates/z/Cargo.toml",
            "[package]\nname = \"z\"\npublish = [\"crates-io\"]\n",
        ),
    ]);
    let ws = CargoWorkspace::discover(&cx);
    let published: Vec<(&str, bool)> = ws
        .crates
        .iter()
        .map(|c| (c.name.as_str(), c.published))
        .collect();
    assert_eq!(
        published,
        [
            ("base", true),
            ("user", false),
            ("x", false),
            ("y", false),
            ("z", true)
        ]
    );
    let deps: Vec<(&str, Option<&str>, bool)> = ws.crates[1]
        .deps
        .iter()
        .map(|d| (d.name.as_str(), d.version.as_deref(), d.pins_one_release()))
        .collect();
    assert_eq!(
        deps,
        [
            ("base", Some("0.0.0"), true),
            ("x", Some("1.2"), false),
            ("y", Some("=1.2.3"), true),
            ("z", None, true),
        ]
    );
}

#[cfg(unix)]
#[test]
fn manifests_that_resolve_outside_the_root_are_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("m.toml"),
        "[package]\nname = \"stolen\"\n",
    )
    .unwrap();
    let (dir, mut cx) = context(&[("a/Cargo.toml", "[package]\nname = \"a\"\n")]);
    std::fs::create_dir(dir.path().join("b")).unwrap();
    let link = dir.path().join("b/Cargo.toml");
    std::os::unix::fs::symlink(outside.path().join("m.toml"), link).unwrap();
    cx.index = ["a/Cargo.toml", "b/Cargo.toml"]
        .map(String::from)
        .into_iter()
        .collect();
    let ws = CargoWorkspace::discover(&cx);
    let names: Vec<&str> = ws.crates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["a"]);
    let notes = cx.take_notes();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(notes[0].message.contains("outside the workspace"));
}
