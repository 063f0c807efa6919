use super::*;

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("ws");
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::write(root.join("pkg/tsconfig.json"), "{}").unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "TOKEN=hunter2").unwrap();
    (tmp, root)
}

#[test]
fn reads_files_under_the_root_by_relative_or_absolute_path() {
    let (_tmp, root) = workspace();
    assert_eq!(read_inside(&root, "pkg/tsconfig.json").unwrap(), "{}");
    assert_eq!(
        read_inside(&root, "pkg/../pkg/tsconfig.json").unwrap(),
        "{}"
    );
    assert_eq!(
        read_inside(&root, root.join("pkg/tsconfig.json")).unwrap(),
        "{}"
    );
    let missing = read_inside(&root, "nope.json").unwrap_err();
    assert!(missing.is_not_found());
    assert_eq!(missing.to_string(), "nope.json does not exist");
}

#[test]
fn refuses_paths_that_leave_the_root_and_never_prints_contents() {
    let (tmp, root) = workspace();
    for path in [
        PathBuf::from("../secret.txt"),
        PathBuf::from("pkg/../../secret.txt"),
        tmp.path().join("secret.txt"),
    ] {
        let error = read_inside(&root, &path).unwrap_err();
        assert!(
            matches!(error.kind, ReadErrorKind::Outside { .. }),
            "{path:?}: {error}"
        );
        let message = error.to_string();
        assert!(message.contains("outside the workspace"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }
}

#[cfg(unix)]
#[test]
fn follows_symlinks_only_to_files_under_the_root() {
    let (tmp, root) = workspace();
    let link = |target: &Path, name: &str| std::os::unix::fs::symlink(target, root.join(name));
    link(&tmp.path().join("secret.txt"), "team.toml").unwrap();
    link(&root.join("pkg/tsconfig.json"), "base.json").unwrap();
    link(tmp.path(), "up").unwrap();
    link(Path::new("/dev/zero"), "zero.json").unwrap();
    let error = read_inside(&root, "team.toml").unwrap_err();
    assert!(
        error.to_string().starts_with("team.toml resolves to "),
        "{error}"
    );
    assert!(matches!(error.kind, ReadErrorKind::Outside { .. }));
    assert!(matches!(
        read_inside(&root, "up/secret.txt").unwrap_err().kind,
        ReadErrorKind::Outside { .. }
    ));
    assert_eq!(read_inside(&root, "base.json").unwrap(), "{}");
    // The target is outside; were it inside, it would still not be a regular file.
    assert!(read_inside(&root, "zero.json").is_err());
    assert!(matches!(
        read_inside(&root, "pkg").unwrap_err().kind,
        ReadErrorKind::NotAFile
    ));
}

#[test]
fn large_binary_and_non_utf8_files_are_errors() {
    let (_tmp, root) = workspace();
    let big = vec![b'a'; DEFAULT_MAX_FILE_SIZE as usize + 1];
    std::fs::write(root.join("big.json"), big).unwrap();
    std::fs::write(root.join("bin.json"), b"{\0}").unwrap();
    std::fs::write(root.join("latin1.json"), b"{}\n\"caf\xe9\"").unwrap();
    let message = |p: &str| read_inside(&root, p).unwrap_err().to_string();
    assert!(message("big.json").contains("over the size limit of 2.0 MiB"));
    assert!(message("bin.json").contains("binary file"));
    assert!(message("latin1.json").contains("line 2"));
}

#[test]
fn relative_paths_must_stay_where_they_are_joined() {
    for good in ["a.ts", "src/utils/x.ts", ".env", "a..b/c", "..a"] {
        assert_eq!(check_relative(good), Ok(()), "{good}");
    }
    for (bad, why) in [
        ("", "empty"),
        ("/home/u/.bashrc", "absolute"),
        ("../x", "`..`"),
        ("src/../../x", "`..`"),
        ("./x", "`.` part"),
        ("a//b", "empty part"),
        ("a/", "empty part"),
        ("..\\x", "`\\`"),
        ("a\0b", "NUL"),
    ] {
        let reason = check_relative(bad).unwrap_err();
        assert!(reason.contains(why), "{bad:?}: {reason}");
    }
}
