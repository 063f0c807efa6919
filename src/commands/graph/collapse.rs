//! The default picture of a big graph: one node per folder, so that it stays readable.

use std::collections::BTreeMap;

use super::model::{Edge, Inside, Model, Node, group_label};

/// Above this many nodes a graph drawn without `--focus`, `--rejected` or `--all` is
/// collapsed: past about a hundred boxes no layout engine gives a picture people can read.
pub(crate) const MAX_NODES: usize = 100;

/// One node per group, edges between groups summed, the edges inside a group counted on
/// its node.
pub(crate) fn collapse(model: Model) -> Model {
    // Owned, as the edges are moved out of the model below.
    let groups: Vec<(String, Vec<usize>)> = model
        .groups()
        .into_iter()
        .map(|(group, members)| (group.to_string(), members))
        .collect();
    let mut of = vec![0; model.nodes.len()];
    let mut inside: Vec<Inside> = Vec::with_capacity(groups.len());
    for (g, (_, members)) in groups.iter().enumerate() {
        for &i in members {
            of[i] = g;
        }
        inside.push(Inside {
            members: members.len(),
            ..Inside::default()
        });
    }
    let mut edges: BTreeMap<(usize, usize), Edge> = BTreeMap::new();
    for edge in model.edges {
        let (from, to) = (of[edge.from], of[edge.to]);
        if from == to {
            inside[from].edges += 1;
            inside[from].rejected += usize::from(!edge.marks.is_empty());
            continue;
        }
        let sum = edges.entry((from, to)).or_insert_with(|| Edge {
            links: 0,
            ..Edge::new(from, to)
        });
        sum.links += 1;
        sum.imports += edge.imports;
        sum.marks.extend(edge.marks);
    }
    let nodes = groups
        .into_iter()
        .zip(inside)
        .map(|((group, _), inside)| Node {
            label: group_label(&group),
            path: group.clone(),
            group,
            package: None,
            collapsed: Some(inside),
        })
        .collect();
    Model {
        kind: model.kind,
        nodes,
        edges: edges.into_values().collect(),
    }
}
