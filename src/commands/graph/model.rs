//! The graph `structlint graph` draws: nodes (packages, files, or whole folders when the graph
//! is collapsed) and edges with the rules that reject one of their imports.

use std::collections::BTreeMap;

pub(crate) struct Node {
    pub label: String,
    pub path: String,
    /// The folder the node is drawn in: a package's parent folder, a file's directory
    /// (`.` at the root).
    pub group: String,
    /// The label of the package a file belongs to, so that `--focus @acme/billing` also
    /// works on the file graph.
    pub package: Option<String>,
    /// Set when the node stands for a whole folder of the collapsed graph.
    pub collapsed: Option<Inside>,
}

/// What a collapsed folder node hides: its members and the edges among them.
#[derive(Default)]
pub(crate) struct Inside {
    pub members: usize,
    pub edges: usize,
    pub rejected: usize,
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
    /// How many edges of the full graph this one stands for (1 unless collapsed).
    pub links: usize,
    pub marks: Vec<Mark>,
}

impl Edge {
    pub fn new(from: usize, to: usize) -> Self {
        Edge {
            from,
            to,
            imports: 0,
            links: 1,
            marks: Vec::new(),
        }
    }

    /// The rules that reject this edge, each once, sorted.
    pub fn rules(&self) -> Vec<&str> {
        let mut rules: Vec<&str> = self.marks.iter().map(|m| m.rule.as_str()).collect();
        rules.sort_unstable();
        rules.dedup();
        rules
    }
}

pub(crate) struct Model {
    /// `package` or `file`: what one node of the full graph is, for the summaries.
    pub kind: &'static str,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Model {
    pub fn is_collapsed(&self) -> bool {
        self.nodes.iter().any(|n| n.collapsed.is_some())
    }

    /// The node indices of each group, groups sorted by folder and nodes kept in model
    /// order, so that every format draws the same picture on every run.
    pub fn groups(&self) -> BTreeMap<&str, Vec<usize>> {
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, node) in self.nodes.iter().enumerate() {
            groups.entry(node.group.as_str()).or_default().push(i);
        }
        groups
    }

    /// Each rule that rejects a drawn edge, with how many drawn edges it rejects.
    pub fn legend(&self) -> Vec<(&str, usize)> {
        let mut legend: BTreeMap<&str, usize> = BTreeMap::new();
        for edge in &self.edges {
            for rule in edge.rules() {
                *legend.entry(rule).or_default() += 1;
            }
        }
        legend.into_iter().collect()
    }

    /// The model restricted to the nodes in `keep` and the edges `edge` accepts between
    /// them, renumbered.
    pub fn keep(self, keep: &[bool], edge: impl Fn(&Edge) -> bool) -> Model {
        let mut index = vec![usize::MAX; self.nodes.len()];
        let mut nodes = Vec::new();
        for (i, node) in self.nodes.into_iter().enumerate() {
            if keep[i] {
                index[i] = nodes.len();
                nodes.push(node);
            }
        }
        let edges = self
            .edges
            .into_iter()
            .filter(|e| keep[e.from] && keep[e.to] && edge(e))
            .map(|e| Edge {
                from: index[e.from],
                to: index[e.to],
                ..e
            })
            .collect();
        Model {
            kind: self.kind,
            nodes,
            edges,
        }
    }
}

/// The folder a path is drawn in: everything before its last `/`, or `.`.
pub(crate) fn parent(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, _)) if !dir.is_empty() => dir.to_string(),
        _ => ".".to_string(),
    }
}

/// A group as people read it: `packages/`, `./` for the root.
pub(crate) fn group_label(group: &str) -> String {
    if group == "." {
        "./".to_string()
    } else {
        format!("{group}/")
    }
}

/// `1 import`, `6 imports`.
pub(crate) fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The size of an edge as its label says it: imports, and for a collapsed edge also the
/// edges it stands for.
pub(crate) fn weight(edge: &Edge, collapsed: bool) -> String {
    if collapsed {
        format!(
            "{}, {}",
            count(edge.links, "edge"),
            count(edge.imports, "import")
        )
    } else {
        count(edge.imports, "import")
    }
}
