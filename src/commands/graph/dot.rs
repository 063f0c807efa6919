//! The graph as Graphviz DOT: a cluster per folder, rejected edges red and labelled with
//! their rules, and a legend cluster of the rules that appear.

use std::fmt::Write as _;

use super::model::{Edge, Model, count, group_label, weight};
use super::render::picture_label;

fn quote(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

/// An edge's label: its size, then the rules that reject it.
pub(crate) fn edge_label(edge: &Edge, collapsed: bool) -> String {
    let size = if collapsed {
        weight(edge, true)
    } else {
        edge.imports.to_string()
    };
    if edge.marks.is_empty() {
        size
    } else {
        format!("{size} {}", edge.rules().join(", "))
    }
}

pub(crate) fn dot(model: &Model) -> String {
    let mut out = String::from(
        "digraph structlint {\n  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\"];\n",
    );
    let collapsed = model.is_collapsed();
    for (group, members) in model.groups() {
        // A collapsed node stands for its folder already; a box around it says nothing.
        let indent = if collapsed {
            "  "
        } else {
            let _ = writeln!(
                out,
                "  subgraph {} {{\n    label={};",
                quote(&format!("cluster_{group}")),
                quote(&group_label(group))
            );
            "    "
        };
        for i in members {
            let node = &model.nodes[i];
            let label = picture_label(node, model.kind, "\n");
            let _ = writeln!(
                out,
                "{indent}n{i} [label={}, tooltip={}];",
                quote(&label),
                quote(&node.path)
            );
        }
        if !collapsed {
            out.push_str("  }\n");
        }
    }
    for edge in &model.edges {
        let style = if edge.marks.is_empty() {
            String::new()
        } else {
            format!(
                ", color=red, fontcolor=red, penwidth=2, tooltip={}",
                quote(&edge.rules().join(", "))
            )
        };
        let _ = writeln!(
            out,
            "  n{} -> n{} [label={}{style}];",
            edge.from,
            edge.to,
            quote(&edge_label(edge, collapsed))
        );
    }
    let legend = model.legend();
    if !legend.is_empty() {
        // `:` cannot start a folder name on Windows and hardly does elsewhere, so the legend
        // never shares its name with a folder's cluster.
        out.push_str("  subgraph \"cluster_:legend\" {\n    label=\"rejected edges\";\n");
        out.push_str("    node [shape=plaintext, fontcolor=red];\n");
        for (k, (rule, n)) in legend.iter().enumerate() {
            let _ = writeln!(
                out,
                "    legend{k} [label={}];",
                quote(&format!(
                    "{rule}: {} (structlint explain {rule})",
                    count(*n, "edge")
                ))
            );
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}
