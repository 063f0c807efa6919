//! What the rule takes from the workspace: where each imported name is defined (through
//! re-exports), and which packages are documentation sites.

use std::collections::{HashMap, HashSet};

use structlint_core::FileFacts;
use structlint_graph::{ImportGraph, RefKind, Target};

use crate::fetch_retry_timeout::callers::Origins;
use crate::fetch_retry_timeout::model::FetchFacts;

/// The packages a documentation site is built with. A docs site's code (a star counter, an
/// Open Graph image function) is documentation, not the product.
const DOCS_SITE_PACKAGES: [&str; 10] = [
    "@docusaurus/core",
    "vitepress",
    "vuepress",
    "nextra",
    "@astrojs/starlight",
    "docsify",
    "@rspress/core",
    "rspress",
    "vocs",
    "fumadocs-core",
];

/// The directories of the workspace's documentation sites (never the workspace root).
pub(crate) fn docs_sites(graph: &ImportGraph) -> Vec<String> {
    graph
        .packages
        .list
        .iter()
        .filter(|p| !p.dir.is_empty())
        .filter(|p| {
            DOCS_SITE_PACKAGES
                .iter()
                .any(|d| p.manifest.dependencies.contains(*d))
        })
        .map(|p| p.dir.clone())
        .collect()
}

pub(crate) fn in_docs_site(sites: &[String], path: &str) -> bool {
    sites.iter().any(|d| {
        path.strip_prefix(d.as_str())
            .is_some_and(|r| r.starts_with('/'))
    })
}

/// Where the names each file uses come from, for the names it imports from a module of the
/// workspace.
pub(crate) fn origins(graph: &ImportGraph, files: &[&FileFacts<FetchFacts>]) -> Origins {
    // A default import names the function the module exports as its default.
    let mut defaults: HashMap<&str, &str> = HashMap::new();
    for file in files {
        let facts = &file.facts;
        let named = facts
            .unwrapped
            .iter()
            .filter(|u| u.default_export)
            .filter_map(|u| u.function.as_deref())
            .chain(
                facts
                    .uses
                    .iter()
                    .filter(|u| u.default_export)
                    .filter_map(|u| u.function.as_deref()),
            );
        if let Some(name) = named.into_iter().next() {
            defaults.insert(file.path.as_str(), name);
        }
    }
    let mut origins = Origins::new();
    for file in files {
        let used: HashSet<&str> = file.facts.uses.iter().map(|u| u.name.as_str()).collect();
        let Some(module) = graph.file(&file.path).filter(|_| !used.is_empty()) else {
            continue;
        };
        let mut here = HashMap::new();
        for (_, r, resolution) in module.refs() {
            let Target::File(target) = &resolution.target else {
                continue;
            };
            if r.kind != RefKind::Import || r.type_only {
                continue;
            }
            for n in r.names.iter().filter(|n| !n.type_only && n.name != "*") {
                let local = n.alias.as_deref().unwrap_or(&n.name);
                if !used.contains(local) {
                    continue;
                }
                let Some((path, name)) = origin(graph, target, &n.name, 0) else {
                    continue;
                };
                let name = match name.as_str() {
                    "default" => match defaults.get(path.as_str()) {
                        Some(d) => d.to_string(),
                        None => continue,
                    },
                    _ => name,
                };
                here.insert(local.to_string(), (path, name));
            }
        }
        origins.insert(file.path.clone(), here);
    }
    origins
}

/// The module that declares `name` as `file` exports it, following `export … from`.
fn origin(graph: &ImportGraph, file: &str, name: &str, depth: usize) -> Option<(String, String)> {
    let module = graph.file(file)?;
    if module.facts.exports.iter().any(|e| e == name) {
        return Some((file.to_string(), name.to_string()));
    }
    if depth > 8 {
        return None;
    }
    module.refs().find_map(|(_, r, resolution)| {
        let Target::File(target) = &resolution.target else {
            return None;
        };
        match r.kind {
            RefKind::ExportFrom => r
                .names
                .iter()
                .find(|n| n.name != "*" && n.alias.as_deref().unwrap_or(&n.name) == name)
                .and_then(|n| origin(graph, target, &n.name, depth + 1)),
            RefKind::ExportAll => origin(graph, target, name, depth + 1),
            _ => None,
        }
    })
}
