//! `check --cache`: a run over unchanged files takes every file from the cache, and the
//! output is the same byte for byte as without a cache, whatever happened to the cache.

mod common;

use std::path::Path;

use common::Run;

/// A copy of the fixture `name`, so that the cache folder is written in a temporary place.
fn fixture(name: &str) -> tempfile::TempDir {
    common::copy_tree(&common::repo().join("fixtures").join(name))
}

fn check(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    common::structlint(dir, &all)
}

/// `(taken from the cache, read)` of a `--timing` table.
fn cache_counts(run: &Run) -> (usize, usize) {
    let line = run
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("cache: "))
        .unwrap_or_else(|| panic!("a cache line in:\n{}", run.stderr));
    let words: Vec<&str> = line.split(' ').collect();
    (words[0].parse().unwrap(), words[2].parse().unwrap())
}

fn assert_same(with: &Run, without: &Run, what: &str) {
    assert_eq!(with.stdout, without.stdout, "{what}: output");
    assert_eq!(with.code, without.code, "{what}: exit code");
}

fn cache_file(dir: &Path) -> std::path::PathBuf {
    dir.join(".structlint-cache/cache.bin")
}

#[test]
fn output_is_the_same_without_the_cache_cold_and_warm() {
    for name in ["ts-monorepo", "rust-workspace"] {
        for format in ["human", "json"] {
            let dir = fixture(name);
            let plain = check(dir.path(), &["--format", format]);
            let cold = check(dir.path(), &["--format", format, "--cache", "--timing"]);
            let warm = check(dir.path(), &["--format", format, "--cache", "--timing"]);
            let what = format!("{name} {format}");
            assert!(!plain.stdout.is_empty(), "{what}");
            assert_same(&cold, &plain, &format!("{what} cold"));
            assert_same(&warm, &plain, &format!("{what} warm"));
            let (cached, read) = cache_counts(&cold);
            assert_eq!(cached, 0, "{what}: a cold run takes nothing from the cache");
            assert!(read > 0, "{what}");
            assert_eq!(
                cache_counts(&warm),
                (read, read),
                "{what}: a warm run parses nothing"
            );
        }
    }
}

#[test]
fn an_edited_file_is_checked_again_and_the_others_are_not() {
    let dir = fixture("ts-monorepo");
    let before = check(dir.path(), &["--format", "json", "--cache"]);
    let edited = dir.path().join("packages/net/src/http.ts");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("export const startedAt = new Date();\n");
    text.push_str(&"// padding\n".repeat(400));
    std::fs::write(&edited, text).unwrap();
    let warm = check(dir.path(), &["--format", "json", "--cache", "--timing"]);
    let plain = check(dir.path(), &["--format", "json"]);
    assert_ne!(plain.stdout, before.stdout, "the edit adds findings");
    assert_same(&warm, &plain, "after an edit");
    let (cached, read) = cache_counts(&warm);
    assert_eq!(cached, read - 1, "only the edited file is read again");
}

#[test]
fn a_corrupt_or_foreign_cache_is_ignored_and_rewritten() {
    let dir = fixture("ts-monorepo");
    let plain = check(dir.path(), &["--format", "json"]);
    check(dir.path(), &["--format", "json", "--cache"]);
    let valid = std::fs::read(cache_file(dir.path())).unwrap();
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let at = valid
        .windows(version.len())
        .position(|w| w == version)
        .expect("the header names the version");
    let mut foreign = valid.clone();
    foreign[at..at + version.len()].copy_from_slice(&b"9".repeat(version.len()));
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    let truncated = valid[..valid.len() / 2].to_vec();
    for (what, bytes) in [
        ("garbage", garbage),
        ("truncated", truncated),
        ("another version's", foreign),
        ("empty", Vec::new()),
    ] {
        std::fs::write(cache_file(dir.path()), &bytes).unwrap();
        let run = check(dir.path(), &["--format", "json", "--cache", "--timing"]);
        assert_same(&run, &plain, what);
        assert_eq!(cache_counts(&run).0, 0, "{what}: nothing is taken from it");
        let again = check(dir.path(), &["--format", "json", "--cache", "--timing"]);
        assert_same(&again, &plain, what);
        let (cached, read) = cache_counts(&again);
        assert_eq!(cached, read, "{what}: the cache was rewritten valid");
    }
}

#[test]
fn changed_settings_or_rule_files_invalidate_the_cache() {
    let dir = fixture("ts-monorepo");
    let before = check(dir.path(), &["--format", "json", "--cache"]);
    let edits = [
        ("structlint.toml", "max = 350", "max = 20"),
        (
            "rules/acme.toml",
            "reads the system clock",
            "reads the wall clock",
        ),
    ];
    for (file, from, to) in edits {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
        let warm = check(dir.path(), &["--format", "json", "--cache", "--timing"]);
        let plain = check(dir.path(), &["--format", "json"]);
        assert_ne!(
            plain.stdout, before.stdout,
            "{file}: the edit changes findings"
        );
        assert_same(&warm, &plain, file);
        assert_eq!(
            cache_counts(&warm).0,
            0,
            "{file}: nothing is taken from the cache"
        );
    }
}

#[test]
fn the_cache_folder_ignores_itself_and_can_be_elsewhere() {
    let dir = fixture("ts-monorepo");
    check(dir.path(), &["--cache"]);
    let ignore = std::fs::read_to_string(dir.path().join(".structlint-cache/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
    let elsewhere = tempfile::tempdir().unwrap();
    let cache = elsewhere.path().join("c");
    let cache = cache.to_str().unwrap();
    check(dir.path(), &["--cache-dir", cache]);
    let warm = check(dir.path(), &["--cache-dir", cache, "--timing"]);
    let (cached, read) = cache_counts(&warm);
    assert_eq!(cached, read, "--cache-dir is used");
    assert!(elsewhere.path().join("c/.gitignore").is_file());
}

#[test]
fn runs_without_the_option_leave_no_cache_behind() {
    let dir = fixture("ts-monorepo");
    let run = check(dir.path(), &["--timing"]);
    assert!(!dir.path().join(".structlint-cache").exists());
    assert!(!run.stderr.contains("cache:"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_symlink_in_place_of_the_cache_folder_is_refused() {
    let tmp = fixture("ts-monorepo");
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), tmp.path().join(".structlint-cache")).unwrap();
    let run = check(tmp.path(), &["--cache"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not a folder"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).unwrap().count(),
        0,
        "nothing written where the link points"
    );
}

/// The CLI checks through `run_with_progress` on a terminal: the cache must not depend on
/// whether a bar is drawn.
#[test]
fn a_run_with_progress_uses_the_cache_too() {
    struct Silent;
    impl structlint_core::Progress for Silent {
        fn files_found(&self, _: usize) {}
        fn file_done(&self) {}
    }
    let tmp = fixture("ts-monorepo");
    let dir = tmp.path().join("elsewhere-cache");
    let check = structlint::Check::workspace(tmp.path()).cache_dir(&dir);
    let first = check
        .run_with_progress(std::sync::Arc::new(Silent))
        .unwrap();
    assert!(dir.join("cache.bin").is_file(), "the cache was written");
    let second = check
        .run_with_progress(std::sync::Arc::new(Silent))
        .unwrap();
    assert_eq!(
        second.timing.cache.map(|(hits, _)| hits),
        first.timing.cache.map(|(_, read)| read)
    );
}

/// Whether a `--timing` run took its workspace phase from the cache.
fn replayed(run: &Run) -> bool {
    run.stderr.contains("the workspace phase replayed")
}

#[test]
fn the_workspace_phase_is_replayed_only_while_all_it_read_reads_the_same() {
    let dir = fixture("ts-monorepo");
    let root = dir.path();
    // Imports of build output: the phase asks the disk whether each file is there.
    std::fs::write(
        root.join("packages/reports/src/theme.ts"),
        "import \"./dist/theme.css\";\nimport logo from \"./dist/logo.svg\";\nexport const theme = logo;\n",
    )
    .unwrap();
    let args = ["--format", "json", "--cache", "--timing"];
    let cold = check(root, &args);
    assert!(!replayed(&cold), "{}", cold.stderr);
    let warm = check(root, &args);
    assert!(replayed(&warm), "{}", warm.stderr);
    assert_same(&warm, &check(root, &["--format", "json"]), "replayed");

    // A gitignored file appears: no checked file changed, but what the phase saw did.
    std::fs::create_dir_all(root.join("packages/reports/src/dist")).unwrap();
    std::fs::write(root.join("packages/reports/src/dist/logo.svg"), "<svg/>").unwrap();
    let plain = check(root, &["--format", "json"]);
    assert_ne!(plain.stdout, warm.stdout, "the file changes a note");
    let after = check(root, &args);
    assert!(!replayed(&after), "{}", after.stderr);
    assert_same(&after, &plain, "after a gitignored file appeared");
    assert!(
        replayed(&check(root, &args)),
        "and replayed again once unchanged"
    );

    // A manifest is not a checked file either: the phase read it.
    let manifest = root.join("packages/billing/package.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace("\"react\"", "\"react-dom\": \"^18.3.1\",\n    \"react\""),
    )
    .unwrap();
    let after = check(root, &args);
    assert!(!replayed(&after), "{}", after.stderr);
    assert_same(
        &after,
        &check(root, &["--format", "json"]),
        "after a manifest changed",
    );
}

#[test]
fn a_run_that_keeps_the_context_builds_the_graph_whatever_the_cache_holds() {
    let dir = fixture("ts-monorepo");
    let args = ["--format", "json", "--cache", "--timing"];
    check(dir.path(), &args);
    assert!(replayed(&check(dir.path(), &args)));
    let graph = common::structlint(dir.path(), &["graph", "--format", "json"]);
    assert_eq!(graph.code, 0, "{}", graph.stderr);
    assert!(graph.stdout.contains("@acme/billing"), "{}", graph.stdout);
}

#[test]
fn findings_file_that_is_not_the_one_the_cache_names_is_not_replayed() {
    let dir = fixture("ts-monorepo");
    let args = ["--format", "json", "--cache", "--timing"];
    let plain = check(dir.path(), &["--format", "json"]);
    check(dir.path(), &args);
    let findings = dir.path().join(".structlint-cache/workspace.bin");
    let mut bytes = std::fs::read(&findings).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&findings, bytes).unwrap();
    let damaged = check(dir.path(), &args);
    assert!(!replayed(&damaged), "{}", damaged.stderr);
    assert_same(&damaged, &plain, "with a damaged findings file");
    std::fs::remove_file(&findings).unwrap();
    let missing = check(dir.path(), &args);
    assert!(!replayed(&missing), "{}", missing.stderr);
    assert_same(&missing, &plain, "with no findings file");
    let again = check(dir.path(), &args);
    assert!(replayed(&again), "{}", again.stderr);
    assert_same(&again, &plain, "rewritten");
}
