//! A source file and the per-file context rules read it through.

use std::any::{Any, TypeId};
use std::cell::{Cell, OnceCell, RefCell};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use structlint_lang::tree_sitter::{Node, Tree};
use structlint_lang::{
    GrammarError, Language, LineIndex, ParseError, Position, parse_rust_items, parse_tree, syn,
};

use crate::{Note, Span};

/// A file that was read and decoded: UTF-8 text with its line index.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the project root, `/`-separated.
    pub path: String,
    /// The same, shared by every span of the file instead of copied into each.
    span_path: crate::Text,
    pub abs: PathBuf,
    pub language: Language,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: String, abs: PathBuf, language: Language, text: String) -> SourceFile {
        let lines = LineIndex::new(&text);
        SourceFile {
            span_path: crate::Text::from(path.clone()),
            path,
            abs,
            language,
            text,
            lines,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// The span of a byte range of this file.
    pub fn span(&self, range: Range<usize>) -> Span {
        Span {
            path: self.span_path.clone(),
            start: range.start,
            end: range.end,
            start_pos: self.position(range.start),
            end_pos: self.position(range.end),
        }
    }

    /// The span of 1-based `line`, without its terminator.
    pub fn line_span(&self, line: usize) -> Span {
        self.span(self.lines.line_range(&self.text, line))
    }
}

/// What rules see of a file. The tree-sitter tree and syn's tree are built on first request
/// and shared by every rule of the file; both are dropped with the context.
pub struct FileContext<'a> {
    pub file: &'a SourceFile,
    /// Test code, an example, a benchmark or a fixture (`[files] tests`).
    test: bool,
    tree: OnceCell<Result<Tree, ParseError>>,
    /// Time spent parsing this file (both parsers), for `--timing`: a rule's own time is its
    /// time without the parses it happened to trigger first.
    parse_time: Cell<std::time::Duration>,
    syn: OnceCell<Result<syn::File, String>>,
    shared: RefCell<Vec<(TypeId, Arc<dyn Any + Send + Sync>)>>,
    notes: RefCell<Vec<Note>>,
}

impl<'a> FileContext<'a> {
    pub fn new(file: &'a SourceFile) -> FileContext<'a> {
        FileContext {
            file,
            test: false,
            tree: OnceCell::new(),
            parse_time: Cell::default(),
            syn: OnceCell::new(),
            shared: RefCell::default(),
            notes: RefCell::default(),
        }
    }

    /// The context of a file the config counts as tests, examples, benchmarks or fixtures
    /// (`[files] tests`) when `test`.
    pub fn with_test(mut self, test: bool) -> FileContext<'a> {
        self.test = test;
        self
    }

    /// Whether the file is test code, an example, a benchmark or a fixture: rules about
    /// production code skip it.
    pub fn is_test(&self) -> bool {
        self.test
    }

    /// A note about this file that is not a finding (a rule gave up on it); the report lists it.
    pub fn note(&self, note: Note) {
        self.notes.borrow_mut().push(note);
    }

    pub(crate) fn take_notes(&self) -> Vec<Note> {
        self.notes.take()
    }

    /// The file's one `T`, extracted by the first rule that asks: facts several workspace
    /// rules need (a module's imports and exports) are extracted once per file.
    pub fn shared<T: Any + Send + Sync>(&self, extract: impl FnOnce(&Self) -> T) -> Arc<T> {
        let id = TypeId::of::<T>();
        if let Some((_, found)) = self.shared.borrow().iter().find(|(t, _)| *t == id) {
            return Arc::clone(found)
                .downcast::<T>()
                .expect("entries are keyed by their type");
        }
        let value = Arc::new(extract(self));
        self.shared.borrow_mut().push((id, value.clone()));
        value
    }

    pub fn path(&self) -> &str {
        &self.file.path
    }

    pub fn text(&self) -> &str {
        &self.file.text
    }

    pub fn language(&self) -> Language {
        self.file.language
    }

    pub fn line_count(&self) -> usize {
        self.file.lines.line_count()
    }

    pub fn span(&self, range: Range<usize>) -> Span {
        self.file.span(range)
    }

    pub fn node_span(&self, node: Node<'_>) -> Span {
        self.file.span(node.byte_range())
    }

    /// The tree-sitter tree, parsed on first use. `None` when the grammar cannot be loaded,
    /// which the engine reports as an internal error, or when tree-sitter's error recovery
    /// on this file ran past its deadline, which is a note.
    pub fn tree(&self) -> Option<&Tree> {
        self.tree
            .get_or_init(|| {
                self.timed_parse(|| {
                    let grammar = self.file.language.grammar();
                    match self.file.text.strip_prefix('\u{feff}') {
                        // Blank the byte-order mark so the grammar does not trip on it while
                        // every byte offset stays that of the original text.
                        Some(rest) => parse_tree(grammar, &format!("   {rest}")),
                        None => parse_tree(grammar, &self.file.text),
                    }
                })
            })
            .as_ref()
            .ok()
    }

    /// syn's tree of a Rust file, parsed on first use; `None` when syn rejects the file (it
    /// gives up on the first syntax error, where tree-sitter recovers) or it is not Rust.
    pub fn syn(&self) -> Option<&syn::File> {
        if self.file.language != Language::Rust {
            return None;
        }
        self.syn
            .get_or_init(|| {
                self.timed_parse(|| parse_rust_items(&self.file.text).map_err(|e| e.to_string()))
            })
            .as_ref()
            .ok()
    }

    fn timed_parse<T>(&self, parse: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let parsed = parse();
        self.parse_time.set(self.parse_time.get() + start.elapsed());
        parsed
    }

    /// Time spent parsing this file so far.
    pub(crate) fn parse_time(&self) -> std::time::Duration {
        self.parse_time.get()
    }

    /// The tree, if some rule asked for it.
    pub(crate) fn parsed_tree(&self) -> Option<&Tree> {
        self.tree.get().and_then(|t| t.as_ref().ok())
    }

    pub(crate) fn grammar_error(&self) -> Option<&GrammarError> {
        match self.tree.get() {
            Some(Err(ParseError::Grammar(e))) => Some(e),
            _ => None,
        }
    }

    /// How long tree-sitter tried before giving up on this file, if it did.
    pub(crate) fn parse_gave_up(&self) -> Option<std::time::Duration> {
        match self.tree.get() {
            Some(Err(ParseError::TooSlow(took))) => Some(*took),
            _ => None,
        }
    }

    /// Whether syn parsed this file, and its error if it rejected it.
    pub(crate) fn syn_outcome(&self) -> Option<Result<(), &str>> {
        self.syn
            .get()
            .map(|r| r.as_ref().map(|_| ()).map_err(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> SourceFile {
        let language = Language::from_path(path.as_ref()).unwrap();
        SourceFile::new(path.into(), path.into(), language, text.into())
    }

    #[test]
    fn trees_are_parsed_lazily_and_once() {
        let f = file("a.ts", "export const a = 1;\n");
        let cx = FileContext::new(&f);
        assert!(cx.parsed_tree().is_none());
        let first = cx.tree().unwrap().root_node().id();
        assert_eq!(cx.parsed_tree().unwrap().root_node().id(), first);
    }

    #[test]
    fn shared_facts_are_extracted_once() {
        let f = file("a.ts", "x");
        let cx = FileContext::new(&f);
        let a = cx.shared(|cx| cx.text().len());
        let b = cx.shared::<usize>(|_| unreachable!("already extracted"));
        assert!(Arc::ptr_eq(&a, &b));
    }

    #[test]
    fn a_byte_order_mark_keeps_offsets() {
        let f = file("a.ts", "\u{feff}const a = 1;\n");
        let cx = FileContext::new(&f);
        let root = cx.tree().unwrap().root_node();
        assert!(!root.has_error());
        let decl = root.child(0).unwrap();
        assert_eq!(&f.text[decl.byte_range()], "const a = 1;");
    }

    #[test]
    fn syn_only_for_rust_and_errors_are_kept() {
        let ts = file("a.ts", "const a = 1;");
        assert!(FileContext::new(&ts).syn().is_none());
        let bad = file("a.rs", "fn f( {");
        let cx = FileContext::new(&bad);
        assert!(cx.syn().is_none());
        assert!(matches!(cx.syn_outcome(), Some(Err(_))));
        structlint_lang::release_rust_spans();
    }

    #[test]
    fn spans_resolve_positions() {
        let f = file("a.ts", "a\nbé c\n");
        let span = f.span(6..7);
        assert_eq!((span.start_pos.line, span.start_pos.column), (2, 4));
        assert_eq!(f.line_span(2).end, 7);
    }
}
