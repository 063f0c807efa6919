//! The configs of the bench modes that need one, written at the workspace root (paths in a
//! config are relative to its directory) under names other than structlint.toml, so the other
//! modes keep the defaults.

use std::path::{Path, PathBuf};

const DUPLICATION: &str = r#"[rules]
max-file-lines = "off"
package-privacy = "off"
layers = "off"
unclassified-layer = "off"
import-cycles = "off"
unresolved-import = "off"
suppressions = "off"

[rules.duplicate-schemas]
canonical = ["packages/pkg000/**"]

[[helpers]]
name = "retry"
canonical = "packages/pkg000/src/retry.ts"
"#;

/// The config file of `mode`, written if needed; `None` for modes that use the defaults.
pub fn config(mode: &str, root: &Path) -> Option<PathBuf> {
    let (name, text) = match mode {
        "check (fetch, schemas, helpers)" => ("bench-duplication.toml", DUPLICATION.to_string()),
        "check + 10 TOML rules" => ("bench-toml-10.toml", toml_rules(root, 1)),
        "check + 50 TOML rules" => ("bench-toml-50.toml", toml_rules(root, 5)),
        _ => return None,
    };
    let path = root.join(name);
    std::fs::write(&path, text).expect("config written");
    Some(path)
}

/// Copies the shipped rules of `rules/` `copies` times into the workspace (ids suffixed after
/// the first copy) and returns a config listing them.
fn toml_rules(root: &Path, copies: usize) -> String {
    let dir = root.join(format!("bench-rules-{copies}"));
    std::fs::create_dir_all(&dir).expect("rules directory");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut files: Vec<PathBuf> = ["typescript", "rust"]
        .iter()
        .flat_map(|sub| std::fs::read_dir(shipped.join(sub)).expect("rules/ is shipped"))
        .map(|e| e.expect("readable").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for copy in 0..copies {
        for file in &files {
            let text = std::fs::read_to_string(file).expect("readable rule file");
            let text = if copy == 0 {
                text
            } else {
                text.replace("\nid = \"", &format!("\nid = \"copy{copy}-"))
            };
            let name = format!("{copy}-{}", file.file_name().unwrap().to_string_lossy());
            std::fs::write(dir.join(name), text).expect("rule file written");
        }
    }
    format!("rule-files = [\"bench-rules-{copies}/*.toml\"]\n")
}
