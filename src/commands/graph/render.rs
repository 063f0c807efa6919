//! The graph as text, Graphviz DOT, a Mermaid flowchart, or JSON.

use std::fmt::Write as _;

use super::model::{Edge, Model};
use crate::cli::GraphFormat;

pub(crate) fn render(model: &Model, format: GraphFormat) -> String {
    match format {
        GraphFormat::Text => text(model),
        GraphFormat::Dot => dot(model),
        GraphFormat::Mermaid => mermaid(model),
        GraphFormat::Json => json(model),
    }
}

fn rules(edge: &Edge) -> Vec<&str> {
    let mut rules: Vec<&str> = edge.marks.iter().map(|m| m.rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

fn text(model: &Model) -> String {
    let mut out = String::new();
    for (i, node) in model.nodes.iter().enumerate() {
        let _ = writeln!(out, "{} ({})", node.label, node.path);
        for edge in model.edges.iter().filter(|e| e.from == i) {
            let imports = if edge.imports == 1 {
                "1 import".to_string()
            } else {
                format!("{} imports", edge.imports)
            };
            let _ = write!(out, "  -> {} ({imports})", model.nodes[edge.to].label);
            if !edge.marks.is_empty() {
                let at: Vec<String> = edge
                    .marks
                    .iter()
                    .map(|m| format!("{} at {}", m.rule, m.at))
                    .collect();
                let _ = write!(out, "  REJECTED: {}", at.join(", "));
            }
            out.push('\n');
        }
    }
    let rejected = model.edges.iter().filter(|e| !e.marks.is_empty()).count();
    let _ = writeln!(
        out,
        "\n{} nodes, {} edges, {rejected} rejected",
        model.nodes.len(),
        model.edges.len()
    );
    out
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn dot(model: &Model) -> String {
    let mut out = String::from(
        "digraph structlint {\n  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\"];\n",
    );
    for (i, node) in model.nodes.iter().enumerate() {
        let _ = writeln!(
            out,
            "  n{i} [label={}, tooltip={}];",
            quote(&node.label),
            quote(&node.path)
        );
    }
    for edge in &model.edges {
        let style = if edge.marks.is_empty() {
            String::new()
        } else {
            format!(
                ", color=red, fontcolor=red, penwidth=2, tooltip={}",
                quote(&rules(edge).join(", "))
            )
        };
        let _ = writeln!(
            out,
            "  n{} -> n{} [label=\"{}\"{style}];",
            edge.from, edge.to, edge.imports
        );
    }
    out.push_str("}\n");
    out
}

fn mermaid(model: &Model) -> String {
    let mut out = String::from("flowchart LR\n");
    for (i, node) in model.nodes.iter().enumerate() {
        let _ = writeln!(out, "  n{i}[\"{}\"]", node.label.replace('"', "#quot;"));
    }
    let mut rejected = Vec::new();
    for (k, edge) in model.edges.iter().enumerate() {
        if edge.marks.is_empty() {
            let _ = writeln!(out, "  n{} -->|{}| n{}", edge.from, edge.imports, edge.to);
        } else {
            let _ = writeln!(
                out,
                "  n{} -->|{} {}| n{}",
                edge.from,
                edge.imports,
                rules(edge).join(" "),
                edge.to
            );
            rejected.push(k.to_string());
        }
    }
    if !rejected.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:#d00,stroke-width:3px",
            rejected.join(",")
        );
    }
    out
}

fn json(model: &Model) -> String {
    let nodes: Vec<serde_json::Value> = model
        .nodes
        .iter()
        .map(|n| serde_json::json!({ "id": n.label, "path": n.path }))
        .collect();
    let edges: Vec<serde_json::Value> = model
        .edges
        .iter()
        .map(|e| {
            serde_json::json!({
                "from": model.nodes[e.from].label,
                "to": model.nodes[e.to].label,
                "imports": e.imports,
                "rejected": e.marks.iter().map(|m| serde_json::json!({ "rule": m.rule, "at": m.at })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&serde_json::json!({ "nodes": nodes, "edges": edges }))
            .expect("JSON values serialise");
    text.push('\n');
    text
}
