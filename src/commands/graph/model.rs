//! The graph `structlint graph` draws: nodes (packages or files) and edges with the rules
//! that reject one of their imports.

pub(crate) struct Node {
    pub label: String,
    pub path: String,
}

/// A rule that rejects one import of an edge.
pub(crate) struct Mark {
    pub rule: String,
    pub at: String,
}

pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
    pub imports: usize,
    pub marks: Vec<Mark>,
}

pub(crate) struct Model {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}
