//! `--focus` and `--rejected`: the part of the graph a reader asked for.

use structlint_core::closest;
use structlint_core::config::edit_distance;

use super::model::{Model, Node};

/// How many near names an unknown `--focus` suggests.
const SUGGESTIONS: usize = 3;

/// The nodes `--focus` names and their direct neighbours, or only the rejected edges (of the
/// neighbourhood, with both flags) and the nodes at their ends. With both flags the focused
/// nodes stay even without a rejected edge, so that the picture says what it is about.
pub(crate) fn select(model: Model, focus: &[String], rejected: bool) -> Result<Model, String> {
    let focused = focused(&model, focus)?;
    let mut keep = vec![focus.is_empty(); model.nodes.len()];
    if !focus.is_empty() {
        for (i, on) in focused.iter().enumerate() {
            keep[i] |= on;
        }
        for edge in &model.edges {
            if focused[edge.from] {
                keep[edge.to] = true;
            }
            if focused[edge.to] {
                keep[edge.from] = true;
            }
        }
    }
    if !rejected {
        return Ok(model.keep(&keep, |_| true));
    }
    let mut ends = focused.clone();
    for edge in &model.edges {
        if !edge.marks.is_empty() && keep[edge.from] && keep[edge.to] {
            ends[edge.from] = true;
            ends[edge.to] = true;
        }
    }
    Ok(model.keep(&ends, |e| !e.marks.is_empty()))
}

/// Which nodes the `--focus` names match; an error naming the first that matches none.
fn focused(model: &Model, focus: &[String]) -> Result<Vec<bool>, String> {
    let mut focused = vec![false; model.nodes.len()];
    for raw in focus {
        let name = normalise(raw);
        if name.is_empty() {
            return Err(
                "--focus needs a name: a package name or folder, e.g. `--focus @acme/billing`."
                    .to_string(),
            );
        }
        let mut found = false;
        for (i, node) in model.nodes.iter().enumerate() {
            if matches(node, &name, model.kind) {
                focused[i] = true;
                found = true;
            }
        }
        if !found {
            return Err(unknown(model, raw, &name));
        }
    }
    Ok(focused)
}

/// A name as the graph spells paths: `/` separators, root-relative, no `./` or trailing `/`,
/// as people type folders either way.
fn normalise(raw: &str) -> String {
    let mut name = raw.trim().replace('\\', "/");
    while let Some(rest) = name.strip_prefix("./") {
        name = rest.to_string();
    }
    while name.len() > 1 && name.ends_with('/') {
        name.pop();
    }
    name
}

/// A node matches its label, its path, a folder above it, and in the file graph the
/// package it belongs to.
fn matches(node: &Node, name: &str, kind: &str) -> bool {
    node.label == name
        || node.path == name
        || (name != "." && node.path.starts_with(name) && node.path[name.len()..].starts_with('/'))
        || (kind == "file" && node.package.as_deref() == Some(name))
}

fn unknown(model: &Model, raw: &str, name: &str) -> String {
    let mut candidates: Vec<&str> = model
        .nodes
        .iter()
        .flat_map(|n| {
            [
                Some(n.label.as_str()),
                Some(n.path.as_str()),
                n.package.as_deref(),
            ]
        })
        .flatten()
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    // The closest name, and others about as close: names that are far off only distract.
    let mut near = Vec::new();
    let mut best = None;
    while near.len() < SUGGESTIONS {
        let Some(found) = closest(name, candidates.iter().copied()) else {
            break;
        };
        let distance = edit_distance(name, found);
        if distance > *best.get_or_insert(distance) + 1 {
            break;
        }
        near.push(format!("`{found}`"));
        candidates.retain(|c| *c != found);
    }
    let what = if model.kind == "file" {
        "a package, folder or file"
    } else {
        "a package name or folder"
    };
    let hint = if near.is_empty() {
        format!(
            " `structlint graph{}` lists the {}s.",
            if model.kind == "file" { " --files" } else { "" },
            model.kind
        )
    } else {
        format!(" Did you mean {}?", near.join(", "))
    };
    format!("--focus `{raw}` matches no node of the graph: give {what}.{hint}")
}
