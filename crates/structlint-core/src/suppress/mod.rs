//! In-source suppressions:
//! `// structlint-disable-next-line <rule>[, <rule>…] -- <reason>` and
//! `// structlint-disable-file <rule>[, <rule>…] -- <reason>`, also as `/* … */`.

mod check;

pub use check::{SUPPRESSIONS_RULE, apply};

use memchr::memmem;
use structlint_lang::NodeNames;

use structlint_lang::tree_sitter::Tree;

use crate::{FileContext, Span};

const MARKER: &str = "structlint-disable";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DirectiveKind {
    NextLine,
    File,
}

/// One suppression comment.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Directive {
    /// `None` for a misspelt directive such as `structlint-disable-line`.
    pub kind: Option<DirectiveKind>,
    /// The directive word as written, e.g. `structlint-disable-next-line`.
    pub word: String,
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// The directive text, from `structlint-` to the end of the comment's content.
    pub span: Span,
    /// What to delete to remove the comment: its whole line when nothing else is on it.
    pub removal: Span,
    /// The 1-based line a `next-line` directive covers.
    pub target_line: u32,
}

/// The suppression comments of one file.
#[derive(Debug, Clone)]
pub struct FileDirectives {
    pub path: String,
    pub language: structlint_lang::Language,
    pub directives: Vec<Directive>,
}

/// Where the comment holding the byte `hit` starts: the comment node of the tree, or without a
/// tree the last comment opener before `hit` on its line. `None` outside comments, such as
/// in a string literal.
fn comment_start(tree: Option<&Tree>, text: &str, line_start: usize, hit: usize) -> Option<usize> {
    match tree {
        Some(tree) => {
            let node = tree.root_node().descendant_for_byte_range(hit, hit + 1);
            std::iter::successors(node, |n| n.parent())
                .find(|n| n.kind_name().contains("comment"))
                .map(|n| n.start_byte())
        }
        None => {
            let before = &text[line_start..hit];
            before
                .rfind("//")
                .max(before.rfind("/*"))
                .map(|i| line_start + i)
        }
    }
}

/// Finds the suppression comments of a file. Cheap for the common file without any: one
/// memchr pass; the tree is consulted only to reject look-alikes inside strings.
pub fn parse_directives(cx: &FileContext<'_>) -> Vec<Directive> {
    let text = cx.text();
    let hits: Vec<usize> = memmem::find_iter(text.as_bytes(), MARKER).collect();
    if hits.is_empty() {
        return Vec::new();
    }
    let tree = cx.tree();
    let lines = &cx.file.lines;
    let mut directives = Vec::new();
    for hit in hits {
        let line = lines.line_of(hit) + 1;
        let line_range = lines.line_range(text, line);
        let Some(comment_start) = comment_start(tree, text, line_range.start, hit) else {
            continue;
        };
        // The directive must open a plain comment: doc comments (`///`, `//!`, `/**`) that
        // quote a directive only document it.
        let block = match text[comment_start..hit].trim_end() {
            "//" => false,
            "/*" => true,
            _ => continue,
        };
        let (content_end, comment_end) = if block {
            match text[hit..].find("*/") {
                Some(i) => (hit + i, hit + i + 2),
                None => (text.len(), text.len()),
            }
        } else {
            (line_range.end, line_range.end)
        };
        let content = &text[hit..content_end];
        let (head, reason) = match content.split_once("--") {
            Some((head, reason)) => (head, Some(reason.trim()).filter(|r| !r.is_empty())),
            None => (content, None),
        };
        let mut words = head.split([' ', '\t', ',']).filter(|w| !w.is_empty());
        let word = words.next().unwrap_or(MARKER).to_string();
        let kind = match word.as_str() {
            "structlint-disable-next-line" => Some(DirectiveKind::NextLine),
            "structlint-disable-file" => Some(DirectiveKind::File),
            _ => None,
        };
        let end_line = lines.line_of(comment_end) + 1;
        let alone = text[line_range.start..comment_start].trim().is_empty()
            && text[comment_end..lines.line_range(text, end_line).end]
                .trim()
                .is_empty();
        let removal = if alone {
            let next_line_start = lines.line_range(text, end_line + 1).start;
            line_range.start..next_line_start.max(comment_end)
        } else {
            let leading = text[..comment_start].trim_end_matches([' ', '\t']).len();
            leading..comment_end
        };
        directives.push(Directive {
            kind,
            word,
            rules: words.map(str::to_string).collect(),
            reason: reason.map(str::to_string),
            span: cx.span(hit..content_end.max(hit)),
            removal: cx.span(removal),
            target_line: end_line as u32 + 1,
        });
    }
    directives
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceFile;
    use structlint_lang::Language;

    fn parse(path: &str, text: &str) -> Vec<Directive> {
        let lang = Language::from_path(path.as_ref()).unwrap();
        let file = SourceFile::new(path.into(), path.into(), lang, text.into());
        parse_directives(&FileContext::new(&file))
    }

    #[test]
    fn line_and_block_forms_with_reasons() {
        let text = "// structlint-disable-next-line max-file-lines, layers -- generated\nconst a = 1;\n/* structlint-disable-file max-file-lines -- vendored */\n";
        let ds = parse("a.ts", text);
        assert_eq!(ds.len(), 2);
        assert_eq!(ds[0].kind, Some(DirectiveKind::NextLine));
        assert_eq!(ds[0].rules, ["max-file-lines", "layers"]);
        assert_eq!(ds[0].reason.as_deref(), Some("generated"));
        assert_eq!(ds[0].target_line, 2);
        assert_eq!(ds[1].kind, Some(DirectiveKind::File));
        assert_eq!(ds[1].reason.as_deref(), Some("vendored"));
        // A comment alone on its line is removed with its line.
        assert_eq!(
            &text[ds[0].removal.start..ds[0].removal.end],
            &text[..text.find("const").unwrap()]
        );
    }

    #[test]
    fn missing_reason_misspelt_word_and_trailing_comments() {
        let text = "let a = 1; // structlint-disable-line max-file-lines\nlet b = 2; /* structlint-disable-next-line x */ let c = 3;\n";
        let ds = parse("a.ts", text);
        assert_eq!(ds.len(), 2);
        assert_eq!(ds[0].kind, None);
        assert_eq!(ds[0].word, "structlint-disable-line");
        assert_eq!(ds[0].reason, None);
        assert_eq!(ds[1].rules, ["x"]);
        assert_eq!(
            &text[ds[1].removal.start..ds[1].removal.end],
            " /* structlint-disable-next-line x */"
        );
    }

    #[test]
    fn look_alikes_in_strings_are_not_directives() {
        let ts = parse(
            "a.ts",
            "const s = \"// structlint-disable-file max-file-lines -- no\";\n",
        );
        assert!(ts.is_empty());
        let rs = parse(
            "a.rs",
            "fn f() { let s = \"// structlint-disable-file x -- y\"; }\n// structlint-disable-file max-file-lines -- real\nfn g() {}\n",
        );
        assert_eq!(rs.len(), 1);
        assert_eq!(rs[0].rules, ["max-file-lines"]);
    }

    #[test]
    fn doc_comments_quoting_a_directive_are_not_directives() {
        let rs = parse(
            "a.rs",
            "//! Write `// structlint-disable-file <rule> -- <reason>`.\n/// structlint-disable-file max-file-lines -- doc\nfn g() {}\n",
        );
        assert!(rs.is_empty(), "{rs:?}");
        let ts = parse(
            "a.ts",
            "/** structlint-disable-next-line x -- y */\n// see structlint-disable-file docs\nconst a = 1;\n",
        );
        assert!(ts.is_empty(), "{ts:?}");
    }
}
