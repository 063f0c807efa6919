//! The JSON Schema of `structlint.toml` with the built-in rules: each rule's options type and
//! the sections rules read, put together by `structlint_core::config_schema`.

use schemars::Schema;
use schemars::generate::SchemaGenerator;

use crate::{
    builtin, canonical_helpers, duplicate_schemas, fetch_retry_timeout, import_cycles,
    max_file_lines, package_privacy, shared,
};

/// The schema `structlint schema` prints and `docs/structlint.schema.json` holds.
pub fn config_schema() -> serde_json::Value {
    let mut generator = structlint_core::schema_generator();
    let options = rule_options(&mut generator);
    let sections = sections(&mut generator);
    structlint_core::config_schema(&mut generator, builtin(), &options, &sections)
}

/// The options table of each rule that takes options; the others take none (`NoOptions`).
fn rule_options(g: &mut SchemaGenerator) -> Vec<(&'static str, Schema)> {
    vec![
        (
            "duplicate-schemas",
            g.subschema_for::<duplicate_schemas::Options>(),
        ),
        (
            "fetch-retry-timeout",
            g.subschema_for::<fetch_retry_timeout::Options>(),
        ),
        ("import-cycles", g.subschema_for::<import_cycles::Options>()),
        (
            "max-file-lines",
            g.subschema_for::<max_file_lines::Options>(),
        ),
        (
            "package-privacy",
            g.subschema_for::<package_privacy::Options>(),
        ),
    ]
}

/// The top-level sections rules read, as arrays of tables (`[[helpers]]`, `[[layers]]`).
fn sections(g: &mut SchemaGenerator) -> Vec<(&'static str, Schema)> {
    vec![
        (
            "helpers",
            g.subschema_for::<Vec<canonical_helpers::HelperConfig>>(),
        ),
        (
            "layers",
            g.subschema_for::<Vec<shared::layer_stacks::StackConfig>>(),
        ),
    ]
}
