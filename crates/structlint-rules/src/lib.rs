//! structlint's built-in rules, one module per rule. Each rule module starts with a `//!`
//! comment that is the rule's documentation: `structlint explain <rule>` prints it and
//! `docs/rules/<rule>.md` is checked against it.

mod bilingual;
mod canonical_helpers;
mod duplicate_schemas;
mod fetch_model;
mod fetch_retry_timeout;
mod fetch_rust;
mod fetch_ts;
mod function_shape;
mod helpers_config;
mod import_advice;
mod import_cycles;
mod import_graph;
mod layers;
mod layers_advice;
mod layers_config;
mod layers_rust;
mod max_file_lines;
pub mod naming;
pub mod outline;
mod package_privacy;
mod privacy_advice;
mod privacy_rust;
mod privacy_undeclared;
mod rust_edit;
mod schema_advice;
mod schema_extract;
mod schema_extract_rust;
mod schema_shape;
mod suppressions;
#[cfg(test)]
mod testing;
mod unclassified_layer;
mod unresolved_import;

use structlint_core::RuleSpec;

/// Every built-in rule, in the order `structlint rules` lists them.
pub fn builtin() -> &'static [RuleSpec] {
    &BUILTIN
}

static BUILTIN: [RuleSpec; 10] = [
    canonical_helpers::SPEC,
    duplicate_schemas::SPEC,
    fetch_retry_timeout::SPEC,
    import_cycles::SPEC,
    layers::SPEC,
    max_file_lines::SPEC,
    package_privacy::SPEC,
    suppressions::SPEC,
    unclassified_layer::SPEC,
    unresolved_import::SPEC,
];

/// Options of a rule that has none: any key is an error naming no valid options.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NoOptions {}
