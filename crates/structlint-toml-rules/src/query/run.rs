//! Running a compiled query on a file within a budget.

use structlint_lang::Grammar;
use structlint_lang::tree_sitter::{
    Node, Query, QueryCursor, QueryCursorOptions, QueryCursorState, QueryMatch, StreamingIterator,
    Tree,
};

use super::{Custom, Problem, compile, customs, holds};
use crate::budget::{Budget, TIME, steps_for};

/// About how much work tree-sitter's query cursor does between two calls of its progress
/// callback (`WORK_PER_QUERY_CALLBACK_CHECK` in its query.c): each call is that many steps.
const WORK_PER_CALLBACK: u64 = 1000;

/// The most matches in progress a cursor keeps: tree-sitter compares those of a pattern with
/// each other at every node, so their number bounds the work between two progress reports; a
/// pattern that nests this deep in real code is rare.
const MATCHES_IN_PROGRESS: u32 = 64;

/// Calls `each` with every match of `query` under `root`, until `budget` is spent: the cursor
/// stops where it is, and `budget.spent()` tells the caller the matches are incomplete. `false`
/// when the cursor dropped matches in progress to stay within its limit.
pub(crate) fn each_match<'t>(
    query: &Query,
    root: Node<'t>,
    text: &str,
    budget: &Budget,
    mut each: impl FnMut(&QueryMatch<'_, 't>),
) -> bool {
    use std::ops::ControlFlow;
    let mut progress = |_: &QueryCursorState| {
        if budget.spend(WORK_PER_CALLBACK) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    };
    let options = QueryCursorOptions::new().progress_callback(&mut progress);
    let mut cursor = QueryCursor::new();
    cursor.set_match_limit(MATCHES_IN_PROGRESS);
    let mut matches = cursor.matches_with_options(query, root, text.as_bytes(), options);
    while let Some(m) = matches.next() {
        each(m);
    }
    drop(matches);
    !cursor.did_exceed_match_limit()
}

/// Every match of `source` in a file, with structlint's predicates applied: for
/// `structlint query`. Each match is its captures, by name.
pub fn run_query<'t>(
    source: &str,
    grammar: Grammar,
    tree: &'t Tree,
    text: &str,
) -> Result<Vec<Vec<(String, Node<'t>)>>, Problem> {
    let query = compile(source, grammar)?;
    let customs: Vec<Vec<Custom>> = (0..query.pattern_count())
        .map(|p| customs(&query, p, grammar).unwrap_or_default())
        .collect();
    let budget = Budget::for_cursor(text.len(), 1);
    let mut found = Vec::new();
    let complete = each_match(&query, tree.root_node(), text, &budget, |m| {
        if budget.spend(m.captures().len() as u64)
            && holds(&customs[m.pattern_index], m, text, &budget)
        {
            found.push(
                m.captures()
                    .iter()
                    .map(|c| (query.capture_names()[c.index as usize].to_string(), c.node))
                    .collect(),
            );
        }
    });
    if budget.spent() || !complete {
        return Err(Problem {
            offset: 0,
            message: format!(
                "the query gave up on this file: matching it took more than {} steps or {} s, or kept more than {MATCHES_IN_PROGRESS} matches in progress",
                steps_for(text.len()),
                TIME.as_secs()
            ),
            help: Some("a rule with this query would skip the file with a note; make the query cheaper: fewer `*` next to each other, fewer `#has?`/`#not-has?` on nodes that nest deeply".into()),
        });
    }
    Ok(found)
}
