//! Code patterns with metavariables, matched structurally: `$X` is one node, `$$$ARGS` any
//! number of nodes, `$_` one node left unnamed; whitespace and comments never matter.
//!
//! The snippet is parsed with the target grammar after each metavariable is spelled as an
//! identifier (`$X` → `__sl_one_X`), which every grammar accepts where an expression may stand.

use std::collections::HashMap;
use std::ops::Range;
use structlint_lang::NodeNames;

use regex::Regex;
use structlint_lang::tree_sitter::{Node, Tree};
use structlint_lang::{Grammar, parse_tree};

use crate::budget::Budget;

const ONE: &str = "__sl_one_";
const MANY: &str = "__sl_many_";

/// Deeper than any real pattern. tree-sitter recovers from errors in deeply nested code in
/// time about the cube of the depth: an invalid TypeScript snippet nested 800 deep took 45 s to
/// parse, and a pattern is parsed up to four times.
const MAX_NESTING: usize = 64;

/// Longer than any real pattern. tree-sitter's error recovery on some invalid code takes far
/// more than its size: 16 KB of unbalanced brackets took 33 s to parse.
const MAX_LEN: usize = 2048;

/// How deep `(`, `[` and `{` nest in `source`, strings and all.
fn nesting(source: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    for c in source.chars() {
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// A compiled pattern: its parsed snippet.
pub struct Pattern {
    tree: Tree,
    text: String,
    /// Named-child indices from the tree's root to the node the pattern is about.
    root_path: Vec<usize>,
    /// The kind the matched node must have, or `None` when the pattern is a lone `$X`.
    pub root_kind: Option<u16>,
}

/// What the metavariables of one match stand for: byte ranges of the target text.
pub type Bindings = HashMap<String, Range<usize>>;

#[derive(PartialEq)]
enum Meta<'p> {
    One(&'p str),
    Many(&'p str),
}

impl Pattern {
    /// Parses `source` for `grammar`; `Err` says what is wrong with the snippet.
    pub fn compile(source: &str, grammar: Grammar) -> Result<Pattern, String> {
        if source.len() > MAX_LEN {
            return Err(format!(
                "the pattern is longer than {MAX_LEN} bytes: tree-sitter's error recovery can take minutes on a few kilobytes of unbalanced code; write a shorter pattern"
            ));
        }
        if nesting(source) > MAX_NESTING {
            return Err(format!(
                "the pattern nests brackets more than {MAX_NESTING} deep: tree-sitter's error recovery takes minutes on code like it; write a flatter pattern"
            ));
        }
        let many = Regex::new(r"\$\$\$([A-Z_][A-Z0-9_]*)?").expect("valid regex");
        let one = Regex::new(r"\$([A-Z_][A-Z0-9_]*)").expect("valid regex");
        // `$$$X` is spelled as an identifier, or as a macro call where Rust wants an item
        // (`mod tests { $$$ }`); a Rust expression needs its `;` to stand alone in a file.
        let spellings = [format!("{MANY}$1"), format!("{MANY}$1!()")];
        let (tree, text) = spellings
            .iter()
            .flat_map(|many_as| {
                let text = many.replace_all(source.trim(), many_as.as_str());
                let text = one.replace_all(&text, format!("{ONE}$1")).into_owned();
                [text.clone(), format!("{text};")]
            })
            .find_map(|text| parse_tree(grammar, &text).ok().filter(|t| !t.root_node().has_error()).map(|t| (t, text)))
            .ok_or("the pattern is not valid code in this language: write a complete expression, statement or item, with `$X` where any node may stand")?;
        let mut pattern = Pattern {
            tree,
            text,
            root_path: Vec::new(),
            root_kind: None,
        };
        pattern.root_path = pattern.find_root().ok_or("the pattern is empty")?;
        let root = pattern.root().ok_or("the pattern is empty")?;
        pattern.root_kind = meta(root, &pattern.text).is_none().then(|| root.kind_id());
        Ok(pattern)
    }

    /// The path to the node the pattern is about: the snippet without its program and
    /// statement wrappers.
    fn find_root(&self) -> Option<Vec<usize>> {
        let mut node = self.tree.root_node();
        let mut path = Vec::new();
        loop {
            let named: Vec<(usize, Node<'_>)> = (0..node.named_child_count())
                .filter_map(|i| node.named_child(i as u32).map(|n| (i, n)))
                .filter(|(_, n)| !n.is_extra())
                .collect();
            let wrapper = matches!(
                node.kind_name(),
                "program" | "source_file" | "expression_statement"
            );
            match named.as_slice() {
                [(i, only)] if wrapper => {
                    path.push(*i);
                    node = *only;
                }
                _ => {
                    return (node.kind_name() != "program" && node.kind_name() != "source_file")
                        .then_some(path);
                }
            }
        }
    }

    fn root(&self) -> Option<Node<'_>> {
        self.root_path
            .iter()
            .try_fold(self.tree.root_node(), |node, &i| node.named_child(i as u32))
    }

    /// Whether `target` matches, with the metavariables bound in `bindings`; each node compared
    /// and each way of splitting a list tried is a step of `budget`, and a spent budget is no
    /// match.
    pub fn matches(
        &self,
        target: Node<'_>,
        text: &str,
        bindings: &mut Bindings,
        budget: &Budget,
    ) -> bool {
        let Some(root) = self.root() else {
            return false;
        };
        Match {
            pattern: self,
            text,
            budget,
        }
        .node(root, target, bindings)
    }
}

/// One attempt at a match: the pattern, the target's text, the steps left.
struct Match<'a> {
    pattern: &'a Pattern,
    text: &'a str,
    budget: &'a Budget,
}

impl Match<'_> {
    fn node(&self, p: Node<'_>, t: Node<'_>, b: &mut Bindings) -> bool {
        if !self.budget.spend(1) {
            return false;
        }
        let text = self.text;
        match meta(p, &self.pattern.text) {
            Some(Meta::One(name)) => return t.is_named() && bind(b, name, text, t.byte_range()),
            Some(Meta::Many(_)) => return false,
            None => {}
        }
        if p.kind_id() != t.kind_id() {
            return false;
        }
        let count = p.child_count();
        if count == 0 {
            return self.pattern.text[p.byte_range()] == text[t.byte_range()];
        }
        // The common case without allocating: as many children on both sides, and none of
        // them a `$$$` or a comment, so they pair up in order.
        if count == t.child_count() {
            let mut paired = true;
            for i in 0..count {
                let (Some(pc), Some(tc)) = (p.child(i), t.child(i)) else {
                    break;
                };
                if pc.is_extra()
                    || tc.is_extra()
                    || matches!(meta(pc, &self.pattern.text), Some(Meta::Many(_)))
                {
                    paired = false;
                    break;
                }
                if !self.node(pc, tc, b) {
                    return false;
                }
            }
            if paired {
                return true;
            }
        }
        let ps = children(p);
        let ts = children(t);
        self.list(&ps, &ts, b)
    }

    /// Matches two sibling lists; a `$$$` takes as few nodes as lets the rest match. Several
    /// `$$$` in one list try every split, which is exponential: the budget ends it.
    fn list(&self, ps: &[Node<'_>], ts: &[Node<'_>], b: &mut Bindings) -> bool {
        let Some((&p, rest)) = ps.split_first() else {
            return ts.is_empty();
        };
        let text = self.text;
        let pattern_text = &self.pattern.text;
        if let Some(Meta::Many(name)) = meta(p, pattern_text) {
            for take in 0..=ts.len() {
                if !self.budget.spend(1) {
                    return false;
                }
                let mut attempt = b.clone();
                let at = ts.first().map_or(0, |t| t.start_byte());
                let taken = match ts.get(take.wrapping_sub(1)) {
                    Some(last) if take > 0 => at..last.end_byte(),
                    _ => at..at,
                };
                if bind(&mut attempt, name, text, taken.clone())
                    && self.list(rest, &ts[take..], &mut attempt)
                {
                    *b = attempt;
                    return true;
                }
                // `f($$$ARGS, $LAST)` matches `f(a)`: the separator after a `$$$` that takes
                // nothing goes with it.
                let mut attempt = b.clone();
                if take == 0
                    && let Some((&sep, after)) = rest.split_first()
                    && !sep.is_named()
                    && pattern_text[sep.byte_range()] == *","
                    && bind(&mut attempt, name, text, taken)
                    && self.list(after, ts, &mut attempt)
                {
                    *b = attempt;
                    return true;
                }
            }
            return false;
        }
        if let Some((&t, trest)) = ts.split_first() {
            let mut attempt = b.clone();
            if self.node(p, t, &mut attempt) && self.list(rest, trest, &mut attempt) {
                *b = attempt;
                return true;
            }
        }
        // `f($A, $$$REST)` matches `f(a)`: a separator next to a `$$$` that takes nothing goes
        // with it.
        let separator = !p.is_named() && pattern_text[p.byte_range()] == *",";
        if let (true, Some((&many, after))) = (separator, rest.split_first())
            && let Some(Meta::Many(name)) = meta(many, pattern_text)
        {
            let at = ts.first().map_or(0, |t| t.start_byte());
            let mut attempt = b.clone();
            if bind(&mut attempt, name, text, at..at) && self.list(after, ts, &mut attempt) {
                *b = attempt;
                return true;
            }
        }
        false
    }
}

/// The children that carry meaning: no comments.
fn children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .filter(|c| !c.is_extra())
        .collect()
}

/// The metavariable `node` spells, if any: a node whose whole text is one, so that a
/// `$$$X` statement or a `$X` parameter counts, not only the identifier inside.
fn meta<'p>(node: Node<'_>, text: &'p str) -> Option<Meta<'p>> {
    let word = text[node.byte_range()]
        .trim_end_matches(';')
        .trim_end()
        .trim_end_matches("!()");
    let is_name = |rest: &str| {
        rest.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    };
    if let Some(name) = word.strip_prefix(MANY).filter(|r| is_name(r)) {
        return Some(Meta::Many(name));
    }
    word.strip_prefix(ONE).filter(|r| is_name(r)).map(Meta::One)
}

/// Binds `name` to `value`; a name seen before must stand for the same code.
fn bind(b: &mut Bindings, name: &str, text: &str, value: Range<usize>) -> bool {
    if name.is_empty() || name == "_" {
        return true;
    }
    match b.get(name) {
        Some(seen) => same_code(&text[seen.clone()], &text[value]),
        None => {
            b.insert(name.to_string(), value);
            true
        }
    }
}

fn same_code(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The metavariable names of a pattern source, for validating `{{name}}` and `where`.
pub(crate) fn metavariables(source: &str) -> Vec<String> {
    let re = Regex::new(r"\$(?:\$\$)?([A-Z][A-Z0-9_]*)").expect("valid regex");
    let mut names: Vec<String> = re.captures_iter(source).map(|c| c[1].to_string()).collect();
    names.dedup();
    names
}

#[cfg(test)]
mod tests;
