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

/// What probing a workspace's advice found.
struct Probed {
    /// Suggested imports of workspace modules, checked.
    checked: usize,
    /// Suggested imports of packages outside the workspace, not checkable here.
    external: usize,
    /// One line per suggested import that does not resolve or lacks a name.
    wrong: Vec<String>,
}

/// Runs the check on `root` (a scratch copy: probes and prerequisite lines are written into
/// it), applies the prerequisite steps, writes every suggested import as a probe module next
/// to its finding and resolves it.
fn probe_advice(root: &Path) -> Probed {
    let report = Check::workspace(root).run().unwrap().into_report();
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

    let (_, cx) = Check::workspace(root)
        .run_with_context(&[&IMPORT_GRAPH])
        .unwrap();
    let graph = cx.artifact::<ImportGraphProvider>().unwrap();
    let mut probed = Probed {
        checked: 0,
        external: 0,
        wrong: Vec::new(),
    };
    for (probe, s) in probes.iter().zip(&suggested) {
        let Some((_, _, resolution)) = graph.file(probe).and_then(|f| f.refs().next()) else {
            probed.wrong.push(format!("{probe}: not in the graph"));
            continue;
        };
        match &resolution.target {
            Target::File(target) => {
                let exports = graph.exports(target);
                for name in &s.names {
                    if exports.complete && !exports.names.contains(name) {
                        probed.wrong.push(format!(
                            "`{}` (advice at {}) resolves to {target}, which does not export `{name}`",
                            s.line, s.dir
                        ));
                    }
                }
                probed.checked += 1;
            }
            Target::External(_) => probed.external += 1,
            other => probed.wrong.push(format!(
                "`{}` (advice at {}) resolves to {other:?}",
                s.line, s.dir
            )),
        }
    }
    probed
}

#[test]
fn every_suggested_import_resolves_and_exports_its_names() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ts-monorepo");
    common::copy_dir(&common::repo().join("fixtures/ts-monorepo"), &root);
    let probed = probe_advice(&root);
    assert!(probed.wrong.is_empty(), "{:#?}", probed.wrong);
    assert!(
        probed.checked >= 3,
        "the fixture's findings name imports to write; {} were workspace imports",
        probed.checked
    );
}

/// The same on real repositories, for the corpus check's note (no network in CI, so it is
/// run by hand): `STRUCTLINT_ADVICE_CORPORA=/path/to/trpc,/path/to/vite=configs/vite.toml
/// cargo test --test advice_imports -- --ignored --nocapture`. Each corpus is copied first.
#[test]
#[ignore = "needs checked-out corpora"]
fn suggested_imports_on_corpora() {
    let list = std::env::var("STRUCTLINT_ADVICE_CORPORA").unwrap_or_default();
    for item in list.split(',').filter(|s| !s.is_empty()) {
        let (corpus, config) = item.split_once('=').unwrap_or((item, ""));
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("corpus");
        common::copy_dir(Path::new(corpus), &root);
        if !config.is_empty() {
            fs::copy(common::repo().join(config), root.join("structlint.toml")).unwrap();
        }
        let probed = probe_advice(&root);
        eprintln!(
            "{item}: {} suggested imports resolved and checked, {} external, {} wrong",
            probed.checked,
            probed.external,
            probed.wrong.len()
        );
        for wrong in &probed.wrong {
            eprintln!("  {wrong}");
        }
    }
}
