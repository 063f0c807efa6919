//! The JSON Schema of structlint.toml: the shipped copy is current, every config we ship or
//! that `init` writes is valid against it, and the mistakes an editor should underline are not.

mod common;

use std::collections::BTreeSet;

use serde_json::Value;

fn compiled() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value = serde_json::from_str(&structlint::config_schema()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource(structlint::CONFIG_SCHEMA_URL, schema)
        .unwrap();
    let index = compiler
        .compile(structlint::CONFIG_SCHEMA_URL, &mut schemas)
        .expect("the schema compiles");
    (schemas, index)
}

/// Whether the TOML `text` is valid against the schema, with the validator's reasons.
fn validate(text: &str) -> Result<(), String> {
    let (schemas, index) = compiled();
    let instance: Value = toml::from_str(text).expect("valid TOML");
    schemas
        .validate(&instance, index)
        .map_err(|e| format!("{e:#}"))
}

#[test]
fn the_shipped_schema_is_the_generated_one() {
    let path = common::repo().join("docs/structlint.schema.json");
    let generated = structlint::config_schema();
    if std::env::var_os("STRUCTLINT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        shipped == generated,
        "docs/structlint.schema.json is out of date: run STRUCTLINT_UPDATE_DOCS=1 cargo test --test schema"
    );
    let run = common::structlint(&common::repo(), &["schema"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, generated.as_str()));
}

/// The options the config accepts for rule `id`: the error for an unknown one lists them.
fn accepted_options(id: &str) -> BTreeSet<String> {
    let mut names = common::keys_named_by_error(&format!("[rules]\n{id} = {{ zz-probe = 1 }}\n"));
    names.remove("level");
    names
}

#[test]
fn the_schema_has_every_option_and_section_the_config_accepts() {
    let schema: Value = serde_json::from_str(&structlint::config_schema()).unwrap();
    let rules = &schema["definitions"]["rules"]["properties"];
    for spec in structlint::builtin_rules() {
        let table = &rules[spec.id]["anyOf"][1]["properties"];
        let in_schema: BTreeSet<String> = table
            .as_object()
            .unwrap_or_else(|| panic!("{} is not in the schema", spec.id))
            .keys()
            .filter(|k| *k != "level")
            .cloned()
            .collect();
        assert_eq!(
            in_schema,
            accepted_options(spec.id),
            "options of {}",
            spec.id
        );
        for section in spec.sections {
            assert!(
                schema["properties"][section].is_object(),
                "section {section} of {}",
                spec.id
            );
        }
    }
}

#[test]
fn every_config_we_ship_is_valid() {
    let repo = common::repo();
    let mut configs = vec![repo.join("structlint.toml")];
    for dir in ["fixtures", "benches/corpora/configs"] {
        for entry in std::fs::read_dir(repo.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                configs.push(path);
            } else if path.join("structlint.toml").is_file() {
                configs.push(path.join("structlint.toml"));
            }
        }
    }
    assert!(configs.len() >= 8, "{configs:?}");
    for config in configs {
        let text = std::fs::read_to_string(&config).unwrap();
        if let Err(why) = validate(&text) {
            panic!(
                "{} is not valid against the schema: {why}",
                config.display()
            );
        }
    }
}

#[test]
fn init_points_to_the_schema_and_writes_a_valid_config() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::repo().join("fixtures/ts-monorepo"), dir.path());
    std::fs::remove_file(dir.path().join("structlint.toml")).unwrap();
    let run = common::structlint(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(dir.path().join("structlint.toml")).unwrap();
    let first = written.lines().next().unwrap();
    assert_eq!(first, format!("#:schema {}", structlint::CONFIG_SCHEMA_URL));
    let version = format!("/v{}/docs/", env!("CARGO_PKG_VERSION"));
    assert!(first.contains(&version), "{first}");
    validate(&written).unwrap();
}

#[test]
fn the_mistakes_an_editor_should_underline_are_invalid() {
    let valid = "[rules]\nmax-file-lines = { level = \"warn\", max = 500 }\nacme-no-console = \"off\"\n\n[[overrides]]\nfiles = [\"packages/legacy/**\"]\nrules = { max-file-lines = \"off\" }\n";
    validate(valid).unwrap();
    for (text, mistake) in [
        ("[rulez]\n", "a misspelt section"),
        (
            "[rules]\nmax-file-lines = \"warning\"\n",
            "a level that is not one",
        ),
        (
            "[rules]\nmax-file-lines = { maxx = 3 }\n",
            "a misspelt option",
        ),
        ("[rules]\nmax-file-lines = { max = 0 }\n", "a limit of zero"),
        (
            "[rules]\nlayers = { order = [] }\n",
            "an option of a rule that takes none",
        ),
        (
            "[rules]\nacme-no-console = { max = 3 }\n",
            "an option of a team rule",
        ),
        (
            "[files]\nexclude = \"dist/**\"\n",
            "a glob where a list is expected",
        ),
        ("[[overrides]]\nrules = {}\n", "an override without files"),
        (
            "[[overrides]]\nfiles = []\nrules = {}\n",
            "an override with no glob",
        ),
        ("[[layers]]\nname = \"app\"\n", "a stack without its order"),
        (
            "[[helpers]]\nname = \"retry\"\n",
            "a helper without its canonical file",
        ),
        (
            "[rules.fetch-retry-timeout]\nretry-callers = [{ call = \"useQuery\", opton = \"queryFn\" }]\n",
            "a misspelt key of a retry caller",
        ),
    ] {
        assert!(validate(text).is_err(), "{mistake} passes: {text}");
    }
}
