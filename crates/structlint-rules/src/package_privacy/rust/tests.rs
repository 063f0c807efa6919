use crate::shared::testing::check;

const CONFIG: &str = "[rules]\nmax-file-lines = \"off\"\n";
/// The unreachable-`pub` check is opt-in.
const UNREACHABLE_PUB: &str = "[rules]\nmax-file-lines = \"off\"\npackage-privacy = { level = \"error\", unreachable-pub = true }\n";

fn workspace(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut files = vec![
        ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n"),
        ("crates/store/Cargo.toml", "[package]\nname = \"store\"\n"),
        (
            "crates/store/src/lib.rs",
            "pub mod internal;\nmod memory;\nmod cache;\npub use memory::Memory;\npub use cache::*;\n#[doc(hidden)]\npub fn __setup() {}\npub fn open() -> memory::Handle { memory::Handle }\n#[cfg(test)]\nmod tests { pub fn helper() {} }\n",
        ),
        ("crates/store/src/internal.rs", "pub fn connect() {}\n"),
        (
            "crates/store/src/memory.rs",
            "pub struct Memory;\npub struct Handle;\npub fn stray() {}\npub(crate) fn fine() {}\n",
        ),
        ("crates/store/src/cache.rs", "pub struct Cache;\n"),
        ("crates/store/src/main.rs", "mod cli;\nfn main() {}\n"),
        ("crates/store/src/cli.rs", "pub fn run() {}\n"),
        (
            "crates/app/Cargo.toml",
            "[package]\nname = \"app\"\n[dependencies]\nstore = { path = \"../store\", version = \"1\" }\n",
        ),
    ];
    files.extend_from_slice(extra);
    files
}

#[test]
fn unreachable_pub_items_are_warnings_with_the_narrowing_edit() {
    let checked = check(
        &workspace(&[("crates/app/src/main.rs", "fn main() { store::open(); }\n")]),
        UNREACHABLE_PUB,
    );
    assert_eq!(
        checked.of("package-privacy"),
        [
            "crates/store/src/memory.rs:3 `pub fn stray` is not reachable from store's public API: `memory` is a private module and nothing re-exports it"
        ]
    );
    let d = checked.first("package-privacy");
    assert_eq!(d.severity, structlint_core::Severity::Warning);
    let edit = d.edit.as_ref().expect("a machine-applicable edit");
    assert_eq!(
        (
            edit.replacements[0].span.start,
            edit.replacements[0].text.as_str()
        ),
        (38, "pub(crate)")
    );
    assert!(d.fix[1].contains("`pub use memory::stray;`"), "{:?}", d.fix);
}

/// rustc's `unreachable_pub` is the authority on reachability: by default the rule does not
/// second-guess it.
#[test]
fn unreachable_pub_is_not_reported_unless_asked_for() {
    let checked = check(
        &workspace(&[("crates/app/src/main.rs", "fn main() { store::open(); }\n")]),
        CONFIG,
    );
    assert!(
        checked.of("package-privacy").is_empty(),
        "{:?}",
        checked.of("package-privacy")
    );
}

#[test]
fn uses_of_internal_and_hidden_paths_of_other_crates_are_errors() {
    let app = "use store::internal::connect;\nfn main() { store::__setup(); connect(); let _ = store::Memory; }\n";
    let checked = check(&workspace(&[("crates/app/src/main.rs", app)]), CONFIG);
    let found = checked.of("package-privacy");
    assert_eq!(
        found[..2],
        [
            "crates/app/src/main.rs:1 app uses `store::internal::connect`, which store does not expose: its path matches the `internal` pattern `*::internal::*`",
            "crates/app/src/main.rs:2 app uses `store::__setup`, which store does not expose: it is `#[doc(hidden)]`, outside its semver promise, and app is published with `store = \"1\"`, which admits other releases",
        ]
    );
}

/// rust-analyzer shares a `#[doc(hidden)]` salsa wrapper of base-db with ide-db: its crates
/// depend on each other as `version = "0.0.0"`, one release, so they always build together.
#[test]
fn hidden_items_are_for_siblings_that_always_build_with_the_crate() {
    let mut files = workspace(&[]);
    files.retain(|(path, _)| !path.starts_with("crates/app/"));
    files.extend([
        // A path-only dependency cannot be published.
        ("crates/local/Cargo.toml", "[package]\nname = \"local\"\n[dependencies]\nstore = { path = \"../store\" }\n"),
        ("crates/tool/Cargo.toml", "[package]\nname = \"tool\"\npublish = false\n[dependencies]\nstore = { path = \"../store\", version = \"1\" }\n"),
        ("crates/pinned/Cargo.toml", "[package]\nname = \"pinned\"\n[dependencies]\nstore = { path = \"../store\", version = \"=1.4.0\" }\n"),
        ("crates/lockstep/Cargo.toml", "[package]\nname = \"lockstep\"\n[dependencies]\nstore = { path = \"../store\", version = \"0.0.0\" }\n"),
    ]);
    let main = "fn main() { store::__setup(); }\n";
    files.extend([
        ("crates/local/src/main.rs", main),
        ("crates/tool/src/main.rs", main),
        ("crates/pinned/src/main.rs", main),
        ("crates/lockstep/src/main.rs", main),
    ]);
    let checked = check(&files, CONFIG);
    assert!(
        checked.of("package-privacy").is_empty(),
        "{:?}",
        checked.of("package-privacy")
    );
}

#[test]
fn the_internal_patterns_are_an_option() {
    let config =
        "[rules]\nmax-file-lines = \"off\"\npackage-privacy = { internal = [\"*::memory::*\"] }\n";
    let app = "use store::internal::connect;\nfn main() {}\n";
    let checked = check(&workspace(&[("crates/app/src/main.rs", app)]), config);
    assert!(
        checked
            .of("package-privacy")
            .iter()
            .all(|f| !f.contains("internal::connect")),
        "{:?}",
        checked.of("package-privacy")
    );
}

#[test]
fn path_attributes_place_modules_and_undeclared_files_are_not_the_librarys() {
    let files = [
        ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n"),
        ("crates/kit/Cargo.toml", "[package]\nname = \"kit\"\n"),
        (
            "crates/kit/src/lib.rs",
            "#[path = \"platform/unix.rs\"]\npub mod os;\n#[path = \"platform/shared.rs\"]\nmod shared;\n",
        ),
        (
            "crates/kit/src/platform/unix.rs",
            "pub fn pid() -> u32 { 1 }\n",
        ),
        ("crates/kit/src/platform/shared.rs", "pub fn helper() {}\n"),
        ("crates/kit/src/stray.rs", "pub fn never_declared() {}\n"),
    ];
    assert_eq!(
        check(&files, UNREACHABLE_PUB).of("package-privacy"),
        [
            "crates/kit/src/platform/shared.rs:1 `pub fn helper` is not reachable from kit's public API: `shared` is a private module and nothing re-exports it"
        ]
    );
}
