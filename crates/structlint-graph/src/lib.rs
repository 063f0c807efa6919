//! TypeScript workspaces as structlint sees them.
//!
//! - [`ModuleFacts`]: what a module imports, re-exports and exports, extracted once per file
//!   in the file phase.
//! - [`Packages`]: the workspace packages (`pnpm-workspace.yaml`, npm `workspaces`, or every
//!   `package.json`), with their [`Manifest`]s.
//! - [`TsConfigs`]: `baseUrl`, `paths`, `outDir`, `rootDir` through `extends` chains (JSONC).
//! - [`Resolver`]: specifiers to files as TypeScript and Node resolve them, including
//!   `exports` maps ([`Lookup`]) and built output mapped back to source.
//! - [`ImportGraph`]: all of it together, built once per run, with each package's public
//!   entries and the names a module exports through re-export chains.

mod exports_map;
mod facts;
mod graph;
mod jsonc;
mod manifest;
mod packages;
pub mod paths;
mod provider;
mod resolve;
mod tsconfig;

pub use exports_map::Lookup;
pub use facts::{ModuleFacts, ModuleRef, Name, RefKind};
pub use graph::{Entry, ExportSet, GraphFile, ImportGraph};
pub use jsonc::parse_jsonc;
pub use manifest::Manifest;
pub use packages::{Package, Packages, pnpm_packages};
pub use provider::{IMPORT_GRAPH, ImportGraphProvider, MODULE_LANGUAGES};
pub use resolve::{Access, Resolution, Resolver, Target, Via, split_package};
pub use tsconfig::{TsConfig, TsConfigs};
