//! The full graph from the import graph and the report: package nodes (or file nodes),
//! edges counted by import, and the findings of the edge rules as marks.

use std::collections::{BTreeMap, HashMap};

use structlint::Report;
use structlint_graph::{ImportGraph, ModuleRef, Target};

use super::model::{Edge, Mark, Model, Node, parent};

/// The rules whose findings mark an edge of the graph.
const EDGE_RULES: [&str; 3] = ["package-privacy", "layers", "import-cycles"];

/// Findings of the edge rules by (path, byte offset of the specifier).
fn marks(report: &Report) -> HashMap<(String, usize), Vec<String>> {
    let mut marks: HashMap<(String, usize), Vec<String>> = HashMap::new();
    for d in report
        .diagnostics
        .iter()
        .filter(|d| EDGE_RULES.contains(&d.rule.as_str()) && !d.is_suppressed())
    {
        marks
            .entry((d.span.path.to_string(), d.span.start))
            .or_default()
            .push(d.rule.to_string());
    }
    marks
}

pub(crate) fn packages(graph: &ImportGraph, report: &Report) -> Model {
    let marks = marks(report);
    let nodes = graph
        .packages
        .list
        .iter()
        .map(|p| Node {
            label: p.label().to_string(),
            path: p.dir.clone(),
            // The root package is not inside another folder: it is drawn at the root.
            group: if p.dir == "." {
                ".".to_string()
            } else {
                parent(&p.dir)
            },
            package: Some(p.label().to_string()),
            collapsed: None,
        })
        .collect();
    let mut edges: BTreeMap<(usize, usize), Edge> = BTreeMap::new();
    for (file, index, from, to) in graph.package_edges() {
        count(
            &mut edges,
            (from, to),
            &marks,
            &graph.files[file].facts.refs[index],
        );
    }
    Model {
        kind: "package",
        nodes,
        edges: edges.into_values().collect(),
    }
}

pub(crate) fn files(graph: &ImportGraph, report: &Report) -> Model {
    let marks = marks(report);
    let index: HashMap<&str, usize> = graph
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();
    let nodes = graph
        .files
        .iter()
        .map(|f| Node {
            label: f.path.clone(),
            path: f.path.clone(),
            group: parent(&f.path),
            package: f
                .package
                .map(|p| graph.packages.list[p].label().to_string()),
            collapsed: None,
        })
        .collect();
    let mut edges: BTreeMap<(usize, usize), Edge> = BTreeMap::new();
    for (from, file) in graph.files.iter().enumerate() {
        for (_, r, resolution) in file.refs() {
            let Target::File(target) = &resolution.target else {
                continue;
            };
            let Some(&to) = index.get(target.as_str()) else {
                continue;
            };
            count(&mut edges, (from, to), &marks, r);
        }
    }
    Model {
        kind: "file",
        nodes,
        edges: edges.into_values().collect(),
    }
}

/// One more import `r` on the edge `from → to`, with the rules that reject it.
fn count(
    edges: &mut BTreeMap<(usize, usize), Edge>,
    (from, to): (usize, usize),
    marks: &HashMap<(String, usize), Vec<String>>,
    r: &ModuleRef,
) {
    let edge = edges
        .entry((from, to))
        .or_insert_with(|| Edge::new(from, to));
    edge.imports += 1;
    add_marks(edge, marks, r);
}

fn add_marks(edge: &mut Edge, marks: &HashMap<(String, usize), Vec<String>>, r: &ModuleRef) {
    if let Some(rules) = marks.get(&(r.specifier_span.path.to_string(), r.specifier_span.start)) {
        let at = format!("{}:{}", r.span.path, r.span.start_pos.line);
        edge.marks.extend(rules.iter().map(|rule| Mark {
            rule: rule.clone(),
            at: at.clone(),
        }));
    }
}
