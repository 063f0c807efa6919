//! TypeScript workspaces as structlint sees them.
//!
//! - [`ModuleFacts`]: what a module imports, re-exports and exports, extracted in the file phase.

mod exports_map;
mod facts;
mod jsonc;
mod manifest;
mod packages;
pub mod paths;
mod tsconfig;

pub use exports_map::Lookup;
pub use facts::{ModuleFacts, ModuleRef, Name, RefKind};
pub use jsonc::parse_jsonc;
pub use manifest::Manifest;
pub use packages::{Package, Packages, pnpm_packages};
pub use tsconfig::{TsConfig, TsConfigs};
