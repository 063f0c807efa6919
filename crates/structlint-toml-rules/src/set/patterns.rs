//! The pattern pass: one walk over the tree, trying at each node the code patterns that can
//! start there.

use std::ops::Range;
use structlint_lang::NodeNames;

use structlint_lang::Grammar;
use structlint_lang::tree_sitter::{Node, Tree};

use super::{Finding, RuleSet};
use crate::budget::Budget;
use crate::compile::Matcher;
use crate::pattern::Bindings;
use crate::query::{has_ancestor, has_descendant};

impl RuleSet {
    pub(super) fn walk_patterns(
        &self,
        tree: &Tree,
        text: &str,
        grammar: Grammar,
        wanted: &dyn Fn(usize) -> bool,
        budgets: &[Budget],
        found: &mut [Vec<Finding>],
    ) {
        let Some(by_kind) = self.patterns.get(&grammar) else {
            return;
        };
        let any = by_kind.get(&None).map_or(&[][..], Vec::as_slice);
        let mut cursor = tree.walk();
        'walk: loop {
            let node = cursor.node();
            let exact = by_kind
                .get(&Some(node.kind_id()))
                .map_or(&[][..], Vec::as_slice);
            for &i in exact.iter().chain(any) {
                if wanted(i)
                    && !budgets[i].spent()
                    && let Some(f) = self.pattern_finding(i, node, text, grammar, &budgets[i])
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
        budget: &Budget,
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
        if !pattern.matches(node, text, &mut bindings, budget) {
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
                        .is_some_and(|n| n.kind_name() == k)
                });
            if !ok {
                return None;
            }
        }
        for condition in conditions {
            let test = &condition.per_grammar.iter().find(|(g, _)| *g == grammar)?.1;
            let holds = if condition.has {
                has_descendant(node, test, text, budget)
            } else {
                has_ancestor(node, test, text, budget)
            };
            // A spent budget is no answer: `not-has` must not hold for want of steps.
            if holds == condition.negate || budget.spent() {
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
