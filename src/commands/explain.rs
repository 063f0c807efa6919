use std::io::{self, Write};

use structlint::builtin_rules;
use structlint_core::config::closest;

use super::print;
use crate::EXIT_ERROR;

/// `structlint rules`: id, default level, one-line summary.
pub fn list() -> u8 {
    let rules = builtin_rules();
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut text = String::new();
    for rule in rules {
        text.push_str(&format!(
            "{:width$}  {:5}  {}\n",
            rule.id,
            rule.default_level.as_str(),
            rule.summary
        ));
    }
    text.push_str("\n`structlint explain <rule>` prints a rule's documentation and options.\n");
    if print(&text) { 0 } else { EXIT_ERROR }
}

/// `structlint explain <rule>`: the rule's documentation, from its doc comment.
pub fn explain(id: &str) -> u8 {
    let rules = builtin_rules();
    match rules.iter().find(|r| r.id == id) {
        Some(rule) => {
            if print(&rule.documentation()) {
                0
            } else {
                EXIT_ERROR
            }
        }
        None => {
            // A TOML rule of the current directory's config.
            if let Ok(config) = structlint::Check::workspace(".").load_config()
                && let Some(rule) = config.rules.iter().find(|r| r.meta.id == id)
            {
                return if print(&rule.meta.documentation) {
                    0
                } else {
                    EXIT_ERROR
                };
            }
            let hint = closest(id, rules.iter().map(|r| r.id))
                .map(|near| format!(" Did you mean `{near}`?"))
                .unwrap_or_default();
            let _ = writeln!(
                io::stderr(),
                "error: unknown rule `{id}`.{hint} `structlint rules` lists every rule."
            );
            EXIT_ERROR
        }
    }
}
