use crate::shared::testing::check;

const CONFIG: &str = r#"[rules]
max-file-lines = "off"

[[layers]]
name = "acme"
order = ["types", "repo", "service", "ui"]
crates = { "acme-types" = "types", "acme-service" = "service" }
"#;

fn workspace(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut files = vec![
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"crates/*\"]\n[workspace.dependencies]\nacme-types = { path = \"crates/acme-types\" }\nacme-service = { path = \"crates/acme-service\" }\n",
        ),
        (
            "crates/acme-service/Cargo.toml",
            "[package]\nname = \"acme-service\"\n[dependencies]\nacme-types.workspace = true\n",
        ),
        (
            "crates/acme-service/src/lib.rs",
            "use acme_types::InvoiceId;\npub fn bill(id: InvoiceId) {}\n",
        ),
        (
            "crates/acme-repo/Cargo.toml",
            "[package]\nname = \"acme-repo\"\n[package.metadata.structlint]\nlayer = \"repo\"\n",
        ),
        ("crates/acme-repo/src/lib.rs", "pub struct Store;\n"),
    ];
    files.extend_from_slice(extra);
    files
}

#[test]
fn upward_uses_are_reported_at_the_use_and_unused_upward_dependencies_at_the_manifest() {
    let files = workspace(&[
        (
            "crates/acme-types/Cargo.toml",
            "[package]\nname = \"acme-types\"\n\n[dependencies]\nacme-service.workspace = true\nacme-repo = { path = \"../acme-repo\" }\n",
        ),
        (
            "crates/acme-types/src/lib.rs",
            "use acme_service::bill;\npub struct InvoiceId(pub u64);\npub fn f() { acme_service::bill(InvoiceId(1)); }\n",
        ),
    ]);
    let checked = check(&files, CONFIG);
    assert_eq!(
        checked.of("layers"),
        [
            "crates/acme-types/Cargo.toml:6 acme-types (types layer) uses acme-repo (repo layer) through the dependency on `acme-repo`: the `acme` layers allow only uses downward",
            "crates/acme-types/src/lib.rs:1 acme-types (types layer) uses acme-service (service layer) through `acme_service::bill`: the `acme` layers allow only uses downward",
        ]
    );
    let d = checked.first("layers");
    assert!(
        d.fix[0].contains("[types: acme-types] → (repo: acme-repo) → service → ui"),
        "{:?}",
        d.fix
    );
}

#[test]
fn downward_uses_and_untagged_crates_are_fine() {
    let files = workspace(&[
        (
            "crates/acme-types/Cargo.toml",
            "[package]\nname = \"acme-types\"\n",
        ),
        (
            "crates/acme-types/src/lib.rs",
            "pub struct InvoiceId(pub u64);\n",
        ),
        (
            "crates/tools/Cargo.toml",
            "[package]\nname = \"tools\"\n[dependencies]\nacme-service = { path = \"../acme-service\" }\n",
        ),
        (
            "crates/tools/src/main.rs",
            "fn main() { acme_service::bill(acme_types::InvoiceId(1)); }\n",
        ),
    ]);
    assert_eq!(check(&files, CONFIG).of("layers"), Vec::<String>::new());
}

#[test]
fn a_crate_in_an_unknown_layer_is_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("structlint.toml");
    std::fs::write(
        &file,
        "[[layers]]\nname = \"x\"\norder = [\"a\"]\ncrates = { \"c\" = \"b\" }\n",
    )
    .unwrap();
    let error = structlint_core::Config::load(&file, crate::builtin())
        .err()
        .expect("an error");
    assert!(
        error
            .message
            .contains("crate `c` is put in `b`, which is not in `order`"),
        "{}",
        error.message
    );
}

#[test]
fn modules_of_a_crate_are_layers_when_modules_matches_its_source_directory() {
    let config = "[rules]\nmax-file-lines = \"off\"\npackage-privacy = \"off\"\n\n[[layers]]\nname = \"app\"\nmodules = \"crates/*/src\"\norder = [\"types\", \"repo\", \"ui\"]\n";
    let files = [
        ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n"),
        ("crates/app/Cargo.toml", "[package]\nname = \"app\"\n"),
        ("crates/app/src/lib.rs", "mod types;\nmod repo;\nmod ui;\n"),
        ("crates/app/src/types.rs", "pub struct Id;\n"),
        (
            "crates/app/src/repo/mod.rs",
            "mod db;\nuse crate::types::Id;\nuse crate::ui::render;\n",
        ),
        (
            "crates/app/src/repo/db.rs",
            "fn f() { super::super::ui::render(); }\n",
        ),
        (
            "crates/app/src/ui.rs",
            "use crate::repo::load;\npub fn render() {}\n",
        ),
    ];
    let checked = check(&files, config);
    assert_eq!(
        checked.of("layers"),
        [
            "crates/app/src/repo/db.rs:1 crate::repo (repo layer) uses crate::ui (ui layer) through `super::super::ui::render`: the `app` layers allow only uses downward",
            "crates/app/src/repo/mod.rs:3 crate::repo (repo layer) uses crate::ui (ui layer) through `crate::ui::render`: the `app` layers allow only uses downward",
        ]
    );
}

/// One `use` item that names several items of an upper crate is one upward use.
#[test]
fn a_use_of_several_items_is_one_finding() {
    let files = workspace(&[
        (
            "crates/acme-types/Cargo.toml",
            "[package]\nname = \"acme-types\"\n\n[dependencies]\nacme-service.workspace = true\n",
        ),
        (
            "crates/acme-types/src/lib.rs",
            "use acme_service::{bill, Plan};\nuse acme_service::bill as charge;\npub struct InvoiceId(pub u64);\n",
        ),
    ]);
    let checked = check(&files, CONFIG);
    assert_eq!(
        checked.of("layers"),
        [
            "crates/acme-types/src/lib.rs:1 acme-types (types layer) uses acme-service (service layer) through `acme_service::bill`, `acme_service::Plan`: the `acme` layers allow only uses downward",
            "crates/acme-types/src/lib.rs:2 acme-types (types layer) uses acme-service (service layer) through `acme_service::bill`: the `acme` layers allow only uses downward",
        ]
    );
}
