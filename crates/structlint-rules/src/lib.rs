//! structlint's built-in rules, one folder per rule. Each rule's `mod.rs` starts with a `//!`
//! comment that is the rule's documentation: `structlint explain <rule>` prints it and
//! `docs/rules/<rule>.md` is checked against it.

mod canonical_helpers;
mod duplicate_schemas;
mod fetch_retry_timeout;
mod import_cycles;
mod layers;
mod max_file_lines;
mod package_privacy;
mod schema;
mod shared;
mod suppressions;
mod unclassified_layer;
mod unresolved_import;

use structlint_core::RuleSpec;

pub use schema::config_schema;

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
