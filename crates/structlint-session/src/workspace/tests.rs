use std::path::{Path, PathBuf};

use super::*;

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = tmp.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    tmp
}

fn root(dir: &Path, input: &str) -> PathBuf {
    match common(&[dir.join(input)]).unwrap() {
        Workspace::Root(root) => root
            .strip_prefix(normalize(dir).unwrap())
            .unwrap()
            .to_path_buf(),
        config => panic!("{config:?}"),
    }
}

#[test]
fn without_a_config_the_workspace_is_the_nearest_that_declares_one() {
    let tmp = tree(&[
        ("pnpm-workspace.yaml", "packages: [\"packages/*\"]\n"),
        ("packages/a/package.json", "{ \"name\": \"a\" }"),
        ("packages/a/src/x.ts", ""),
        ("npm/package.json", "{ \"workspaces\": [\"p/*\"] }"),
        ("npm/p/b/package.json", "{ \"name\": \"b\" }"),
        ("cargo/Cargo.toml", "[workspace]\nmembers = [\"c\"]\n"),
        ("cargo/c/Cargo.toml", "[package]\nname = \"c\"\n"),
        ("cargo/c/src/lib.rs", ""),
    ]);
    let dir = tmp.path();
    assert_eq!(root(dir, "packages/a/src/x.ts"), Path::new(""));
    assert_eq!(root(dir, "packages/a"), Path::new(""));
    assert_eq!(root(dir, "npm/p/b"), Path::new("npm"));
    assert_eq!(root(dir, "cargo/c/src/lib.rs"), Path::new("cargo"));
    assert_eq!(root(dir, "packages/a/src/missing.ts"), Path::new(""));
}

#[test]
fn a_repository_or_a_package_bounds_the_workspace() {
    let tmp = tree(&[
        ("repo/.git/HEAD", ""),
        ("repo/src/x.ts", ""),
        ("pkg/package.json", "{ \"name\": \"p\" }"),
        ("pkg/src/y.ts", ""),
        ("loose/z.ts", ""),
    ]);
    let dir = tmp.path();
    assert_eq!(root(dir, "repo/src/x.ts"), Path::new("repo"));
    assert_eq!(root(dir, "pkg/src/y.ts"), Path::new("pkg"));
    assert_eq!(root(dir, "loose/z.ts"), Path::new("loose"));
    assert_eq!(root(dir, "loose"), Path::new("loose"));
}

#[test]
fn the_inputs_agree_in_any_order() {
    // A folder the outer workspace excludes may be a project of its own.
    let tmp = tree(&[
        ("structlint.toml", "[files]\nexclude = [\"other/**\"]\n"),
        ("a/x.ts", ""),
        ("b/y.ts", ""),
        ("other/structlint.toml", ""),
        ("other/z.ts", ""),
    ]);
    let dir = tmp.path();
    let [a, b, z] = ["a/x.ts", "b", "other/z.ts"].map(|p| dir.join(p));
    let config = normalize(&dir.join("structlint.toml")).unwrap();
    assert_eq!(
        common(&[a.clone(), b.clone()]).unwrap(),
        Workspace::Config(config.clone())
    );
    assert_eq!(
        common(&[b.clone(), a.clone()]).unwrap(),
        Workspace::Config(config)
    );
    for inputs in [[a.clone(), z.clone()], [z, a]] {
        let err = common(&inputs).unwrap_err();
        assert!(
            err.message.contains("different workspaces"),
            "{}",
            err.message
        );
    }
}

#[test]
fn without_configs_the_outer_root_holds_the_inner_inputs() {
    let tmp = tree(&[
        ("loose/z.ts", ""),
        ("loose/deep/w.ts", ""),
        ("apart/v.ts", ""),
    ]);
    let dir = tmp.path();
    let [outer, inner, apart] = ["loose", "loose/deep/w.ts", "apart/v.ts"].map(|p| dir.join(p));
    let loose = Workspace::Root(normalize(&outer).unwrap());
    assert_eq!(common(&[inner.clone(), outer.clone()]).unwrap(), loose);
    assert_eq!(common(&[outer, inner.clone()]).unwrap(), loose);
    assert!(common(&[inner, apart]).is_err());
}

#[test]
fn a_config_in_a_folder_the_outer_workspace_checks_is_an_error_from_inside_it() {
    let tmp = tree(&[
        ("structlint.toml", ""),
        ("packages/legacy/structlint.toml", ""),
        ("packages/legacy/src/z.ts", ""),
    ]);
    let dir = tmp.path();
    for input in ["packages/legacy", "packages/legacy/src/z.ts"] {
        let err = common(&[dir.join(input)]).unwrap_err();
        assert!(
            err.message.contains("is a nested configuration"),
            "{}",
            err.message
        );
        let help = err.help.unwrap_or_default();
        assert!(help.contains("files = [\"packages/legacy/**\"]"), "{help}");
    }
}
