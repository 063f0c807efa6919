//! The commented `structlint.toml` that `init` writes from a [`Survey`]: settings only where
//! the survey is sure, comments for what a person should decide.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::survey::Survey;

/// The rule's defaults (see `structlint explain fetch-retry-timeout`).
const RETRY_DEFAULTS: [&str; 4] = ["withRetry", "retry", "with_retry", "backoff::future::retry"];
const TIMEOUT_DEFAULTS: [&str; 3] = ["withTimeout", "with_timeout", "tokio::time::timeout"];

/// A TOML string literal.
fn q(s: &str) -> String {
    // A JSON string is a TOML basic string: the same escapes, `\uXXXX` included.
    serde_json::to_string(s).unwrap_or_default()
}

fn list<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| q(s)).collect();
    format!("[{}]", items.join(", "))
}

pub fn render(s: &Survey) -> String {
    // Taplo and Even Better TOML complete and check the config against this schema.
    let mut out = format!("#:schema {}\n", structlint::CONFIG_SCHEMA_URL);
    out.push_str(
        "# structlint configuration, written by `structlint init`.\n\
         # `structlint rules` lists the rules; `structlint explain RULE` documents one.\n\n",
    );
    workspace_comment(&mut out, s);
    out.push_str(
        "[files]\n# Generated and vendored code is not yours to fix.\nexclude = [\"**/dist/**\", \"**/build/**\", \"target/**\"]\n\n",
    );
    out.push_str("[rules]\n# Each rule's level: \"error\", \"warn\" or \"off\"; options as in `structlint explain RULE`.\n# max-file-lines = { level = \"error\", max = 350 }\n\n");
    let mut names = BTreeSet::new();
    for l in &s.layered {
        let name = if names.insert(l.name.clone()) {
            l.name.clone()
        } else {
            l.modules.clone()
        };
        let _ = writeln!(
            out,
            "# {} has layer folders: each may import only the layers below it.\n[[layers]]\nname = {}\nmodules = {}\norder = {}",
            l.modules,
            q(&name),
            q(&l.modules),
            list(&l.order)
        );
        if !l.cross_cutting.is_empty() {
            let _ = writeln!(out, "cross-cutting = {}", list(&l.cross_cutting));
        }
        out.push('\n');
    }
    network(&mut out, s);
    if let Some((dir, n, total)) = &s.schemas {
        let _ = writeln!(
            out,
            "# {dir} holds {n} of the {total} schema files: copies elsewhere should import them.\n[rules.duplicate-schemas]\ncanonical = [{}]\n",
            q(&format!("{dir}/**"))
        );
    }
    helpers(&mut out, &s.repeated);
    out
}

fn workspace_comment(out: &mut String, s: &Survey) {
    if s.packages.is_empty() && s.crates.is_empty() {
        return;
    }
    out.push_str("# The workspace, as structlint finds it (from package.json workspaces,\n# pnpm-workspace.yaml and Cargo members; nothing to configure):\n");
    for (label, dir) in &s.packages {
        let _ = writeln!(out, "#   package {label} ({dir})");
    }
    for (name, dir) in &s.crates {
        let _ = writeln!(out, "#   crate {name} ({dir})");
    }
    out.push('\n');
}

fn network(out: &mut String, s: &Survey) {
    if s.retry.is_empty() && s.timeout.is_empty() {
        return;
    }
    out.push_str("# Wrappers found by name: a fetch inside them counts as retried or timed out\n# (calls in their own definitions are exempt). Drop any that is not a wrapper.\n");
    for (kind, found) in [("retry", &s.retry), ("timeout", &s.timeout)] {
        for (name, at) in found {
            let places: Vec<&str> = at.iter().map(String::as_str).collect();
            let _ = writeln!(out, "#   {kind}: {name} in {}", places.join(", "));
        }
    }
    out.push_str("[rules.fetch-retry-timeout]\n");
    // The found names join the defaults, which cover the usual Rust wrappers too.
    for (key, defaults, found) in [
        ("retry", RETRY_DEFAULTS.as_slice(), &s.retry),
        ("timeout", TIMEOUT_DEFAULTS.as_slice(), &s.timeout),
    ] {
        let mut names: BTreeSet<String> = defaults.iter().map(|s| s.to_string()).collect();
        names.extend(found.keys().cloned());
        let _ = writeln!(out, "{key} = {}", list(&names));
    }
    out.push('\n');
}

fn helpers(out: &mut String, repeated: &BTreeMap<String, BTreeSet<String>>) {
    if repeated.is_empty() {
        return;
    }
    out.push_str("# Exported more than once, in different packages: if these are one helper, keep\n# one copy and declare it, e.g.\n#   [[helpers]]\n#   name = \"NAME\"\n#   canonical = \"path/of/the/one/to/keep.ts\"\n");
    for (name, at) in repeated {
        let places: Vec<&str> = at.iter().map(String::as_str).collect();
        let _ = writeln!(out, "#   {name}: {}", places.join(", "));
    }
}
