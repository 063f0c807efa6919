//! What several rules use: the import graph as a workspace rule sees it, advice that names an
//! import, the layer stacks of `[[layers]]`, the TypeScript/Rust split of a rule, and the
//! outline and naming helpers of split advice, and whether a file is generated or vendored.
//! A rule folder imports from here, never from another rule's folder.

pub(crate) mod bilingual;
pub(crate) mod import_advice;
pub(crate) mod import_graph;
pub(crate) mod layer_stacks;
pub(crate) mod naming;
pub(crate) mod outline;
pub(crate) mod provenance;
pub(crate) mod rust_use;
#[cfg(test)]
pub(crate) mod testing;
