//! The query pass: every query rule of a grammar in one cursor; when that cursor runs out of
//! steps, each rule again alone, so that only the slow rule gives up on the file.

use structlint_lang::Grammar;
use structlint_lang::tree_sitter::{Query, Tree};

use super::{Finding, GrammarQueries, RuleSet};
use crate::budget::Budget;
use crate::compile::{CompiledRule, Matcher};
use crate::query::{self, Custom, each_match};

/// The queries of some rules, compiled as one.
pub(super) struct Combined {
    query: Query,
    /// The rule of each pattern of the query.
    owner: Vec<usize>,
    customs: Vec<Vec<Custom>>,
    report: Option<u32>,
}

impl Combined {
    /// The queries of `members`, rules with a query, for `grammar`; `None` without any.
    pub fn of(rules: &[CompiledRule], members: &[usize], grammar: Grammar) -> Option<Combined> {
        let mut source = String::new();
        let mut owner = Vec::new();
        for &i in members {
            if let Matcher::Query {
                source: q,
                patterns,
            } = &rules[i].matcher
            {
                owner.extend(std::iter::repeat_n(i, *patterns));
                source.push_str(q);
                source.push('\n');
            }
        }
        if owner.is_empty() {
            return None;
        }
        // Each part compiled alone when its rule was loaded, so the whole compiles.
        let query = Query::new(&grammar.language(), &source).ok()?;
        let customs = (0..query.pattern_count())
            .map(|p| query::customs(&query, p, grammar).unwrap_or_default())
            .collect();
        let report = query.capture_index_for_name("match");
        Some(Combined {
            query,
            owner,
            customs,
            report,
        })
    }

    /// Adds the matches of the wanted rules to `found`. The cursor spends `cursor_budget`; the
    /// captures and predicates of a rule spend the rule's own budget. `false` when the cursor
    /// dropped matches to stay within its limit of matches in progress.
    fn collect(
        &self,
        tree: &Tree,
        text: &str,
        wanted: &dyn Fn(usize) -> bool,
        cursor_budget: &Budget,
        budgets: &[Budget],
        found: &mut [Vec<Finding>],
    ) -> bool {
        let names = self.query.capture_names();
        each_match(&self.query, tree.root_node(), text, cursor_budget, |m| {
            let rule = self.owner[m.pattern_index];
            let budget = &budgets[rule];
            if !wanted(rule)
                || !budget.spend(m.captures().len() as u64)
                || !query::holds(&self.customs[m.pattern_index], m, text, budget)
            {
                return;
            }
            let Some(reported) = m
                .captures()
                .iter()
                .find(|cap| Some(cap.index) == self.report)
                .or(m.captures().first())
            else {
                return;
            };
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
        })
    }
}

impl RuleSet {
    pub(super) fn run_queries(
        &self,
        queries: &GrammarQueries,
        tree: &Tree,
        text: &str,
        wanted: &dyn Fn(usize) -> bool,
        budgets: &[Budget],
        found: &mut [Vec<Finding>],
    ) {
        let members = queries.alone.iter().filter(|(i, _)| wanted(*i)).count();
        if members == 0 {
            return;
        }
        // A cursor's work grows with the patterns it carries: each rule brings its own steps.
        let shared = Budget::for_cursor(text.len(), members);
        let complete = queries
            .combined
            .collect(tree, text, wanted, &shared, budgets, found);
        if complete && !shared.spent() {
            return;
        }
        if let [(only, _)] = queries.alone.as_slice() {
            // The cursor carried that one rule: running it alone would change nothing.
            found[*only].clear();
            budgets[*only].give_up();
            return;
        }
        // Which rule made the cursor slow, or hold too many matches, is not known (the cursor
        // carries the patterns of rules that do not apply to this file too): each rule that
        // applies runs again alone, on its own budget.
        for (i, alone) in &queries.alone {
            if !wanted(*i) || budgets[*i].spent() {
                continue;
            }
            found[*i].clear();
            let only = |rule: usize| rule == *i;
            let query = alone.get_or_init(|| Combined::of(&self.rules, &[*i], queries.grammar));
            let cursor = Budget::for_cursor(text.len(), 1);
            if let Some(query) = query
                && (!query.collect(tree, text, &only, &cursor, budgets, found) || cursor.spent())
            {
                budgets[*i].give_up();
            }
        }
    }
}
