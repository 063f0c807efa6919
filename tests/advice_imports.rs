//! Every import a finding tells an agent to write resolves, with our own resolver, to a module
//! that exports the names it imports, once the steps before it (an `export … from` to add to a
//! public entry) are done. Advice that names a wrong import costs an agent a round trip.

mod common;

use std::fs;
use std::path::Path;

use structlint::Check;
use structlint_graph::{IMPORT_GRAPH, ImportGraphProvider, Target};

/// An import a fix step names, and where the finding was.
struct Suggested {
    dir: String,
    line: String,
    names: Vec<String>,
}

/// The code spans of a step: the text between backticks.
fn code_spans(step: &str) -> Vec<(&str, &str)> {
    let parts: Vec<&str> = step.split('`').collect();
    (1..parts.len())
        .step_by(2)
        .map(|i| (parts[i], parts.get(i + 1).copied().unwrap_or("")))
        .collect()
}

/// `import { a, b } from "x";` or `import type { a } from 'x';` → the names.
fn imported(code: &str) -> Option<Vec<String>> {
    let rest = code.strip_prefix("import ")?;
    let rest = rest.strip_prefix("type ").unwrap_or(rest);
    let (names, from) = rest.strip_prefix('{')?.split_once('}')?;
    from.trim_start().strip_prefix("from ")?;
    Some(names.split(',').map(|n| n.trim().to_string()).collect())
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn every_suggested_import_resolves_and_exports_its_names() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ts-monorepo");
    copy_dir(&common::repo().join("fixtures/ts-monorepo"), &root);
    let report = Check::workspace(&root).run().unwrap().into_report();

    let mut suggested = Vec::new();
    let mut prerequisites: Vec<(String, String)> = Vec::new();
    for d in &report.diagnostics {
        let path = d.span.path.replace('\\', "/");
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        for step in &d.fix {
            for (code, after) in code_spans(step) {
                if let Some(names) = imported(code) {
                    suggested.push(Suggested {
                        dir: dir.clone(),
                        line: code.to_string(),
                        names,
                    });
                } else if code.starts_with("export {")
                    && let Some(file) = after.trim_start().strip_prefix("to ")
                {
                    let file = file.split_whitespace().next().unwrap_or("");
                    let file = file.trim_end_matches(['.', ',', ';']).to_string();
                    prerequisites.push((file, code.to_string()));
                }
            }
        }
    }
    assert!(
        suggested.len() >= 4,
        "the fixture's findings name imports to write; found {}",
        suggested.len()
    );

    // Do what the steps say first, then write each suggested import where its finding is.
    prerequisites.sort();
    prerequisites.dedup();
    for (file, line) in &prerequisites {
        let path = root.join(file);
        let mut text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        text.push_str(&format!("\n{line}\n"));
        fs::write(&path, text).unwrap();
    }
    let probes: Vec<String> = suggested
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let probe = format!("{}/advice-probe-{i}.ts", s.dir);
            let uses = s.names.join(", ");
            fs::write(
                root.join(&probe),
                format!("{}\nexport {{ {uses} }};\n", s.line),
            )
            .unwrap();
            probe
        })
        .collect();

    let (_, cx) = Check::workspace(&root)
        .run_with_context(&[&IMPORT_GRAPH])
        .unwrap();
    let graph = cx.artifact::<ImportGraphProvider>().unwrap();
    let mut checked = 0;
    for (probe, s) in probes.iter().zip(&suggested) {
        let file = graph
            .file(probe)
            .unwrap_or_else(|| panic!("{probe} is in the graph"));
        let (_, _, resolution) = file.refs().next().unwrap();
        match &resolution.target {
            Target::File(target) => {
                let exports = graph.exports(target);
                for name in &s.names {
                    assert!(
                        !exports.complete || exports.names.contains(name),
                        "`{}` (advice at {}) resolves to {target}, which does not export `{name}`",
                        s.line,
                        s.dir
                    );
                }
                checked += 1;
            }
            Target::External(_) => {}
            other => panic!("`{}` (advice at {}) resolves to {other:?}", s.line, s.dir),
        }
    }
    assert!(
        checked >= 3,
        "only {checked} suggested imports were workspace imports"
    );
}
