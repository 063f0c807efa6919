//! Every TOML rule of a run, compiled together: one tree-sitter query per grammar holding every
//! rule's patterns, an index from node kind to code patterns, and the regexes. A file is
//! matched against all of them in one query pass and one walk, however many rules there are.
//!
//! Each rule has a [`Budget`] of steps per file. A rule that runs out gives up on the file: its
//! findings there are dropped and the caller says so in a note.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use structlint_core::Language;
use structlint_lang::Grammar;
use structlint_lang::tree_sitter::Tree;

use crate::budget::Budget;
use crate::compile::{CompiledRule, Matcher};

mod patterns;
mod queries;

use queries::Combined;

/// One finding of one rule: the reported range and the named captures.
#[derive(Debug, Clone)]
pub struct Finding {
    pub range: Range<usize>,
    pub captures: Vec<(String, Range<usize>)>,
    /// Named values that are not code of the file (a source test's paths).
    pub values: Vec<(String, String)>,
}

/// What the rules found in one file.
pub struct FileRun {
    /// By rule.
    pub found: Vec<Vec<Finding>>,
    /// By rule: whether it ran out of budget on this file, so that it found nothing there.
    pub gave_up: Vec<bool>,
}

/// The query rules of one grammar: all together, and each alone for when the whole is too slow.
struct GrammarQueries {
    grammar: Grammar,
    combined: Combined,
    /// Compiled on first need: most runs never need them.
    alone: Vec<(usize, OnceLock<Option<Combined>>)>,
}

pub struct RuleSet {
    pub rules: Vec<CompiledRule>,
    queries: HashMap<Grammar, GrammarQueries>,
    /// Per grammar: pattern rules by the kind of node they start at (`None`: any node).
    patterns: HashMap<Grammar, HashMap<Option<u16>, Vec<usize>>>,
}

impl RuleSet {
    pub fn new(rules: Vec<CompiledRule>) -> RuleSet {
        let mut queries = HashMap::new();
        let mut patterns: HashMap<Grammar, HashMap<Option<u16>, Vec<usize>>> = HashMap::new();
        for grammar in [Grammar::TypeScript, Grammar::Tsx, Grammar::Rust] {
            let mut query_rules = Vec::new();
            for (i, rule) in rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.grammars().contains(&grammar))
            {
                match &rule.matcher {
                    Matcher::Query { .. } => query_rules.push(i),
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
            if let Some(combined) = Combined::of(&rules, &query_rules, grammar) {
                let alone = query_rules.iter().map(|&i| (i, OnceLock::new())).collect();
                queries.insert(
                    grammar,
                    GrammarQueries {
                        grammar,
                        combined,
                        alone,
                    },
                );
            }
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
    ) -> FileRun {
        let mut found: Vec<Vec<Finding>> = vec![Vec::new(); self.rules.len()];
        let budgets: Vec<Budget> = (0..self.rules.len())
            .map(|_| Budget::for_file(text.len()))
            .collect();
        let wanted = |i: usize| self.rules[i].languages.contains(&language) && only(i);
        let grammar = language.grammar();
        if let (Some(tree), Some(q)) = (tree, self.queries.get(&grammar)) {
            self.run_queries(q, tree, text, &wanted, &budgets, &mut found);
        }
        if let Some(tree) = tree {
            self.walk_patterns(tree, text, grammar, &wanted, &budgets, &mut found);
        }
        for (i, rule) in self.rules.iter().enumerate() {
            if let Matcher::Regex(re) = &rule.matcher
                && wanted(i)
            {
                found[i] = regex_findings(re, text);
            }
        }
        let gave_up: Vec<bool> = budgets.iter().map(Budget::spent).collect();
        for (list, &gave_up) in found.iter_mut().zip(&gave_up) {
            if gave_up {
                list.clear();
            }
            list.sort_by_key(|f| (f.range.start, f.range.end));
            list.dedup_by_key(|f| f.range.clone());
        }
        FileRun { found, gave_up }
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
