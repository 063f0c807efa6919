//! Serde structs and enums: a copy is one that the canonical type could replace, and the
//! advice names the `use` line.

use crate::shared::testing::check;

const MONEY: &str = "use serde::{Deserialize, Serialize};\n#[derive(Debug, Serialize, Deserialize)]\npub struct Money {\n    pub amount_cents: i64,\n    pub currency: String,\n    pub note: Option<String>,\n}\n";

/// crates `acme-money` and `acme-billing` (which depends on it) and `acme-other`.
fn crates(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut files = vec![
        ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n"),
        (
            "crates/money/Cargo.toml",
            "[package]\nname = \"acme-money\"\n",
        ),
        ("crates/money/src/lib.rs", "pub mod money;\n"),
        ("crates/money/src/money.rs", MONEY),
        (
            "crates/billing/Cargo.toml",
            "[package]\nname = \"acme-billing\"\n\n[dependencies]\nacme-money = { path = \"../money\" }\n",
        ),
        (
            "crates/other/Cargo.toml",
            "[package]\nname = \"acme-other\"\n",
        ),
    ];
    files.extend_from_slice(extra);
    files
}

#[test]
fn a_struct_copied_into_a_dependent_crate_is_told_the_use_line() {
    let copy = MONEY.replace("Money", "Price");
    let copy: &'static str = Box::leak(copy.into_boxed_str());
    let checked = check(
        &crates(&[
            ("crates/billing/src/price.rs", copy),
            ("crates/other/src/price.rs", copy),
        ]),
        "",
    );
    assert_eq!(
        checked.of("duplicate-schemas"),
        [
            "crates/billing/src/price.rs:3 Struct `Price` has the same shape as struct `Money` in crates/money/src/money.rs"
        ]
    );
    let d = checked.first("duplicate-schemas");
    assert_eq!(
        d.fix[0],
        "Delete this struct and use the canonical one: `use acme_money::money::Money;` (if `Money` or a module on that path is not `pub`, make it `pub` or re-export `Money` from the root of `acme-money`). To keep the name while callers move: `pub type Price = Money;`."
    );
}

#[test]
fn within_one_crate_the_use_line_starts_at_crate() {
    let copy = MONEY.replace("pub struct Money", "struct Cost");
    let copy: &'static str = Box::leak(copy.into_boxed_str());
    let checked = check(&crates(&[("crates/money/src/cost.rs", copy)]), "");
    let d = checked.first("duplicate-schemas");
    assert_eq!(
        d.fix[0],
        "Delete this struct and use the canonical one: `use crate::money::Money;` (if `Money` or a module on that path is private to its parent, make it `pub(crate)`). To keep the name while callers move: `pub type Cost = Money;`."
    );
}

// Each would be a copy of `Money` if widths, paths, payloads or serde attributes did not
// count: none is.
#[test]
fn widths_named_types_payloads_and_serde_attributes_make_other_shapes() {
    let variants = [
        MONEY.replace("i64", "i32"),
        MONEY.replace("pub currency: String", "pub currency: Currency"),
        MONEY.replace("use serde", "use iso::Currency as String;\nuse serde"),
        MONEY.replace("pub note", "#[serde(rename = \"memo\")]\n    pub note"),
        MONEY.replace(
            "pub note",
            "#[serde(skip_serializing_if = \"Option::is_none\")]\n    pub note",
        ),
        MONEY.replace(
            "pub note: Option<String>",
            "#[serde(flatten)]\n    pub note: Note",
        ),
        MONEY.replace(
            "pub struct",
            "#[serde(rename_all = \"camelCase\")]\npub struct",
        ),
        MONEY.replace("pub struct", "#[serde(deny_unknown_fields)]\npub struct"),
    ];
    let names: Vec<String> = (0..variants.len())
        .map(|i| format!("crates/money/src/v{i}.rs"))
        .collect();
    let mut files: Vec<(&str, &str)> = crates(&[]);
    files.extend(
        names
            .iter()
            .map(String::as_str)
            .zip(variants.iter().map(String::as_str)),
    );
    let checked = check(&files, "");
    assert_eq!(checked.of("duplicate-schemas"), Vec::<String>::new());
}

#[test]
fn enums_compare_by_their_variants_payloads() {
    let request = "#[derive(Serialize)]\npub enum Request { List(ListArgs), Expand(Box<ExpandArgs>), Config(Settings) }\n";
    let response = "#[derive(Serialize)]\npub enum Response { List(Result<Vec<String>, String>), Expand(Result<Tree, Panic>), Config(Settings) }\n";
    let text = format!("{request}{response}struct ListArgs;\nstruct ExpandArgs;\n");
    let text: &'static str = Box::leak(text.into_boxed_str());
    let checked = check(&crates(&[("crates/money/src/proto.rs", text)]), "");
    assert_eq!(checked.of("duplicate-schemas"), Vec::<String>::new());
}

#[test]
fn crates_that_do_not_depend_on_each_other_are_not_told_to_use_each_other() {
    let copy = MONEY.replace("Money", "Price");
    let copy: &'static str = Box::leak(copy.into_boxed_str());
    let checked = check(&crates(&[("crates/other/src/price.rs", copy)]), "");
    assert_eq!(checked.of("duplicate-schemas"), Vec::<String>::new());
}
