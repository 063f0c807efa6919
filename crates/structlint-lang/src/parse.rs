use std::cell::RefCell;
use std::fmt;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use tree_sitter::{ParseOptions, ParseState, Parser, Tree};

use crate::Grammar;
use crate::nesting::MAX_NESTING;

/// A grammar the linked tree-sitter core cannot load. Cargo does not check grammar versions
/// (grammars depend only on `tree-sitter-language`), so this shows up at run time.
#[derive(Debug, Clone)]
pub struct GrammarError {
    pub grammar: Grammar,
    pub message: String,
}

impl fmt::Display for GrammarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot load the {:?} grammar: {}",
            self.grammar, self.message
        )
    }
}

impl std::error::Error for GrammarError {}

/// Why tree-sitter gave no tree.
#[derive(Debug, Clone)]
pub enum ParseError {
    /// The grammar cannot be loaded: a fault of the build, for every file of the language.
    Grammar(GrammarError),
    /// The parse ran past [`parse_deadline`]: tree-sitter's error recovery takes far longer
    /// than a file's size on some invalid code (16 KB of unbalanced brackets took 30 s).
    /// A fault of the file, not of the run.
    TooSlow(Duration),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Grammar(e) => e.fmt(f),
            ParseError::TooSlow(took) => write!(
                f,
                "tree-sitter gave up parsing after {:.1} s: its recovery from the syntax errors \
                 runs far longer than the text's size",
                took.as_secs_f64()
            ),
        }
    }
}

impl std::error::Error for ParseError {}

/// How long a file of `len` bytes may take to parse. Real code parses at megabytes a second
/// even in a debug build, so this only ever stops runaway error recovery; the grace is in
/// seconds because it is wall time on a machine that may be busy.
pub fn parse_deadline(len: usize) -> Duration {
    Duration::from_secs(5) + Duration::from_millis(5 * (len as u64 / 1024))
}

thread_local! {
    // Parsing needs `&mut Parser`; one per rayon worker and grammar keeps it lock-free.
    static PARSERS: RefCell<[Option<Parser>; 3]> = const { RefCell::new([None, None, None]) };
}

/// Parses `text` with tree-sitter. Syntax errors do not fail the parse: tree-sitter recovers
/// and marks them in the tree (see [`crate::SyntaxErrors`]), unless recovering takes longer
/// than [`parse_deadline`].
pub fn parse_tree(grammar: Grammar, text: &str) -> Result<Tree, ParseError> {
    parse_within(grammar, text, parse_deadline(text.len()))
}

pub(crate) fn parse_within(
    grammar: Grammar,
    text: &str,
    deadline: Duration,
) -> Result<Tree, ParseError> {
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        let slot = &mut parsers[grammar.index()];
        if slot.is_none() {
            let mut parser = Parser::new();
            parser.set_language(&grammar.language()).map_err(|e| {
                ParseError::Grammar(GrammarError {
                    grammar,
                    message: e.to_string(),
                })
            })?;
            *slot = Some(parser);
        }
        let parser = slot.as_mut().expect("parser was just set");
        let started = Instant::now();
        // tree-sitter calls back every hundred or so steps; a few ms apart even where its
        // recovery runs away.
        let mut in_time = |_: &ParseState| {
            if started.elapsed() > deadline {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let bytes = text.as_bytes();
        let tree = parser.parse_with_options(
            &mut |at, _| bytes.get(at..).unwrap_or_default(),
            None,
            Some(ParseOptions::new().progress_callback(&mut in_time)),
        );
        match tree {
            Some(tree) => Ok(tree),
            None if started.elapsed() > deadline => {
                // A cancelled parse resumes where it stopped on the next call: start afresh.
                parser.reset();
                Err(ParseError::TooSlow(started.elapsed()))
            }
            None => Err(ParseError::Grammar(GrammarError {
                grammar,
                message: "the parser returned no tree".to_string(),
            })),
        }
    })
}

/// Parses a Rust file with syn. syn rejects a whole file on its first syntax error, where
/// tree-sitter recovers, so callers fall back to the tree-sitter tree on `Err`.
///
/// With `span-locations`, proc-macro2 keeps every parsed file's text for the thread's
/// lifetime; call [`release_rust_spans`] once the file's spans have been read.
///
/// A file that nests deeper than [`MAX_NESTING`] is refused with an error rather than risk
/// overflowing the stack (see [`crate::nesting`]).
pub fn parse_rust_items(text: &str) -> Result<syn::File, syn::Error> {
    // What `syn::parse_file` does, with the tokens measured between lexing and parsing.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (shebang, body) = match text.strip_prefix("#!") {
        Some(rest) if !rest.trim_start().starts_with('[') => {
            let end = text.find('\n').unwrap_or(text.len());
            (Some(text[..end].to_string()), &text[end..])
        }
        _ => (None, text),
    };
    let tokens: proc_macro2::TokenStream = body.parse()?;
    let depth = crate::nesting::measure(tokens.clone());
    if depth > MAX_NESTING {
        return Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            format!(
                "it nests {depth} levels deep, past the {MAX_NESTING} levels structlint parses"
            ),
        ));
    }
    let mut file: syn::File = syn::parse2(tokens)?;
    file.shebang = shebang;
    Ok(file)
}

/// Frees the text proc-macro2 keeps for span locations on this thread. Spans created
/// before the call must not be asked for their location afterwards.
pub fn release_rust_spans() {
    proc_macro2::extra::invalidate_current_thread_spans();
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    // Grammar versions are not checked by Cargo: this is the test that catches a grammar the
    // linked core cannot load ("Incompatible language version").
    #[test]
    fn all_three_grammars_load_and_parse() {
        let cases = [
            (Grammar::TypeScript, "const x: number = 1;", "program"),
            (Grammar::Tsx, "const x = <div>{1}</div>;", "program"),
            (Grammar::Rust, "fn main() {}", "source_file"),
        ];
        for (grammar, text, root) in cases {
            let tree = parse_tree(grammar, text).unwrap();
            assert_eq!(tree.root_node().kind(), root, "{grammar:?}");
            assert!(!tree.root_node().has_error(), "{grammar:?}");
        }
    }

    #[test]
    fn parsers_are_reused_across_calls_on_a_thread() {
        for _ in 0..3 {
            assert!(parse_tree(Grammar::TypeScript, "let a = 1").is_ok());
        }
    }

    #[test]
    fn syn_parses_items_and_reports_errors() {
        let file = parse_rust_items("pub struct A { x: u8 }\nfn f() {}").unwrap();
        assert_eq!(file.items.len(), 2);
        release_rust_spans();
        assert!(parse_rust_items("fn f( {").is_err());
        release_rust_spans();
    }

    #[test]
    fn shebangs_and_byte_order_marks_are_skipped_as_syn_does() {
        let file = parse_rust_items("\u{feff}#!/usr/bin/env run\nfn main() {}").unwrap();
        assert_eq!(file.shebang.as_deref(), Some("#!/usr/bin/env run"));
        assert_eq!(file.items.len(), 1);
        let file = parse_rust_items("#![allow(dead_code)]\nfn main() {}").unwrap();
        assert_eq!((file.shebang, file.attrs.len()), (None, 1));
        release_rust_spans();
    }

    // Deep enough to overflow any stack if syn were let at it: refused before parsing.
    #[test]
    fn files_nested_past_the_limit_are_refused() {
        let deep = format!(
            "fn f() -> u8 {{ {}1{} }}",
            "(".repeat(100_000),
            ")".repeat(100_000)
        );
        let error = parse_rust_items(&deep).err().expect("refused").to_string();
        assert!(
            error.contains("past the 1000 levels structlint parses"),
            "{error}"
        );
        let ok = format!("fn f() -> u8 {{ {}1{} }}", "(".repeat(50), ")".repeat(50));
        assert!(parse_rust_items(&ok).is_ok());
        release_rust_spans();
    }

    /// Brackets closed thousands of times more than opened: tree-sitter's error recovery took
    /// 23–30 s on these 16 KB. A deadline stops it, and the parser is fine afterwards.
    #[test]
    fn runaway_error_recovery_stops_at_the_deadline() {
        let slow = format!(
            "fn f() {{ {}x.unwrap{}() }}",
            "(".repeat(63),
            ")*".repeat(7863)
        );
        let outcome = parse_within(Grammar::Rust, &slow, Duration::from_millis(300));
        assert!(
            matches!(outcome, Err(ParseError::TooSlow(_))),
            "parsed within the deadline: {outcome:?}"
        );
        let tree = parse_within(Grammar::Rust, "fn f() {}\n", Duration::from_millis(300)).unwrap();
        assert!(!tree.root_node().has_error());
    }
}
