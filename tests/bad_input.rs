//! Bad input never panics: a bad config is exit 2 with the TOML line, a bad file is a note.

mod common;

use common::{lines, structlint, workspace};

fn config_error(config: &str) -> String {
    let dir = workspace(&[
        ("structlint.toml", config.as_bytes()),
        ("a.ts", b"export const a = 1;\n"),
    ]);
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{config}: {}", run.stderr);
    assert_eq!(run.stdout, "", "nothing on stdout for a config error");
    run.stderr
}

#[test]
fn unknown_top_level_key_shows_the_line_and_the_valid_keys() {
    insta::assert_snapshot!(config_error("[rulez]\nmax-file-lines = \"warn\"\n"));
}

#[test]
fn wrong_option_type_points_at_the_value() {
    insta::assert_snapshot!(config_error(
        "[rules]\nmax-file-lines = { level = \"error\", max = \"many\" }\n"
    ));
}

#[test]
fn config_errors_name_what_is_valid() {
    let cases = [
        (
            "[rules]\nmax-lines = \"warn\"\n",
            &[
                "unknown rule `max-lines`",
                "did you mean `max-file-lines`?",
                "Known rules: canonical-helpers, duplicate-schemas, fetch-retry-timeout, import-cycles, layers, max-file-lines, package-privacy, suppressions, unclassified-layer, unresolved-import",
            ][..],
        ),
        (
            "[rules]\nmax-file-lines = \"fatal\"\n",
            &[
                "invalid level for rule `max-file-lines`",
                "expected \"error\", \"warn\" or \"off\"",
            ],
        ),
        (
            "[rules]\nmax-file-lines = 3\n",
            &[
                "invalid setting for rule `max-file-lines`",
                "expected a level or a table",
            ],
        ),
        (
            "[rules.max-file-lines]\nmaximum = 3\n",
            &[
                "unknown field `maximum`, expected `max`, or `level`",
                "2 | maximum = 3",
            ],
        ),
        (
            "[rules]\nmax-file-lines = { max = 0 }\n",
            &["expected a nonzero usize"],
        ),
        ("rules = 1\n", &["`rules` must be a table"]),
        (
            "[files]\nexclude = [\"ok/**\", \"bad[\"]\n",
            &["invalid glob", "unclosed character class"],
        ),
        (
            "[files]\nexcludes = []\n",
            &[
                "unknown field `excludes`, expected one of `include`, `exclude`, `max-file-size`, `follow-symlinks`",
            ],
        ),
        (
            "[files]\nmax-file-size = \"2MB\"\n",
            &["invalid type: string \"2MB\", expected u64"],
        ),
        ("[rules\nmax-file-lines = \"warn\"\n", &["1 | [rules"]),
        (
            "[resolve]\nexternal = \"astro:\"\n",
            &["invalid type: string \"astro:\", expected a sequence"],
        ),
        (
            "[resolve]\nexternal = [\"astro:\", \"\"]\n",
            &[
                "invalid `[resolve] external` prefix",
                "an empty prefix makes every import external",
            ],
        ),
        (
            "[resolve]\nexternal = [\"./\"]\n",
            &["this prefix makes every relative import external"],
        ),
        (
            "[resolve]\nexternals = []\n",
            &["unknown field `externals`, expected `external`"],
        ),
        (
            "[rules]\nsuppressions = { level = \"warn\", strict = true }\n",
            &["unknown field `strict`"],
        ),
    ];
    for (config, expected) in cases {
        let stderr = config_error(config);
        // miette wraps long help lines at any width, even inside a word.
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        for want in expected {
            assert!(
                squeeze(&stderr).contains(&squeeze(want)),
                "{config:?} should say {want:?}:\n{stderr}"
            );
        }
        assert!(
            stderr.contains("structlint.toml"),
            "names the file: {stderr}"
        );
    }
}

#[test]
fn missing_config_and_paths_are_usage_errors() {
    let dir = workspace(&[("a.ts", b"export const a = 1;\n")]);
    let run = structlint(dir.path(), &["check", "--config", "nope.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot read config file: nope.toml does not exist"),
        "{}",
        run.stderr
    );
    let run = structlint(dir.path(), &["check", "no/such/dir"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot check no/such/dir"),
        "{}",
        run.stderr
    );
    let run = structlint(dir.path(), &["check", "--format", "yaml"]);
    assert_eq!(run.code, 2, "clap usage error");
    assert!(
        run.stderr.contains("invalid value 'yaml'"),
        "{}",
        run.stderr
    );
    let run = structlint(dir.path(), &["lint"]);
    assert_eq!(run.code, 2);
}

#[test]
fn unreadable_binary_non_utf8_and_huge_files_are_skipped_with_notes() {
    let mut huge = lines(10);
    huge.resize(2 * 1024 * 1024 + 10, b'\n');
    let dir = workspace(&[
        ("video.ts", b"G@\x00\x10\x00\x00\xff\xff".as_slice()),
        ("latin1.ts", b"// caf\xe9\nexport const a = 1;\n"),
        ("huge.ts", &huge),
        ("ok.ts", b"export const ok = 1;\n"),
    ]);
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "skipped files are not errors: {}", run.stderr);
    assert_eq!(
        run.stdout,
        "note: huge.ts: 2.0 MiB is over the size limit of 2.0 MiB; raise `[files] max-file-size` or exclude it\n\
         note: latin1.ts: not valid UTF-8 (first invalid byte on line 1); re-save it as UTF-8\n\
         note: video.ts: binary file (contains NUL bytes)\n\
         No problems found in 1 file (3 files skipped).\n"
    );
    let json = structlint(dir.path(), &["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["notes"].as_array().unwrap().len(), 3);
    assert_eq!(doc["notes"][2]["kind"], "skipped");
    assert_eq!(doc["summary"]["skipped"], 3);
}

#[test]
fn the_size_limit_is_configurable() {
    let dir = workspace(&[
        ("structlint.toml", b"[files]\nmax-file-size = 100\n"),
        ("a.ts", &lines(20)),
    ]);
    let run = structlint(dir.path(), &["check"]);
    assert!(
        run.stdout
            .contains("note: a.ts: 440 bytes is over the size limit of 100 bytes"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_the_os_refuses_to_read_is_a_note() {
    // Reading /proc/self/mem at offset 0 fails with EIO even for root, so this holds in CI.
    let dir = workspace(&[("structlint.toml", b"[files]\nfollow-symlinks = true\n")]);
    std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("mem.ts")).unwrap();
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with("note: mem.ts: unreadable: "),
        "{}",
        run.stdout
    );
}

#[test]
fn syntax_errors_are_linted_best_effort_and_noted_in_verbose_mode() {
    let mut broken = b"export function ok() {\n  return 1;\n}\nfunction broken( {\n".to_vec();
    broken.extend(lines(400));
    let dir = workspace(&[("broken.ts", &broken)]);
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "the file is still checked");
    assert!(
        run.stdout.contains("broken.ts has 404 lines"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("syntax error"));
    let verbose = structlint(dir.path(), &["check", "--verbose"]);
    assert!(
        verbose.stdout.contains("note: broken.ts: "),
        "{}",
        verbose.stdout
    );
    assert!(
        verbose.stdout.contains("(first at 4:"),
        "{}",
        verbose.stdout
    );
}

#[test]
fn symlink_loops_do_not_hang_the_walk() {
    let dir = workspace(&[("src/a.ts", b"export const a = 1;\n")]);
    std::os::unix::fs::symlink("..", dir.path().join("src/up")).unwrap();
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "No problems found in 1 file.\n"),
        "links are not followed by default"
    );
    std::fs::write(
        dir.path().join("structlint.toml"),
        "[files]\nfollow-symlinks = true\n",
    )
    .unwrap();
    let run = structlint(dir.path(), &["check"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "note: src/up: symbolic link loop: it points back to .; not followed\nNo problems found in 1 file.\n"
    );
}

#[test]
fn explain_and_rules() {
    let dir = workspace(&[]);
    let run = structlint(dir.path(), &["explain", "max-lines"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: unknown rule `max-lines`. Did you mean `max-file-lines`? `structlint rules` lists every rule.\n"
    );
    let run = structlint(dir.path(), &["explain", "max-file-lines"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("# max-file-lines\n"));
    let run = structlint(dir.path(), &["rules"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn globs_too_complex_for_a_regex_are_config_errors() {
    // globset parses them, then panicked compiling their regex. Found by tests/fuzz (config).
    let deep = format!("x/**{}y{}", "{a,".repeat(300), "}".repeat(300));
    let layers = format!("[[layers]]\nname = \"d\"\nmodules = \"{deep}\"\norder = [\"a\"]\n");
    for config in [format!("rule-files = [\"{deep}\"]\n"), layers] {
        let stderr = config_error(&config);
        assert!(stderr.contains("too complex to match"), "{stderr}");
        assert!(!stderr.contains("crashed"), "{stderr}");
    }
}
