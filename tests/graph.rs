//! `structlint graph`: the package and file graphs of the fixture in every format.

mod common;

use common::{repo, structlint, workspace};

#[test]
fn the_package_graph_in_every_format() {
    for format in ["text", "dot", "mermaid", "json"] {
        let run = structlint(
            &repo(),
            &["graph", "fixtures/ts-monorepo", "--format", format],
        );
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        insta::assert_snapshot!(format!("packages_{format}"), run.stdout);
    }
}

#[test]
fn the_file_graph_marks_each_rejected_import() {
    let run = structlint(
        &repo(),
        &[
            "graph",
            "fixtures/ts-monorepo",
            "--files",
            "--format",
            "json",
        ],
    );
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rejected: Vec<String> = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["rejected"].as_array().unwrap().is_empty())
        .map(|e| {
            format!(
                "{} -> {}: {}",
                e["from"].as_str().unwrap(),
                e["to"].as_str().unwrap(),
                e["rejected"][0]["rule"].as_str().unwrap()
            )
        })
        .collect();
    insta::assert_snapshot!(rejected.join("\n"));
}

#[test]
fn with_every_import_rule_off_the_graph_is_still_drawn() {
    let dir = workspace(&[("structlint.toml", b"[rules]\npackage-privacy = \"off\"\nlayers = \"off\"\nunclassified-layer = \"off\"\nimport-cycles = \"off\"\nunresolved-import = \"off\"\nduplicate-schemas = \"off\"\n"), ("a.ts", b"import { b } from './b';\n"), ("b.ts", b"export const b = 1;\n")]);
    let run = structlint(dir.path(), &["graph", "--files"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("./\n  a.ts (a.ts)\n    -> b.ts (1 import)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("0 rejected"), "{}", run.stdout);
}

/// `structlint graph fixtures/ts-monorepo <args> --format json`, parsed.
fn json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["graph", "fixtures/ts-monorepo", "--format", "json"];
    all.extend_from_slice(args);
    let run = structlint(&repo(), &all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn node_ids(doc: &serde_json::Value) -> Vec<&str> {
    let mut ids: Vec<&str> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

fn edge_ids(doc: &serde_json::Value) -> Vec<String> {
    let mut edges: Vec<String> = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} -> {}",
                e["from"].as_str().unwrap(),
                e["to"].as_str().unwrap()
            )
        })
        .collect();
    edges.sort_unstable();
    edges
}

#[test]
fn focus_keeps_the_node_its_dependencies_and_dependents() {
    // @acme/ui-kit imports nothing; billing and reports import it.
    for name in ["@acme/ui-kit", "packages/ui-kit/", "./packages/ui-kit"] {
        let doc = json(&["--focus", name]);
        assert_eq!(
            node_ids(&doc),
            ["@acme/billing", "@acme/reports", "@acme/ui-kit"],
            "{name}"
        );
        assert_eq!(
            edge_ids(&doc),
            [
                "@acme/billing -> @acme/ui-kit",
                "@acme/reports -> @acme/billing",
                "@acme/reports -> @acme/ui-kit"
            ],
            "{name}"
        );
    }
    // Two focuses: the union of the neighbourhoods; schemas imports net, billing imports both.
    let doc = json(&["--focus", "@acme/ui-kit", "--focus", "@acme/net"]);
    assert_eq!(node_ids(&doc).len(), 5);
    // With --files a folder of files, their neighbours from other folders included.
    let doc = json(&["--files", "--focus", "packages/net/src"]);
    let ids = node_ids(&doc);
    assert!(ids.contains(&"packages/net/src/sleep.ts"), "{ids:?}");
    assert!(ids.contains(&"packages/schemas/src/problem.ts"), "{ids:?}");
    assert!(
        !ids.iter().any(|id| id.starts_with("packages/ui-kit/")),
        "{ids:?}"
    );
}

#[test]
fn an_unknown_focus_exits_2_and_suggests_the_closest_package() {
    let run = structlint(
        &repo(),
        &["graph", "fixtures/ts-monorepo", "--focus", "@acme/biling"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("--focus `@acme/biling` matches no node")
            && run.stderr.contains("Did you mean `@acme/billing`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn rejected_keeps_only_the_rejected_edges_and_their_ends() {
    let doc = json(&["--rejected"]);
    assert_eq!(
        edge_ids(&doc),
        [
            "@acme/reports -> @acme/billing",
            "@acme/reports -> @acme/schemas",
            "@acme/schemas -> @acme/net"
        ]
    );
    assert_eq!(
        node_ids(&doc),
        [
            "@acme/billing",
            "@acme/net",
            "@acme/reports",
            "@acme/schemas"
        ]
    );
    // With --focus: the rejected edges around the focused node, which stays.
    let doc = json(&["--rejected", "--focus", "@acme/net"]);
    assert_eq!(
        edge_ids(&doc),
        [
            "@acme/reports -> @acme/billing",
            "@acme/reports -> @acme/schemas",
            "@acme/schemas -> @acme/net"
        ]
    );
    let doc = json(&["--rejected", "--focus", "@acme/ui-kit"]);
    assert_eq!(edge_ids(&doc), ["@acme/reports -> @acme/billing"]);
    let files = json(&["--files", "--rejected"]);
    assert!(
        files["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| !e["rejected"].as_array().unwrap().is_empty()),
        "{files}"
    );
}

#[test]
fn dot_draws_a_cluster_per_folder_and_a_legend_of_the_rules_of_red_edges() {
    let run = structlint(
        &repo(),
        &[
            "graph",
            "fixtures/ts-monorepo",
            "--files",
            "--format",
            "dot",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("subgraph \"cluster_packages/billing/src/ui\" {\n    label=\"packages/billing/src/ui/\";"), "{}", run.stdout);
    let doc = json(&["--files"]);
    let mut rules: Vec<&str> = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["rejected"].as_array().unwrap())
        .map(|m| m["rule"].as_str().unwrap())
        .collect();
    rules.sort_unstable();
    rules.dedup();
    assert!(rules.len() >= 2, "{rules:?}");
    let legend = run.stdout.split("cluster_:legend").nth(1).unwrap();
    let named: Vec<&str> = legend
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("legend")?
                .split_once("[label=\"")?
                .1
                .split(':')
                .next()
        })
        .collect();
    assert_eq!(named, rules);
    for line in run
        .stdout
        .lines()
        .filter(|l| l.contains(" -> ") && l.contains("color=red"))
    {
        assert!(
            rules.iter().any(|r| line.contains(&format!(" {r}\""))),
            "{line}"
        );
    }
}

/// A pnpm workspace of 128 packages in four folders, each importing the next. All but
/// @big/p31 declare that dependency, so package-privacy rejects one edge, from apps to libs.
fn big_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let folders = ["apps", "libs", "packages", "tools"];
    let mut yaml = String::from("packages:\n");
    for folder in folders {
        yaml.push_str(&format!("  - \"{folder}/*\"\n"));
    }
    std::fs::write(dir.path().join("pnpm-workspace.yaml"), yaml).unwrap();
    for i in 0..128 {
        let root = dir.path().join(folders[i / 32]).join(format!("p{i}"));
        std::fs::create_dir_all(root.join("src")).unwrap();
        let (import, dependencies) = match i + 1 {
            128 => (String::new(), String::new()),
            next => (
                format!("import {{ v{next} }} from '@big/p{next}';\n"),
                if i == 31 {
                    String::new()
                } else {
                    format!(", \"dependencies\": {{\"@big/p{next}\": \"workspace:*\"}}")
                },
            ),
        };
        let manifest = format!("{{\"name\": \"@big/p{i}\"{dependencies}}}\n");
        std::fs::write(root.join("package.json"), manifest).unwrap();
        let source = format!("{import}export const v{i} = {i};\n");
        std::fs::write(root.join("src/index.ts"), source).unwrap();
    }
    dir
}

#[test]
fn a_big_graph_is_drawn_one_node_per_folder_unless_asked_for_detail() {
    let dir = big_workspace();
    let run = structlint(dir.path(), &["graph"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.lines().count() <= 12, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "apps/ (32 packages, 31 edges inside, 0 rejected)\n  -> libs/ (1 edge, 1 import)  REJECTED: package-privacy (1 import)\nlibs/ (32 packages, 31 edges inside, 0 rejected)\n  -> packages/ (1 edge, 1 import)\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("4 nodes (folders of 128 packages), 3 edges, 1 rejected\nrejected by: package-privacy (1 edge)\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("128 packages are too many") && run.stderr.contains("--focus"),
        "{}",
        run.stderr
    );
    let dot = structlint(dir.path(), &["graph", "--format", "dot"]);
    assert_eq!(dot.stdout.matches(" -> ").count(), 3, "{}", dot.stdout);
    // Detail on request, and no note then.
    let all = structlint(dir.path(), &["graph", "--all", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    assert_eq!(doc["nodes"].as_array().unwrap().len(), 128);
    assert_eq!(doc["nodes"][0]["group"], "apps/");
    assert!(all.stderr.is_empty(), "{}", all.stderr);
    let focus = structlint(
        dir.path(),
        &["graph", "--focus", "@big/p40", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_str(&focus.stdout).unwrap();
    assert_eq!(node_ids(&doc), ["@big/p39", "@big/p40", "@big/p41"]);
}
