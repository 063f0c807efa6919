//! Every machine-applicable edit the fixtures produce is safe to apply: on a copy of the
//! fixture with that edit alone applied, the finding that offered it is gone, no other finding
//! appears in its place, and an import it rewrites resolves to another file than the importer
//! that exports every name the import takes.

mod common;

use std::path::Path;

use common::{copy_tree, repo};
use structlint::{Diagnostic, Report};
use structlint_graph::{IMPORT_GRAPH, ImportGraph, ImportGraphProvider, Target};

fn check(dir: &Path) -> (Report, std::sync::Arc<ImportGraph>) {
    let (report, cx) = structlint::Check::workspace(dir)
        .run_with_context(&[&IMPORT_GRAPH])
        .expect("the fixture's config is valid");
    assert!(
        report.internal_errors.is_empty(),
        "{:?}",
        report.internal_errors
    );
    let graph = cx
        .artifact::<ImportGraphProvider>()
        .expect("the import graph");
    (report, graph)
}

/// The fixture's text with `d`'s edit applied, replacements last to first.
fn apply(dir: &Path, d: &Diagnostic) {
    let edit = d.edit.as_ref().unwrap();
    let mut replacements: Vec<_> = edit.replacements.iter().collect();
    replacements.sort_by_key(|r| std::cmp::Reverse((r.span.path.clone(), r.span.start)));
    for r in replacements {
        let path = dir.join(&r.span.path);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.replace_range(r.span.start..r.span.end, &r.text);
        std::fs::write(&path, text).unwrap();
    }
}

/// A finding's identity across runs: its rule, file, line and summary.
fn same(a: &Diagnostic, b: &Diagnostic) -> bool {
    (&a.rule, &a.span.path, a.span.start_pos.line, &a.summary)
        == (&b.rule, &b.span.path, b.span.start_pos.line, &b.summary)
}

/// The findings of `report` on the lines `d`'s edit rewrote (as they read after the edit).
fn at_place<'a>(report: &'a Report, d: &Diagnostic) -> Vec<&'a Diagnostic> {
    let edit = d.edit.as_ref().unwrap();
    report
        .diagnostics
        .iter()
        .filter(|f| {
            edit.replacements.iter().any(|r| {
                let first = r.span.start_pos.line;
                let last = first + r.text.matches('\n').count() as u32;
                f.span.path == r.span.path && (first..=last).contains(&f.span.start_pos.line)
            })
        })
        .collect()
}

/// When `d`'s edit rewrites an import's specifier: where the edited import leads now.
fn edited_import(graph: &ImportGraph, d: &Diagnostic) {
    for r in &d.edit.as_ref().unwrap().replacements {
        let Some(file) = graph.file(&r.span.path) else {
            continue;
        };
        let Some((_, import, resolution)) = file
            .refs()
            .find(|(_, i, _)| i.specifier_span.start == r.span.start)
        else {
            continue;
        };
        let what = format!(
            "{}: `{}` after \"{}\"",
            file.path, import.specifier, d.summary
        );
        match &resolution.target {
            Target::File(target) => {
                assert_ne!(target, &file.path, "{what} imports itself");
                let exports = graph.exports(target);
                for name in import.names.iter().filter(|n| n.name != "*") {
                    assert!(
                        !exports.complete || exports.names.contains(&name.name),
                        "{what}: {target} does not export `{}`",
                        name.name
                    );
                }
            }
            Target::External(_) | Target::Asset(_) => {}
            other => panic!("{what} leads to {other:?}"),
        }
    }
}

#[test]
fn every_edit_of_the_fixtures_fixes_its_finding_and_breaks_nothing() {
    let mut applied = 0;
    for fixture in std::fs::read_dir(repo().join("fixtures")).unwrap() {
        let fixture = fixture.unwrap().path();
        let (before, _) = check(&fixture);
        for d in before.diagnostics.iter().filter(|d| d.edit.is_some()) {
            let copy = copy_tree(&fixture);
            apply(copy.path(), d);
            let (after, graph) = check(copy.path());
            let what = format!("{} at {}:{}", d.rule, d.span.path, d.span.start_pos.line);
            assert!(
                !after.diagnostics.iter().any(|f| same(f, d)),
                "{what}: the finding is still there after its edit"
            );
            for found in at_place(&after, d) {
                assert!(
                    before.diagnostics.iter().any(|b| same(b, found)),
                    "{what}: the edit brought a new finding: {} {}",
                    found.rule,
                    found.summary
                );
            }
            edited_import(&graph, d);
            applied += 1;
        }
    }
    assert!(
        applied >= 8,
        "the fixtures offer edits of every kind: {applied}"
    );
}
