//! `structlint query`: a query's matches in one file, with the tree around each, for writing
//! the `query` of a TOML rule.

use std::io::{self, Write};
use std::path::Path;

use structlint_core::Language;
use structlint_lang::parse_tree;
use structlint_lang::tree_sitter::Node;

use super::print;
use crate::EXIT_ERROR;

pub fn run(query: &str, file: &Path) -> u8 {
    let fail = |message: String| {
        let _ = writeln!(io::stderr(), "error: {message}");
        EXIT_ERROR
    };
    let Some(language) = Language::from_path(file) else {
        return fail(format!(
            "{}: not a TypeScript, JavaScript or Rust file",
            file.display()
        ));
    };
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => return fail(format!("cannot read {}: {e}", file.display())),
    };
    let tree = match parse_tree(language.grammar(), &text) {
        Ok(tree) => tree,
        Err(e) => return fail(e.to_string()),
    };
    let matches = match structlint_toml_rules::run_query(query, language.grammar(), &tree, &text) {
        Ok(matches) => matches,
        Err(problem) => {
            let line_start = query[..problem.offset.min(query.len())]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let line_end = query[line_start..]
                .find('\n')
                .map_or(query.len(), |i| line_start + i);
            let help = problem
                .help
                .map(|h| format!("\nhelp: {h}"))
                .unwrap_or_default();
            return fail(format!(
                "{}\n  {}\n  {}^{help}",
                problem.message,
                &query[line_start..line_end],
                " ".repeat(
                    query[line_start..problem.offset.min(query.len())]
                        .chars()
                        .count()
                )
            ));
        }
    };
    let mut out = String::new();
    for (i, captures) in matches.iter().enumerate() {
        out.push_str(&format!("match {}\n", i + 1));
        for (name, node) in captures {
            let (start, end) = (node.start_position(), node.end_position());
            out.push_str(&format!(
                "  @{name} {}:{}-{}:{} {}: `{}`\n",
                start.row + 1,
                start.column + 1,
                end.row + 1,
                end.column + 1,
                node.kind(),
                structlint_toml_rules_one_line(&text[node.byte_range()])
            ));
        }
        if let Some((_, node)) = captures.first() {
            out.push_str("  tree around it:\n");
            let around = node.parent().unwrap_or(*node);
            tree_lines(around, None, &text, 2, 0, &mut out);
        }
    }
    out.push_str(&format!(
        "{} match{}\n",
        matches.len(),
        if matches.len() == 1 { "" } else { "es" }
    ));
    if print(&out) { 0 } else { EXIT_ERROR }
}

/// The node and its descendants to `depth`, one per line: `field: kind` and a leaf's text.
fn tree_lines(
    node: Node<'_>,
    field: Option<&str>,
    text: &str,
    indent: usize,
    depth: usize,
    out: &mut String,
) {
    let field = field.map(|f| format!("{f}: ")).unwrap_or_default();
    let leaf = if node.child_count() == 0 {
        format!(" `{}`", &text[node.byte_range()])
    } else {
        String::new()
    };
    if node.is_named() || !leaf.is_empty() && !field.is_empty() {
        out.push_str(&format!(
            "{}{field}({}){leaf}\n",
            "  ".repeat(indent),
            node.kind()
        ));
    }
    if depth >= 3 {
        if node.named_child_count() > 0 {
            out.push_str(&format!("{}…\n", "  ".repeat(indent + 1)));
        }
        return;
    }
    let mut cursor = node.walk();
    if cursor.goto_first_child() {
        loop {
            let child = cursor.node();
            if child.is_named() {
                tree_lines(child, cursor.field_name(), text, indent + 1, depth + 1, out);
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
}

fn structlint_toml_rules_one_line(code: &str) -> String {
    let flat = code.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}
