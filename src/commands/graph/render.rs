//! The graph as text or JSON; DOT and Mermaid are in their own files.

use std::fmt::Write as _;

use super::dot::dot;
use super::mermaid::mermaid;
use super::model::{Edge, Model, Node, count, group_label, weight};
use crate::cli::GraphFormat;

pub(crate) fn render(model: &Model, format: GraphFormat) -> String {
    match format {
        GraphFormat::Text => text(model),
        GraphFormat::Dot => dot(model),
        GraphFormat::Mermaid => mermaid(model),
        GraphFormat::Json => json(model),
    }
}

/// What a collapsed folder node holds, e.g. `32 packages, 31 edges inside, 1 rejected`.
pub(crate) fn inside(node: &Node, kind: &str) -> Option<String> {
    let inside = node.collapsed.as_ref()?;
    Some(format!(
        "{}, {} inside, {} rejected",
        count(inside.members, kind),
        count(inside.edges, "edge"),
        inside.rejected
    ))
}

/// A node's label for a picture: what a collapsed folder holds goes on a second line, after
/// `line_break` (DOT's `\n`, Mermaid's `<br>`).
pub(crate) fn picture_label(node: &Node, kind: &str, line_break: &str) -> String {
    match inside(node, kind) {
        Some(inside) => format!("{}{line_break}{inside}", node.label),
        None => node.label.clone(),
    }
}

/// Why an edge is red, for the text: each import a rule rejects, or for a collapsed edge
/// (which may stand for hundreds of imports) how many each rule rejects.
fn rejections(edge: &Edge, collapsed: bool) -> String {
    if !collapsed {
        let at: Vec<String> = edge
            .marks
            .iter()
            .map(|m| format!("{} at {}", m.rule, m.at))
            .collect();
        return at.join(", ");
    }
    edge.rules()
        .iter()
        .map(|rule| {
            let n = edge.marks.iter().filter(|m| m.rule == *rule).count();
            format!("{rule} ({})", count(n, "import"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn text(model: &Model) -> String {
    let collapsed = model.is_collapsed();
    let mut out = String::new();
    for (group, members) in model.groups() {
        // A collapsed node is its own group: a heading would only repeat its name.
        let indent = if collapsed {
            ""
        } else {
            let _ = writeln!(out, "{}", group_label(group));
            "  "
        };
        for i in members {
            let node = &model.nodes[i];
            match inside(node, model.kind) {
                Some(inside) => {
                    let _ = writeln!(out, "{indent}{} ({inside})", node.label);
                }
                None => {
                    let _ = writeln!(out, "{indent}{} ({})", node.label, node.path);
                }
            }
            for edge in model.edges.iter().filter(|e| e.from == i) {
                let _ = write!(
                    out,
                    "{indent}  -> {} ({})",
                    model.nodes[edge.to].label,
                    weight(edge, collapsed)
                );
                if !edge.marks.is_empty() {
                    let _ = write!(out, "  REJECTED: {}", rejections(edge, collapsed));
                }
                out.push('\n');
            }
        }
    }
    let rejected = model.edges.iter().filter(|e| !e.marks.is_empty()).count();
    let nodes = if collapsed {
        let members: usize = model
            .nodes
            .iter()
            .filter_map(|n| n.collapsed.as_ref())
            .map(|c| c.members)
            .sum();
        format!(
            "{} (folders of {})",
            count(model.nodes.len(), "node"),
            count(members, model.kind)
        )
    } else {
        count(model.nodes.len(), "node")
    };
    let _ = writeln!(
        out,
        "\n{nodes}, {}, {rejected} rejected",
        count(model.edges.len(), "edge")
    );
    let legend = model.legend();
    if !legend.is_empty() {
        let rules: Vec<String> = legend
            .iter()
            .map(|(rule, n)| format!("{rule} ({})", count(*n, "edge")))
            .collect();
        let _ = writeln!(out, "rejected by: {}", rules.join(", "));
    }
    out
}

fn json(model: &Model) -> String {
    let nodes: Vec<serde_json::Value> = model
        .nodes
        .iter()
        .map(|n| {
            let mut node = serde_json::json!({ "id": n.label, "path": n.path, "group": group_label(&n.group) });
            if let Some(inside) = &n.collapsed {
                node["members"] = inside.members.into();
                node["edges_inside"] = inside.edges.into();
                node["rejected_inside"] = inside.rejected.into();
            }
            node
        })
        .collect();
    let collapsed = model.is_collapsed();
    let edges: Vec<serde_json::Value> = model
        .edges
        .iter()
        .map(|e| {
            let mut edge = serde_json::json!({
                "from": model.nodes[e.from].label,
                "to": model.nodes[e.to].label,
                "imports": e.imports,
                "rejected": e.marks.iter().map(|m| serde_json::json!({ "rule": m.rule, "at": m.at })).collect::<Vec<_>>(),
            });
            if collapsed {
                edge["edges"] = e.links.into();
            }
            edge
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&serde_json::json!({ "nodes": nodes, "edges": edges }))
            .expect("JSON values serialise");
    text.push('\n');
    text
}
