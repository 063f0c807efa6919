//! `structlint graph`: the package (or file) import graph, with rejected edges marked.

mod model;
mod render;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use structlint::{Check, Report};
use structlint_core::write_atomic;
use structlint_graph::{IMPORT_GRAPH, ImportGraph, ImportGraphProvider, Target};

use self::model::{Edge, Mark, Model, Node};
use self::render::render;

use super::{print, report_error};
use crate::EXIT_ERROR;
use crate::cli::GraphArgs;

/// The rules whose findings mark an edge of the graph.
const EDGE_RULES: [&str; 3] = ["package-privacy", "layers", "import-cycles"];

pub fn run(args: &GraphArgs) -> u8 {
    let mut check = Check::paths(&args.paths);
    if let Some(config) = &args.config {
        check = check.config(config);
    }
    let (report, cx) = match check.run_with_context(&[&IMPORT_GRAPH]) {
        Ok(found) => found,
        Err(error) => return report_error(&error),
    };
    let Some(graph) = cx.artifact::<ImportGraphProvider>() else {
        let _ = writeln!(
            io::stderr(),
            "error: building the import graph failed (this is a bug in structlint; the report above says where)"
        );
        return EXIT_ERROR;
    };
    let model = if args.files {
        files(&graph, &report)
    } else {
        packages(&graph, &report)
    };
    let text = render(&model, args.format);
    let written = match &args.output {
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| writeln!(io::stderr(), "error: cannot write {}: {e}", path.display()))
            .is_ok(),
        None => print(&text),
    };
    if written { 0 } else { EXIT_ERROR }
}

/// Findings of the edge rules by (path, byte offset of the specifier).
fn marks(report: &Report) -> HashMap<(String, usize), Vec<String>> {
    let mut marks: HashMap<(String, usize), Vec<String>> = HashMap::new();
    for d in report
        .diagnostics
        .iter()
        .filter(|d| EDGE_RULES.contains(&d.rule.as_str()) && !d.is_suppressed())
    {
        marks
            .entry((d.span.path.clone(), d.span.start))
            .or_default()
            .push(d.rule.clone());
    }
    marks
}

fn packages(graph: &ImportGraph, report: &Report) -> Model {
    let marks = marks(report);
    let nodes = graph
        .packages
        .list
        .iter()
        .map(|p| Node {
            label: p.label().to_string(),
            path: p.dir.clone(),
        })
        .collect();
    let mut edges: BTreeMap<(usize, usize), Edge> = BTreeMap::new();
    for (file, index, from, to) in graph.package_edges() {
        let r = &graph.files[file].facts.refs[index];
        let edge = edges.entry((from, to)).or_insert(Edge {
            from,
            to,
            imports: 0,
            marks: Vec::new(),
        });
        edge.imports += 1;
        add_marks(edge, &marks, r);
    }
    Model {
        nodes,
        edges: edges.into_values().collect(),
    }
}

fn files(graph: &ImportGraph, report: &Report) -> Model {
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
            let edge = edges.entry((from, to)).or_insert(Edge {
                from,
                to,
                imports: 0,
                marks: Vec::new(),
            });
            edge.imports += 1;
            add_marks(edge, &marks, r);
        }
    }
    Model {
        nodes,
        edges: edges.into_values().collect(),
    }
}

fn add_marks(
    edge: &mut Edge,
    marks: &HashMap<(String, usize), Vec<String>>,
    r: &structlint_graph::ModuleRef,
) {
    if let Some(rules) = marks.get(&(r.specifier_span.path.clone(), r.specifier_span.start)) {
        let at = format!("{}:{}", r.span.path, r.span.start_pos.line);
        edge.marks.extend(rules.iter().map(|rule| Mark {
            rule: rule.clone(),
            at: at.clone(),
        }));
    }
}
