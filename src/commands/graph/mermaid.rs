//! The graph as a Mermaid flowchart: a subgraph per folder, rejected edges red and labelled
//! with their rules, and a legend subgraph of the rules that appear.

use std::fmt::Write as _;

use super::dot::edge_label;
use super::model::{Model, count, group_label};
use super::render::picture_label;

fn text(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "#quot;"))
}

pub(crate) fn mermaid(model: &Model) -> String {
    let mut out = String::from("flowchart LR\n");
    let collapsed = model.is_collapsed();
    for (g, (group, members)) in model.groups().into_iter().enumerate() {
        // A collapsed node stands for its folder already; a box around it says nothing.
        let indent = if collapsed {
            "  "
        } else {
            let _ = writeln!(out, "  subgraph g{g}[{}]", text(&group_label(group)));
            "    "
        };
        for i in members {
            let node = &model.nodes[i];
            let label = picture_label(node, model.kind, "<br>");
            let _ = writeln!(out, "{indent}n{i}[{}]", text(&label));
        }
        if !collapsed {
            out.push_str("  end\n");
        }
    }
    let mut rejected = Vec::new();
    for (k, edge) in model.edges.iter().enumerate() {
        let label = edge_label(edge, collapsed).replace('|', "#124;");
        let _ = writeln!(out, "  n{} -->|{label}| n{}", edge.from, edge.to);
        if !edge.marks.is_empty() {
            rejected.push(k.to_string());
        }
    }
    let legend = model.legend();
    if legend.is_empty() {
        return out;
    }
    // linkStyle numbers links in the order they are written: the legend draws none.
    let _ = writeln!(
        out,
        "  linkStyle {} stroke:#d00,stroke-width:3px",
        rejected.join(",")
    );
    let rules: Vec<String> = legend
        .iter()
        .map(|(rule, n)| format!("{rule} ({})", count(*n, "edge")))
        .collect();
    let _ = writeln!(out, "  %% red edges are rejected by: {}", rules.join(", "));
    out.push_str("  subgraph legend[\"rejected edges\"]\n");
    let mut keys = Vec::new();
    for (k, (rule, n)) in legend.iter().enumerate() {
        let _ = writeln!(
            out,
            "    legend{k}[{}]",
            text(&format!("{rule}: {}", count(*n, "edge")))
        );
        keys.push(format!("legend{k}"));
    }
    out.push_str("  end\n");
    out.push_str("  classDef rejected color:#d00,stroke:#d00\n");
    let _ = writeln!(out, "  class {} rejected", keys.join(","));
    out
}
