use structlint_core::test_support::workspace;

use super::*;

#[test]
fn extends_chains_merge_with_paths_relative_to_their_config() {
    let (_dir, cx) = workspace(&[
        (
            "tsconfig.base.json",
            "{\n  // shared\n  \"compilerOptions\": {\n    \"baseUrl\": \".\",\n    \"paths\": { \"@acme/*\": [\"packages/*/src\"], },\n    \"outDir\": \"dist\",\n  },\n}",
        ),
        (
            "packages/a/tsconfig.json",
            r#"{ "extends": "../../tsconfig.base", "compilerOptions": { "outDir": "build", "rootDir": "src" } }"#,
        ),
        (
            "packages/b/tsconfig.json",
            r#"{ "extends": ["../../tsconfig.base.json"], "compilerOptions": { "paths": { "~/*": ["./src/*"] } } }"#,
        ),
        ("packages/a/src/x.ts", ""),
        ("packages/b/src/deep/y.ts", ""),
    ]);
    let configs = TsConfigs::new(&cx);
    let a = configs.for_file("packages/a/src/x.ts").unwrap();
    assert_eq!(a.base_url.as_deref(), Some("."));
    assert_eq!(
        a.paths,
        [("@acme/*".to_string(), vec!["packages/*/src".to_string()])]
    );
    assert_eq!(
        (a.out_dir.as_deref(), a.root_dir.as_deref()),
        (Some("packages/a/build"), Some("packages/a/src"))
    );
    let b = configs.for_file("packages/b/src/deep/y.ts").unwrap();
    // b's own `paths` replace the inherited ones and stay relative to the inherited baseUrl.
    assert_eq!(b.paths, [("~/*".to_string(), vec!["src/*".to_string()])]);
    assert_eq!(b.out_dir.as_deref(), Some("dist"));
    assert!(configs.for_file("elsewhere/z.ts").is_none());
}

#[test]
fn paths_match_exact_keys_before_the_longest_prefix() {
    let config = TsConfig {
        paths: vec![
            ("@acme/*".into(), vec!["packages/*/src".into()]),
            (
                "@acme/ui/*".into(),
                vec!["packages/ui-kit/src/*".into(), "vendor/ui/*".into()],
            ),
            ("config".into(), vec!["config/index.ts".into()]),
        ],
        ..TsConfig::default()
    };
    assert_eq!(
        config.path_candidates("@acme/billing").unwrap(),
        ["packages/billing/src"]
    );
    assert_eq!(
        config.path_candidates("@acme/ui/Button").unwrap(),
        ["packages/ui-kit/src/Button", "vendor/ui/Button"]
    );
    assert_eq!(
        config.path_candidates("config").unwrap(),
        ["config/index.ts"]
    );
    assert!(config.path_candidates("react").is_none());
}

#[test]
fn paths_with_more_than_one_star_expand_nothing() {
    let stars = "*".repeat(200_000);
    let config = TsConfig {
        paths: vec![
            ("@a/*".into(), vec![format!("src/{stars}"), "lib/*".into()]),
            ("@b/*/*".into(), vec!["src/*".into()]),
            ("@c/*".into(), vec![format!("src/{stars}")]),
        ],
        ..TsConfig::default()
    };
    let long = format!("@a/{}", "x".repeat(10_000));
    let candidates = config.path_candidates(&long).unwrap();
    assert_eq!(
        candidates.len(),
        1,
        "only the substitution TypeScript accepts"
    );
    assert!(candidates[0].starts_with("lib/xx"));
    assert!(config.path_candidates("@b/x/y").is_none());
    assert!(config.path_candidates("@c/x").is_none());
}

#[test]
fn broken_and_looping_configs_become_notes() {
    let (_dir, cx) = workspace(&[
        (
            "tsconfig.json",
            "{ \"compilerOptions\": { \"baseUrl\": \".\" }, }",
        ),
        (
            "bad/tsconfig.json",
            "{ \"compilerOptions\": { \"baseUrl\": } }",
        ),
        ("loop/tsconfig.json", r#"{ "extends": "./other.json" }"#),
        ("loop/other.json", r#"{ "extends": "./tsconfig.json" }"#),
    ]);
    let configs = TsConfigs::new(&cx);
    assert!(configs.for_file("bad/x.ts").is_none());
    assert!(configs.for_file("loop/x.ts").is_some());
    assert_eq!(
        configs.for_file("x.ts").unwrap().base_url.as_deref(),
        Some("."),
        "trailing commas are valid JSONC"
    );
    let notes = cx.take_notes();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].message.starts_with("invalid tsconfig"),
        "{notes:?}"
    );
    assert!(notes[1].message.contains("loops back"), "{notes:?}");
}

#[test]
fn long_extends_chains_are_cut_with_a_note_and_shared_bases_read_once() {
    // 2,889 links overflowed the stack; 40 levels that each extend the next twice took 2^40 reads.
    let mut files: Vec<(String, String)> = (0..2889)
        .map(|i| {
            let next = format!("./c{}.json", i + 1);
            (
                format!("chain/c{i}.json"),
                format!(r#"{{ "extends": "{next}" }}"#),
            )
        })
        .collect();
    files.push((
        "chain/tsconfig.json".into(),
        r#"{ "extends": "./c0.json" }"#.into(),
    ));
    for i in 0..40 {
        let next = format!("./d{}.json", i + 1);
        let text = format!(r#"{{ "extends": ["{next}", "{next}"] }}"#);
        files.push((format!("dag/d{i}.json"), text));
    }
    files.push((
        "dag/d40.json".into(),
        r#"{ "compilerOptions": { "outDir": "out" } }"#.into(),
    ));
    files.push((
        "dag/tsconfig.json".into(),
        r#"{ "extends": "./d0.json" }"#.into(),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (_dir, cx) = workspace(&refs);
    let configs = TsConfigs::new(&cx);
    assert!(configs.for_file("chain/x.ts").is_some());
    let notes = cx.take_notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].path, "chain/tsconfig.json");
    assert_eq!(
        notes[0].message,
        "`extends` goes more than 64 configs deep; chain/c63.json and the configs it extends are ignored"
    );
    let dag = configs.for_file("dag/x.ts").unwrap();
    assert_eq!(dag.out_dir.as_deref(), Some("dag/out"));
}
