//! The `use` line a Rust prompt tells an agent to write for an item defined in another file:
//! `crate::…` within one crate, the crate's own name from another member.

use structlint_cargo::{CargoWorkspace, module_path};

/// The path `name`, defined in `to`, has from `from`: `crate::a::name` within its crate,
/// `other::a::name` from another member. `None` when `to` is not a module of a member's
/// library (a binary, or a file placed by `#[path]`).
pub(crate) fn use_path(ws: &CargoWorkspace, from: &str, to: &str, name: &str) -> Option<String> {
    let owner = &ws.crates[ws.crate_of(to)?];
    let modules = module_path(owner.lib.as_deref()?, to)?;
    let head = if ws.crate_of(from) == ws.crate_of(to) {
        "crate"
    } else {
        owner.ident.as_str()
    };
    let path: Vec<&str> = std::iter::once(head)
        .chain(modules.iter().map(String::as_str))
        .chain([name])
        .collect();
    Some(path.join("::"))
}

/// The `use` line for `name`, defined in `to`, written in `from`, with what must hold for it
/// to compile: ``"`use other::a::name;` (add `other` to … if …)"``; `None` as [`use_path`].
pub(crate) fn use_advice(ws: &CargoWorkspace, from: &str, to: &str, name: &str) -> Option<String> {
    let path = use_path(ws, from, to, name)?;
    let owner = &ws.crates[ws.crate_of(to)?];
    let same = ws.crate_of(from) == ws.crate_of(to);
    let line = format!("`use {path};`");
    if same {
        return Some(format!(
            "{line} (if `{name}` or a module on that path is private to its parent, make it `pub(crate)`)"
        ));
    }
    let missing_dep = ws
        .crate_of(from)
        .is_some_and(|c| !ws.crates[c].deps.iter().any(|d| d.name == owner.name));
    let dep = if missing_dep {
        format!("add `{}` to this crate's [dependencies]; ", owner.name)
    } else {
        String::new()
    };
    Some(format!(
        "{line} ({dep}if `{name}` or a module on that path is not `pub`, make it `pub` or re-export `{name}` from the root of `{}`)",
        owner.name
    ))
}
