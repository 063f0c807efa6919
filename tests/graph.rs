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
        run.stdout.contains("a.ts (a.ts)\n  -> b.ts (1 import)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("0 rejected"), "{}", run.stdout);
}
