//! The `[[layers]]` config and where a file sits in it, shared by `layers` and
//! `unclassified-layer`.
//!
//! ```toml
//! [[layers]]
//! name = "domain"
//! modules = "packages/*/src"        # each match is one domain; its subfolders are the layers
//! order = ["types", "config", "repo", "service", "runtime", "ui"]   # bottom to top
//! cross-cutting = ["providers"]     # any layer may import these
//! cross-cutting-may-use = ["types", "config"]   # default: the two lowest layers
//! allow-type-only = false
//! forbid = [{ from = "ui", to = "repo" }, { from = "packages/ui-*/**", to = "packages/billing/**" }]
//! ```

use globset::GlobMatcher;
use serde::Deserialize;
use serde::de::Error as _;
use structlint_core::RuleOptions;
use structlint_graph::{ImportGraph, paths};

/// A stack of layers (`[[layers]]`): folders (or Cargo crates) ordered bottom to top, where a
/// layer may import only the layers below it.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct StackConfig {
    /// The stack's name in findings.
    name: String,
    /// A glob of folders, such as "packages/*/src": each match is one stack, its subfolders
    /// the layers.
    #[serde(default)]
    modules: Option<String>,
    /// Cargo crates by name, with their layer.
    #[serde(default)]
    crates: std::collections::BTreeMap<String, String>,
    /// The layers, bottom first, such as ["types", "config", "repo", "service", "ui"].
    order: Vec<String>,
    /// Layers any layer may import, such as ["providers"].
    #[serde(default)]
    cross_cutting: Vec<String>,
    /// The layers the cross-cutting ones may import (default: the two lowest).
    #[serde(default)]
    cross_cutting_may_use: Option<Vec<String>>,
    /// Allow `import type` from a higher layer (default false).
    #[serde(default)]
    allow_type_only: bool,
    /// More edges to reject: layer names or path globs, such as { from = "ui", to = "repo" }.
    #[serde(default)]
    forbid: Vec<ForbidConfig>,
}

/// An edge to reject, between layers of the stack or path globs.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct ForbidConfig {
    /// The importing layer, or a glob of importing files.
    from: String,
    /// The imported layer, or a glob of imported files.
    to: String,
}

/// One side of a `forbid` edge: a layer of the stack, or a path glob.
pub(crate) enum Side {
    Layer(String),
    Glob(GlobMatcher),
}

pub(crate) struct Forbid {
    pub from: Side,
    pub to: Side,
    /// As written, for messages.
    pub text: String,
}

pub(crate) struct Stack {
    pub name: String,
    modules: Option<GlobMatcher>,
    /// Crate name → layer, from `crates = { … }`.
    pub crates: Vec<(String, String)>,
    /// Bottom to top.
    pub order: Vec<String>,
    pub cross_cutting: Vec<String>,
    pub cross_cutting_may_use: Vec<String>,
    pub allow_type_only: bool,
    pub forbid: Vec<Forbid>,
}

/// Where a file sits.
pub(crate) enum Place<'s> {
    /// In a layer folder of a domain.
    Layer {
        stack: &'s Stack,
        domain: String,
        layer: String,
    },
    /// A public entry of its package (or the domain's index): above the layers.
    Entry { stack: &'s Stack, domain: String },
    /// In a domain but in no layer folder; `folder` is the first directory under the domain.
    Unclassified {
        stack: &'s Stack,
        domain: String,
        folder: Option<String>,
    },
}

impl Place<'_> {
    pub fn domain(&self) -> &str {
        match self {
            Place::Layer { domain, .. }
            | Place::Entry { domain, .. }
            | Place::Unclassified { domain, .. } => domain,
        }
    }

    pub fn layer(&self) -> Option<&str> {
        match self {
            Place::Layer { layer, .. } => Some(layer),
            _ => None,
        }
    }
}

/// The `[[layers]]` stacks of the config, validated.
pub(crate) fn stacks(options: &RuleOptions<'_>) -> Result<Vec<Stack>, toml::de::Error> {
    let configs: Vec<StackConfig> = options.section("layers")?;
    configs.into_iter().map(stack).collect()
}

fn stack(c: StackConfig) -> Result<Stack, toml::de::Error> {
    let fail =
        |message: String| toml::de::Error::custom(format!("[[layers]] `{}`: {message}", c.name));
    if c.order.is_empty() {
        return Err(fail(
            "`order` must name at least one layer, bottom first".into(),
        ));
    }
    let all: Vec<&String> = c.order.iter().chain(&c.cross_cutting).collect();
    if let Some(dup) = all
        .iter()
        .enumerate()
        .find_map(|(i, l)| all[..i].contains(l).then_some(l))
    {
        return Err(fail(format!(
            "`{dup}` is listed twice in `order` and `cross-cutting`"
        )));
    }
    if c.modules.is_none() && c.crates.is_empty() {
        return Err(fail(
            "give `modules` (a glob of the directories whose subfolders are the layers) or `crates` (Cargo crates by layer), or both".into(),
        ));
    }
    if let Some((name, layer)) = c.crates.iter().find(|(_, l)| !all.contains(l)) {
        return Err(fail(format!(
            "crate `{name}` is put in `{layer}`, which is not in `order` or `cross-cutting`"
        )));
    }
    let may_use = c
        .cross_cutting_may_use
        .clone()
        .unwrap_or_else(|| c.order.iter().take(2).cloned().collect());
    if let Some(unknown) = may_use.iter().find(|l| !c.order.contains(l)) {
        return Err(fail(format!(
            "`cross-cutting-may-use` names `{unknown}`, which is not in `order`"
        )));
    }
    let glob = |pattern: &str| {
        structlint_core::glob::matcher(pattern)
            .map_err(|e| fail(format!("invalid glob `{pattern}`: {e}")))
    };
    let side = |s: &str| {
        if all.iter().any(|l| *l == s) {
            Ok(Side::Layer(s.to_string()))
        } else {
            glob(s).map(Side::Glob)
        }
    };
    let mut forbid = Vec::new();
    for f in &c.forbid {
        forbid.push(Forbid {
            from: side(&f.from)?,
            to: side(&f.to)?,
            text: format!("{} → {}", f.from, f.to),
        });
    }
    Ok(Stack {
        modules: c.modules.as_deref().map(glob).transpose()?,
        crates: c.crates.into_iter().collect(),
        name: c.name,
        order: c.order,
        cross_cutting: c.cross_cutting,
        cross_cutting_may_use: may_use,
        allow_type_only: c.allow_type_only,
        forbid,
    })
}

impl Stack {
    /// Whether `dir` is a domain of this stack (its `modules` glob matches it).
    pub fn domain_matches(&self, dir: &str) -> bool {
        self.modules.as_ref().is_some_and(|m| m.is_match(dir))
    }

    /// Whether code in layer `from` may import layer `to` of the same domain.
    /// Whether `name` is one of the stack's layers, ordered or cross-cutting.
    pub fn has_layer(&self, name: &str) -> bool {
        self.order.iter().any(|l| l == name) || self.cross_cutting.iter().any(|l| l == name)
    }

    pub fn allows(&self, from: &str, to: &str) -> bool {
        let cross = |l: &str| self.cross_cutting.iter().any(|c| c == l);
        if from == to || (cross(to) && !cross(from)) {
            return true;
        }
        if cross(from) {
            return cross(to) || self.cross_cutting_may_use.iter().any(|l| l == to);
        }
        let index = |l: &str| self.order.iter().position(|o| o == l);
        matches!((index(from), index(to)), (Some(f), Some(t)) if t <= f)
    }

    /// The layers `from` may import, top first: allowed by the order and not forbidden.
    pub fn allowed_from(&self, from: &str) -> Vec<&str> {
        let forbidden = |to: &str| {
            self.forbid.iter().any(|f| matches!((&f.from, &f.to), (Side::Layer(a), Side::Layer(b)) if a == from && b == to))
        };
        self.order
            .iter()
            .rev()
            .chain(&self.cross_cutting)
            .map(String::as_str)
            .filter(|to| self.allows(from, to) && !forbidden(to))
            .collect()
    }
}

impl Side {
    pub fn matches(&self, path: &str, place: Option<&Place<'_>>) -> bool {
        match self {
            Side::Layer(layer) => place.and_then(Place::layer) == Some(layer),
            Side::Glob(glob) => glob.is_match(path),
        }
    }
}

/// Where `path` sits among `stacks`: the deepest directory above it that a stack's `modules`
/// glob matches is its domain.
pub(crate) fn classify<'s>(
    stacks: &'s [Stack],
    graph: &ImportGraph,
    path: &str,
) -> Option<Place<'s>> {
    let mut dir = paths::parent(path);
    let (stack, domain) = loop {
        if let Some(stack) = stacks
            .iter()
            .find(|s| s.modules.as_ref().is_some_and(|m| m.is_match(dir)))
        {
            break (stack, dir.to_string());
        }
        if dir == "." {
            return None;
        }
        dir = paths::parent(dir);
    };
    let rest = &path[domain.len() + 1..];
    let mut folder = rest.split_once('/').map(|(f, _)| f.to_string());
    // `core.ts` beside `core/` is that layer's barrel (it re-exports the folder), whether or
    // not the package exports it: it belongs to the layer, not above every layer.
    let stem = rest.split('.').next().unwrap_or(rest);
    if folder.is_none() && stack.has_layer(stem) {
        folder = Some(stem.to_string());
    }
    let is_index = folder.is_none() && rest.starts_with("index.");
    // A file in a layer's folder belongs to that layer even when the package exports it
    // (`observable/index.ts` as `./observable`), unless it is the package's main entry
    // (`node/index.ts` as `.`): that sits above every layer.
    let entry = graph.entry_of(path);
    let main = entry.as_deref() == Some(".");
    let in_layer = !main && folder.as_deref().is_some_and(|f| stack.has_layer(f));
    if !in_layer && (entry.is_some() || is_index) {
        return Some(Place::Entry { stack, domain });
    }
    match folder {
        Some(layer) if stack.has_layer(&layer) => Some(Place::Layer {
            stack,
            domain,
            layer,
        }),
        folder => Some(Place::Unclassified {
            stack,
            domain,
            folder,
        }),
    }
}
