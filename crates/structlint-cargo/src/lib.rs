//! Cargo workspaces as structlint sees them.
//!
//! - [`CargoWorkspace`]: the member crates, their names and library roots, their dependencies
//!   on each other (with the manifest line to report at) and their layer tags.
//! - [`RustFacts`]: what each Rust file uses, from syn, extracted once per file.

mod facts;
mod items;
mod modules;
mod provider;
mod syntax;
mod workspace;

pub use facts::{PathUse, RustFacts};
pub use items::{ImplFact, ItemFact, Items, ModFact, Reexport, Vis};
pub use modules::{absolute, library_modules, module_path};
pub use provider::{
    CARGO_WORKSPACE, CargoWorkspaceProvider, RUST_FACTS, RustFactsProvider, RustFile,
};
pub use workspace::{CargoWorkspace, Crate, Dep};
