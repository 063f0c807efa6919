//! What `init` learns from a workspace before it writes a config: the packages and crates,
//! layer folders, network wrappers, where the schemas live, and helpers defined twice.

use std::collections::{BTreeMap, BTreeSet};

use structlint_cargo::CargoWorkspace;
use structlint_graph::ImportGraph;

/// The layer folders `init` recognises, bottom to top: the stack the `layers` rule documents.
/// A package whose source folder holds three or more of them is taken to be layered.
const STACK: [&str; 6] = ["types", "config", "repo", "service", "runtime", "ui"];
/// Folders any layer may import, in the same stack.
const CROSS_CUTTING: [&str; 1] = ["providers"];
/// Fewer than this many layer folders could be a coincidence (`types/` and `ui/`).
const MIN_LAYERS: usize = 3;

pub struct Layered {
    pub name: String,
    pub modules: String,
    pub order: Vec<String>,
    pub cross_cutting: Vec<String>,
}

#[derive(Default)]
pub struct Survey {
    /// `(label, dir)` of each package.json package.
    pub packages: Vec<(String, String)>,
    /// `(name, dir)` of each Cargo workspace member.
    pub crates: Vec<(String, String)>,
    pub layered: Vec<Layered>,
    /// Exported functions named like a retry wrapper, with the files that define them.
    pub retry: BTreeMap<String, BTreeSet<String>>,
    /// The same for timeout wrappers.
    pub timeout: BTreeMap<String, BTreeSet<String>>,
    /// The folder of the package that holds most schema files, with how many of how many.
    pub schemas: Option<(String, usize, usize)>,
    /// Exported names defined in more than one package, with those files.
    pub repeated: BTreeMap<String, BTreeSet<String>>,
}

pub fn survey(graph: Option<&ImportGraph>, cargo: Option<&CargoWorkspace>) -> Survey {
    let mut s = Survey::default();
    if let Some(cargo) = cargo {
        s.crates = cargo
            .crates
            .iter()
            .map(|c| (c.name.clone(), c.dir.clone()))
            .collect();
    }
    let Some(graph) = graph else {
        return s;
    };
    s.packages = graph
        .packages
        .list
        .iter()
        .map(|p| (p.label().to_string(), p.dir.clone()))
        .collect();
    s.layered = layered(graph);
    let code = || graph.files.iter().filter(|f| !f.test);
    let mut defined: BTreeMap<&str, BTreeMap<Option<usize>, &str>> = BTreeMap::new();
    for file in code() {
        for name in &file.facts.exports {
            if wrapper_named(name, "Retry") {
                s.retry
                    .entry(name.clone())
                    .or_default()
                    .insert(file.path.clone());
            } else if wrapper_named(name, "Timeout") {
                s.timeout
                    .entry(name.clone())
                    .or_default()
                    .insert(file.path.clone());
            }
            if name != "default" {
                defined
                    .entry(name)
                    .or_default()
                    .entry(file.package)
                    .or_insert(&file.path);
            }
        }
    }
    // A name every package exports (`config`, `main`) says nothing; a handful of copies do.
    s.repeated = defined
        .into_iter()
        .filter(|(_, at)| (2..=4).contains(&at.len()))
        .filter(|(name, _)| name.chars().next().is_some_and(char::is_lowercase))
        .map(|(name, at)| {
            (
                name.to_string(),
                at.values().map(|p| p.to_string()).collect(),
            )
        })
        .take(10)
        .collect();
    let mut schemas: BTreeMap<Option<usize>, usize> = BTreeMap::new();
    for file in code() {
        if file.path.to_lowercase().contains("schema") {
            *schemas.entry(file.package).or_default() += 1;
        }
    }
    let total: usize = schemas.values().sum();
    if let Some((Some(package), n)) = schemas.iter().max_by_key(|(_, n)| **n)
        && *n * 2 > total
        && *n >= 3
    {
        let dir = &graph.packages.list[*package].dir;
        s.schemas = Some((dir.clone(), *n, total));
    }
    s
}

/// Named like a function that wraps a call in `what` (`Retry`): `withRetry`,
/// `fetchWithRetry`, `withRetryPolicy`, `retry`; not `retryCount` or `RetryOptions`.
fn wrapper_named(name: &str, what: &str) -> bool {
    name == what.to_lowercase()
        || (name.starts_with("with") && name.contains(what))
        || name.ends_with(&format!("With{what}"))
}

/// Packages whose `src/` folders form the known stack.
fn layered(graph: &ImportGraph) -> Vec<Layered> {
    let mut folders: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for file in &graph.files {
        let Some((src, rest)) = file
            .path
            .rsplit_once("src/")
            .filter(|(src, _)| src.is_empty() || src.ends_with('/'))
        else {
            continue;
        };
        if let Some((folder, _)) = rest.split_once('/') {
            folders
                .entry(format!("{src}src"))
                .or_default()
                .insert(folder);
        }
    }
    folders
        .into_iter()
        .filter_map(|(modules, present)| {
            let order: Vec<String> = STACK
                .iter()
                .filter(|l| present.contains(*l))
                .map(|l| l.to_string())
                .collect();
            (order.len() >= MIN_LAYERS).then(|| Layered {
                name: modules
                    .trim_end_matches("/src")
                    .rsplit('/')
                    .next()
                    .filter(|n| *n != "src")
                    .unwrap_or("app")
                    .to_string(),
                cross_cutting: CROSS_CUTTING
                    .iter()
                    .filter(|l| present.contains(*l))
                    .map(|l| l.to_string())
                    .collect(),
                modules,
                order,
            })
        })
        .collect()
}
