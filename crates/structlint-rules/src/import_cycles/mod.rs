//! # import-cycles
//!
//! Workspace packages must not import each other in a cycle.
//!
//! ## Why
//!
//! Packages in a cycle cannot be built, tested, versioned or understood on their own: a
//! change to any of them can break all of them, build tools must treat them as one unit, and
//! the layering the package boundaries were meant to give is gone.
//!
//! ## What it reports
//!
//! One finding per group of packages that reach each other (a strongly connected component
//! of the package graph), showing its shortest cycle with the file and line of every edge.
//! The finding sits on the weakest edge, the one resting on the fewest import statements
//! (type-only ones first): that is usually the edge to cut.
//!
//! Imports in tests and fixtures (`[files] tests`) are no edges: tests are built apart from
//! the package, and a cycle through a test helper would hide the real ones.
//!
//! ## Example
//!
//! ```text
//! packages/schemas/src/errors.ts:1
//!   workspace packages import each other in a cycle: @acme/net → @acme/schemas → @acme/net
//! ```
//!
//! ## Options
//!
//! | option | default | meaning |
//! | --- | --- | --- |
//! | `include-type-only` | `true` | count `import type` edges; they create no cycle at run time, but one in the design |

use std::collections::{BTreeMap, VecDeque};

use serde::Deserialize;
use structlint_core::{Diagnostic, Level, RuleImpl, RuleSpec, plural};
use structlint_graph::{ImportGraph, ModuleRef};

use crate::shared::import_graph::{GraphRule, OnGraph, place};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "import-cycles",
    name: "ImportCycles",
    summary: "Workspace packages that import each other in a cycle, with the weakest edge to cut",
    default_level: Level::Warn,
    tags: &["architecture", "dependencies"],
    precision: "very-high",
    sections: &[],
    source: include_str!("mod.rs"),
    build: |options| {
        let options: Options = options.parse()?;
        Ok(RuleImpl::Workspace(Box::new(OnGraph(ImportCycles {
            include_type_only: options.include_type_only,
        }))))
    },
};

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// Count `import type` edges: they create no cycle at run time, but one in the design
    /// (default true).
    include_type_only: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            include_type_only: true,
        }
    }
}

struct ImportCycles {
    include_type_only: bool,
}

impl GraphRule for ImportCycles {
    fn check_graph(&self, graph: &ImportGraph, out: &mut Vec<Diagnostic>) {
        let mut edges: BTreeMap<(usize, usize), Vec<&ModuleRef>> = BTreeMap::new();
        for (file, index, from, to) in graph.package_edges() {
            // Tests and fixtures are built apart from the package: their imports are no
            // dependency of it, and a cycle through them hides the real ones.
            if graph.files[file].test {
                continue;
            }
            let r = &graph.files[file].facts.refs[index];
            if self.include_type_only || !r.type_only {
                edges.entry((from, to)).or_default().push(r);
            }
        }
        let count = graph.packages.list.len();
        let mut next = vec![Vec::new(); count];
        for &(from, to) in edges.keys() {
            next[from].push(to);
        }
        for component in strongly_connected(&next)
            .into_iter()
            .filter(|c| c.len() > 1)
        {
            let cycle = shortest_cycle(&next, &component);
            out.push(diagnostic(graph, &cycle, &edges));
        }
    }
}

/// Tarjan's algorithm, iterative; components come out with their members sorted.
fn strongly_connected(next: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = next.len();
    let (mut index, mut low, mut on_stack) = (vec![usize::MAX; n], vec![0; n], vec![false; n]);
    let (mut counter, mut stack, mut components) = (0, Vec::new(), Vec::new());
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0)];
        while let Some((v, child)) = work.pop() {
            if child == 0 {
                index[v] = counter;
                low[v] = counter;
                counter += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = next[v].get(child) {
                work.push((v, child + 1));
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
        }
    }
    components.sort();
    components
}

/// The shortest cycle through the component's first member, as the packages in order.
fn shortest_cycle(next: &[Vec<usize>], component: &[usize]) -> Vec<usize> {
    let start = component[0];
    let mut parent = vec![usize::MAX; next.len()];
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in &next[v] {
            if w == start {
                let mut path = vec![v];
                while *path.last().unwrap() != start {
                    path.push(parent[*path.last().unwrap()]);
                }
                path.reverse();
                return path;
            }
            if parent[w] == usize::MAX && component.binary_search(&w).is_ok() {
                parent[w] = v;
                queue.push_back(w);
            }
        }
    }
    component.to_vec()
}

fn diagnostic(
    graph: &ImportGraph,
    cycle: &[usize],
    edges: &BTreeMap<(usize, usize), Vec<&ModuleRef>>,
) -> Diagnostic {
    let name = |p: usize| graph.packages.list[p].label();
    let pairs: Vec<(usize, usize)> = (0..cycle.len())
        .map(|i| (cycle[i], cycle[(i + 1) % cycle.len()]))
        .collect();
    let refs = |pair: &(usize, usize)| edges.get(pair).map_or(&[][..], Vec::as_slice);
    let weakest = *pairs
        .iter()
        .min_by_key(|pair| {
            (
                refs(pair).len(),
                !refs(pair).iter().all(|r| r.type_only),
                name(pair.0),
                name(pair.1),
            )
        })
        .expect("a cycle has edges");
    let chain: Vec<&str> = cycle
        .iter()
        .chain(cycle.first())
        .map(|&p| name(p))
        .collect();
    let weak_refs = refs(&weakest);
    let first = weak_refs
        .iter()
        .min_by_key(|r| (&r.span.path, r.span.start))
        .expect("an edge rests on imports");
    let (a, b) = (name(weakest.0), name(weakest.1));
    let places: Vec<String> = weak_refs.iter().take(5).map(|r| place(r)).collect();
    let mut d = Diagnostic::new(first.specifier_span.clone(), format!("workspace packages import each other in a cycle: {}", chain.join(" → ")))
        .label(format!("weakest edge of the cycle: {a} → {b}"))
        .why("Packages in a cycle cannot be built, tested or released on their own: a change to any of them can break all of them, and build tools must treat them as one.")
        .step(format!(
            "Cut the weakest edge, {a} → {b}: it rests on {} ({}). Move what {a} uses from {b} into {a}, or into a package both may depend on, and import it from there.",
            plural(weak_refs.len(), "import"),
            places.join(", ")
        ))
        .step(format!("Or invert it: declare the interface {a} needs inside {a}, have {b} implement it, and pass the implementation in where the two are wired together."));
    let links: Vec<String> = pairs
        .iter()
        .map(|pair| {
            format!(
                "{} → {} at {}",
                name(pair.0),
                name(pair.1),
                refs(pair).first().map(|r| place(r)).unwrap_or_default()
            )
        })
        .collect();
    d = d.step(format!("The cycle, edge by edge: {}.", links.join("; ")));
    for pair in &pairs {
        if let Some(r) = refs(pair).first() {
            d = d.related(
                r.specifier_span.clone(),
                format!("{} → {}", name(pair.0), name(pair.1)),
            );
        }
    }
    d
}

#[cfg(test)]
mod tests;
