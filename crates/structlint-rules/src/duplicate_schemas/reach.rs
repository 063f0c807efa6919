//! Whether a copy could import its canonical definition: the same package or crate, or one
//! it depends on (directly or through other workspace packages). Two packages that do not
//! depend on each other (a React and a Solid adapter of one library) may hold the same shape
//! on purpose: neither can be told to import the other's.

use std::collections::{HashSet, VecDeque};

use structlint_cargo::CargoWorkspace;
use structlint_graph::ImportGraph;

/// The package graphs of the run: npm packages and Cargo crates.
pub(crate) struct Reach<'a> {
    pub graph: Option<&'a ImportGraph>,
    pub cargo: Option<&'a CargoWorkspace>,
}

/// How `from` reaches the package that holds `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Path {
    /// Same package or crate (or neither is in one).
    Same,
    /// A declared dependency.
    Direct,
    /// Only through other packages: the copy's package must declare the dependency first;
    /// the name is the package (or crate) to add.
    Indirect(String),
    /// No dependency path at all; the name is the package to add if it were to import it.
    None(String),
}

impl Reach<'_> {
    pub fn path(&self, from: &str, to: &str, rust: bool) -> Path {
        if rust {
            self.cargo_path(from, to)
        } else {
            self.npm_path(from, to)
        }
    }

    fn npm_path(&self, from: &str, to: &str) -> Path {
        let Some(graph) = self.graph else {
            return Path::Same;
        };
        let (a, b) = (graph.package_of(from), graph.package_of(to));
        let (Some(a), Some(b)) = (a, b) else {
            return if a == b {
                Path::Same
            } else {
                Path::None(
                    b.map_or_else(String::new, |b| graph.packages.list[b].label().to_string()),
                )
            };
        };
        let list = &graph.packages.list;
        let name = list[b].label().to_string();
        let deps = |p: usize| -> Vec<usize> {
            list[p]
                .manifest
                .dependencies
                .iter()
                .filter_map(|d| graph.packages.by_name(d))
                .collect()
        };
        classify(a, b, name, deps)
    }

    fn cargo_path(&self, from: &str, to: &str) -> Path {
        let Some(cargo) = self.cargo.filter(|c| !c.crates.is_empty()) else {
            return Path::Same;
        };
        let (a, b) = (cargo.crate_of(from), cargo.crate_of(to));
        let (Some(a), Some(b)) = (a, b) else {
            return if a == b {
                Path::Same
            } else {
                Path::None(b.map_or_else(String::new, |b| cargo.crates[b].name.clone()))
            };
        };
        let name = cargo.crates[b].name.clone();
        let deps = |c: usize| -> Vec<usize> {
            cargo.crates[c]
                .deps
                .iter()
                .filter_map(|d| cargo.crates.iter().position(|k| k.name == d.name))
                .collect()
        };
        classify(a, b, name, deps)
    }
}

fn classify(a: usize, b: usize, name: String, deps: impl Fn(usize) -> Vec<usize>) -> Path {
    if a == b {
        return Path::Same;
    }
    if deps(a).contains(&b) {
        return Path::Direct;
    }
    let mut seen = HashSet::from([a]);
    let mut queue = VecDeque::from([a]);
    while let Some(p) = queue.pop_front() {
        for d in deps(p) {
            if d == b {
                return Path::Indirect(name);
            }
            if seen.insert(d) {
                queue.push_back(d);
            }
        }
    }
    Path::None(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_paths() {
        // 0 → 1 → 2; 3 alone.
        let deps = |p: usize| match p {
            0 => vec![1],
            1 => vec![2, 0],
            _ => vec![],
        };
        assert_eq!(classify(0, 0, "a".into(), deps), Path::Same);
        assert_eq!(classify(0, 1, "b".into(), deps), Path::Direct);
        assert_eq!(classify(0, 2, "c".into(), deps), Path::Indirect("c".into()));
        assert_eq!(classify(0, 3, "d".into(), deps), Path::None("d".into()));
        assert_eq!(classify(2, 0, "a".into(), deps), Path::None("a".into()));
    }
}
