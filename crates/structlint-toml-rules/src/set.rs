//! Every TOML rule of a run, compiled together: one tree-sitter query per grammar holding every
//! rule's patterns, an index from node kind to code patterns, and the regexes. A file is
//! matched against all of them in one query pass and one walk, however many rules there are.

use std::collections::HashMap;
use std::ops::Range;

use structlint_core::Language;
use structlint_lang::Grammar;
use structlint_lang::tree_sitter::{Node, Query, QueryCursor, StreamingIterator, Tree};

use crate::compile::{CompiledRule, Matcher};
use crate::pattern::Bindings;
use crate::query::{self, Custom, has_descendant};

/// One finding of one rule: the reported range and the named captures.
#[derive(Debug, Clone)]
pub struct Finding {
    pub range: Range<usize>,
    pub captures: Vec<(String, Range<usize>)>,
    /// Named values that are not code of the file (a source test's paths).
    pub values: Vec<(String, String)>,
}

struct Combined {
    query: Query,
    /// The rule of each pattern of the query.
    owner: Vec<usize>,
    customs: Vec<Vec<Custom>>,
    report: Option<u32>,
}

pub struct RuleSet {
    pub rules: Vec<CompiledRule>,
    queries: HashMap<Grammar, Combined>,
    /// Per grammar: pattern rules by the kind of node they start at (`None`: any node).
    patterns: HashMap<Grammar, HashMap<Option<u16>, Vec<usize>>>,
}

impl RuleSet {
    pub fn new(rules: Vec<CompiledRule>) -> RuleSet {
        let mut queries = HashMap::new();
        let mut patterns: HashMap<Grammar, HashMap<Option<u16>, Vec<usize>>> = HashMap::new();
        for grammar in [Grammar::TypeScript, Grammar::Tsx, Grammar::Rust] {
            let mut source = String::new();
            let mut owner = Vec::new();
            for (i, rule) in rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.grammars().contains(&grammar))
            {
                match &rule.matcher {
                    Matcher::Query {
                        source: q,
                        patterns,
                    } => {
                        owner.extend(std::iter::repeat_n(i, *patterns));
                        source.push_str(q);
                        source.push('\n');
                    }
                    Matcher::Pattern { per_grammar, .. } => {
                        let p = &per_grammar
                            .iter()
                            .find(|(g, _)| *g == grammar)
                            .expect("compiled per grammar")
                            .1;
                        patterns
                            .entry(grammar)
                            .or_default()
                            .entry(p.root_kind)
                            .or_default()
                            .push(i);
                    }
                    Matcher::Regex(_) | Matcher::Imports(_) | Matcher::Files(_) => {}
                }
            }
            if owner.is_empty() {
                continue;
            }
            let query = Query::new(&grammar.language(), &source).expect("each part compiled alone");
            let customs = (0..query.pattern_count())
                .map(|p| query::customs(&query, p, grammar).expect("checked at load"))
                .collect();
            let report = query.capture_index_for_name("match");
            queries.insert(
                grammar,
                Combined {
                    query,
                    owner,
                    customs,
                    report,
                },
            );
        }
        RuleSet {
            rules,
            queries,
            patterns,
        }
    }

    /// The findings of every rule in one file, by rule; `only` limits the run to the rules it
    /// accepts (the globs of `files`/`exclude` are the caller's business).
    pub fn run(
        &self,
        language: Language,
        text: &str,
        tree: Option<&Tree>,
        only: &dyn Fn(usize) -> bool,
    ) -> Vec<Vec<Finding>> {
        let mut found: Vec<Vec<Finding>> = vec![Vec::new(); self.rules.len()];
        let wanted = |i: usize| self.rules[i].languages.contains(&language) && only(i);
        let grammar = language.grammar();
        if let (Some(tree), Some(c)) = (tree, self.queries.get(&grammar)) {
            let mut cursor = QueryCursor::new();
            let mut matches = cursor.matches(&c.query, tree.root_node(), text.as_bytes());
            while let Some(m) = matches.next() {
                let rule = c.owner[m.pattern_index];
                if !wanted(rule) || !query::holds(&c.customs[m.pattern_index], m, text) {
                    continue;
                }
                let Some(reported) = m
                    .captures()
                    .iter()
                    .find(|cap| Some(cap.index) == c.report)
                    .or(m.captures().first())
                else {
                    continue;
                };
                let names = c.query.capture_names();
                let captures = m
                    .captures()
                    .iter()
                    .map(|cap| (names[cap.index as usize].to_string(), cap.node.byte_range()))
                    .collect();
                found[rule].push(Finding {
                    range: reported.node.byte_range(),
                    captures,
                    values: Vec::new(),
                });
            }
        }
        if let (Some(tree), Some(by_kind)) = (tree, self.patterns.get(&grammar)) {
            self.walk_patterns(
                tree.root_node(),
                text,
                grammar,
                by_kind,
                &wanted,
                &mut found,
            );
        }
        for (i, rule) in self.rules.iter().enumerate() {
            if let Matcher::Regex(re) = &rule.matcher
                && wanted(i)
            {
                found[i] = regex_findings(re, text);
            }
        }
        for list in &mut found {
            list.sort_by_key(|f| (f.range.start, f.range.end));
            list.dedup_by_key(|f| f.range.clone());
        }
        found
    }

    fn walk_patterns(
        &self,
        root: Node<'_>,
        text: &str,
        grammar: Grammar,
        by_kind: &HashMap<Option<u16>, Vec<usize>>,
        wanted: &dyn Fn(usize) -> bool,
        found: &mut [Vec<Finding>],
    ) {
        let any = by_kind.get(&None).map_or(&[][..], Vec::as_slice);
        let mut cursor = root.walk();
        'walk: loop {
            let node = cursor.node();
            let exact = by_kind
                .get(&Some(node.kind_id()))
                .map_or(&[][..], Vec::as_slice);
            for &i in exact.iter().chain(any) {
                if wanted(i)
                    && let Some(f) = self.pattern_finding(i, node, text, grammar)
                {
                    found[i].push(f);
                }
            }
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
    }

    fn pattern_finding(
        &self,
        i: usize,
        node: Node<'_>,
        text: &str,
        grammar: Grammar,
    ) -> Option<Finding> {
        let Matcher::Pattern {
            per_grammar,
            conditions,
            constraints,
        } = &self.rules[i].matcher
        else {
            return None;
        };
        let pattern = &per_grammar.iter().find(|(g, _)| *g == grammar)?.1;
        if pattern.root_kind.is_none() && !node.is_named() {
            return None;
        }
        let mut bindings = Bindings::new();
        if !pattern.matches(node, text, &mut bindings) {
            return None;
        }
        for (name, c) in constraints {
            let Some(range) = bindings.get(name.as_str()) else {
                continue;
            };
            let value = &text[range.clone()];
            let ok = c.regex.as_ref().is_none_or(|r| r.is_match(value))
                && c.not_regex.as_ref().is_none_or(|r| !r.is_match(value))
                && c.kind.as_ref().is_none_or(|k| {
                    node.descendant_for_byte_range(range.start, range.end)
                        .is_some_and(|n| n.kind() == k)
                });
            if !ok {
                return None;
            }
        }
        for condition in conditions {
            let test = &condition.per_grammar.iter().find(|(g, _)| *g == grammar)?.1;
            let holds = if condition.has {
                has_descendant(node, test, text)
            } else {
                std::iter::successors(node.parent(), |p| p.parent()).any(|a| test.accepts(a, text))
            };
            if holds == condition.negate {
                return None;
            }
        }
        let mut captures: Vec<(String, Range<usize>)> = bindings.into_iter().collect();
        captures.push(("match".to_string(), node.byte_range()));
        Some(Finding {
            range: node.byte_range(),
            captures,
            values: Vec::new(),
        })
    }
}

fn regex_findings(re: &regex::Regex, text: &str) -> Vec<Finding> {
    let names: Vec<&str> = re.capture_names().flatten().collect();
    let mut found = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        for caps in re.captures_iter(content) {
            let whole = caps.get(0).expect("group 0 always matches");
            let mut captures: Vec<(String, Range<usize>)> = names
                .iter()
                .filter_map(|n| {
                    caps.name(n)
                        .map(|m| (n.to_string(), start + m.start()..start + m.end()))
                })
                .collect();
            captures.push((
                "match".to_string(),
                start + whole.start()..start + whole.end(),
            ));
            found.push(Finding {
                range: start + whole.start()..start + whole.end(),
                captures,
                values: Vec::new(),
            });
        }
        start += line.len();
    }
    found
}
