//! The JSON Schema of `structlint.toml`, for editors: Taplo and Even Better TOML complete and
//! check a config whose first line is `#:schema <url>`. It is derived from the serde types the
//! config is read with, so the two cannot drift apart; `structlint schema` prints it, and
//! `docs/structlint.schema.json` (what `structlint init` points to) is kept equal to it by a
//! test. Draft-07, the draft those editors read best.
//!
//! The schema accepts what the config accepts, with one exception it cannot express: an
//! override may set options only of rules that judge one file at a time; `check` says so.

use schemars::Schema;
use schemars::generate::{SchemaGenerator, SchemaSettings};
use serde_json::{Map, Value, json};

use super::files::FilesSection;
use super::resolve::ResolveSection;
use crate::rule::{RuleSpec, is_url};

/// The generator every part of the schema comes from: draft-07, subschemas inline (so a
/// rule's options table can take its `level` key).
pub fn schema_generator() -> SchemaGenerator {
    let mut settings = SchemaSettings::draft07();
    settings.inline_subschemas = true;
    settings.into_generator()
}

/// The schema of the whole config: `registry`'s rules with the options table each takes
/// (`options`, by rule id; a rule not listed takes none), and the top-level sections rules
/// read (`[[layers]]`, `[[helpers]]`), from `generator`.
pub fn config_schema(
    generator: &mut SchemaGenerator,
    registry: &[RuleSpec],
    options: &[(&str, Schema)],
    sections: &[(&str, Schema)],
) -> Value {
    let level_ref = json!({ "$ref": "#/definitions/level" });
    let mut rules = Map::new();
    for spec in registry {
        let mut table = options
            .iter()
            .find(|(id, _)| *id == spec.id)
            .map(|(_, schema)| schema.clone().to_value())
            .unwrap_or_else(|| json!({ "type": "object", "additionalProperties": false }));
        with_level(&mut table, &level_ref);
        let docs = spec.docs_url();
        let link = if is_url(&docs) {
            format!(" {docs}")
        } else {
            String::new()
        };
        rules.insert(
            spec.id.to_string(),
            json!({
                "description": format!("{}.{link}", spec.summary.trim_end_matches('.')),
                "anyOf": [level_ref, table],
            }),
        );
    }
    let mut team_rule = json!({ "type": "object", "additionalProperties": false });
    with_level(&mut team_rule, &level_ref);
    let rules = json!({
        "description": "Rule levels and options: `rule = \"warn\"` or `rule = { level = \"error\", option = … }`. Rules of rule files (rule-files) take only a level.",
        "type": "object",
        "properties": rules,
        "additionalProperties": {
            "description": "A rule of a rule file (rule-files): its level.",
            "anyOf": [level_ref, team_rule],
        },
    });
    let mut properties = Map::new();
    properties.insert(
        "files".into(),
        generator.subschema_for::<FilesSection>().to_value(),
    );
    properties.insert(
        "resolve".into(),
        generator.subschema_for::<ResolveSection>().to_value(),
    );
    properties.insert(
        "rule-files".into(),
        json!({
            "description": "Globs of the TOML rule files to load, relative to the workspace root (default: rules/*.toml when that folder exists).",
            "type": "array",
            "items": { "type": "string" },
        }),
    );
    properties.insert("rules".into(), json!({ "$ref": "#/definitions/rules" }));
    properties.insert(
        "overrides".into(),
        json!({
            "description": "Rule levels and options for the files some globs match, applied in order after [rules]; the last override that sets a value wins.",
            "type": "array",
            "items": {
                "type": "object",
                "required": ["files", "rules"],
                "additionalProperties": false,
                "properties": {
                    "files": {
                        "description": "Globs, relative to the workspace root, of the files this override applies to.",
                        "type": "array",
                        "items": { "type": "string" },
                        "minItems": 1,
                    },
                    "rules": { "$ref": "#/definitions/rules" },
                },
            },
        }),
    );
    for (name, schema) in sections {
        properties.insert(name.to_string(), schema.clone().to_value());
    }
    let mut definitions = generator.take_definitions(true);
    definitions.insert(
        "level".into(),
        json!({
            "description": "\"error\" fails the check, \"warn\" is reported without failing it, \"off\" does not run the rule.",
            "enum": ["error", "warn", "off"],
        }),
    );
    definitions.insert("rules".into(), rules);
    let mut schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "structlint.toml",
        "description": "The configuration of structlint, a structural linter for TypeScript and Rust workspaces.",
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
        "definitions": definitions,
    });
    as_toml_reads_it(&mut schema);
    schema
}

/// TOML has no null, so an `Option` is a key left out, not a value that may be null; and a
/// doc comment's line breaks are not the description's.
fn as_toml_reads_it(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.get("default") == Some(&Value::Null) {
                object.remove("default");
            }
            if let Some(Value::Array(types)) = object.get_mut("type") {
                types.retain(|t| t != "null");
                if let [single] = types.as_slice() {
                    let single = single.clone();
                    object.insert("type".into(), single);
                }
            }
            if let Some(Value::Array(any_of)) = object.get_mut("anyOf") {
                any_of.retain(|s| s.get("type") != Some(&Value::from("null")));
            }
            if let Some(Value::String(text)) = object.get_mut("description") {
                *text = text
                    .replace("\n\n", "\u{0}")
                    .replace('\n', " ")
                    .replace('\u{0}', "\n\n");
            }
            object.values_mut().for_each(as_toml_reads_it);
        }
        Value::Array(items) => items.iter_mut().for_each(as_toml_reads_it),
        _ => {}
    }
}

/// Adds the `level` key to the schema of a rule's options table.
fn with_level(table: &mut Value, level: &Value) {
    if let Some(object) = table.as_object_mut() {
        let properties = object
            .entry("properties")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(properties) = properties.as_object_mut() {
            properties.insert("level".into(), level.clone());
        }
    }
}
