//! How much matching one rule may do on one file. A query, a code pattern or a predicate can
//! take exponential or quadratic time on the right input (`$$$` backtracking, `(_)* . (_)*`
//! over thousands of siblings, `not-has` at every level of deep nesting); a rule that runs out
//! gives up on that file with a note, and the run goes on.
//!
//! The budget counts steps, so that a run reports the same findings on a busy machine and on
//! any number of threads. A clock backs up the budget of a query cursor: tree-sitter reports
//! its progress only now and then, and some of its work (comparing the captures of the matches
//! in progress with each other) grows faster than what it reports; only a query that is slow
//! anyway meets the clock.

use std::cell::Cell;
use std::time::{Duration, Instant};

/// Steps any rule may take on any file: a small file never runs out doing ordinary work.
const BASE: u64 = 1_000_000;
/// Steps per byte of the file: ordinary rules take a few per node, and a node is a few bytes,
/// so a large file has room for ordinary work and a pathological one stops within seconds.
const PER_BYTE: u64 = 64;
/// Time a query cursor may take on any file: ordinary queries take milliseconds on the largest.
pub(crate) const TIME: Duration = Duration::from_secs(2);
/// Steps between two looks at the clock: a look costs about as much as a few steps.
const CLOCK_EVERY: u64 = 1000;

/// The steps left to one rule on one file.
pub struct Budget {
    left: Cell<u64>,
    over: Cell<bool>,
    deadline: Option<Instant>,
    since_clock: Cell<u64>,
}

impl Budget {
    /// The budget of one rule on a file of `len` bytes: a pattern's or a predicate's steps
    /// each take a bounded time, so steps alone bound it.
    pub fn for_file(len: usize) -> Budget {
        Budget::new(steps_for(len))
    }

    /// The budget of a query cursor carrying the queries of `rules` rules on a file of `len`
    /// bytes, with the clock that starts now.
    pub fn for_cursor(len: usize, rules: usize) -> Budget {
        Budget {
            deadline: Instant::now().checked_add(TIME),
            ..Budget::new(steps_for(len).saturating_mul(rules as u64))
        }
    }

    /// A budget of `steps` and no clock.
    pub fn new(steps: u64) -> Budget {
        Budget {
            left: Cell::new(steps),
            over: Cell::new(false),
            deadline: None,
            since_clock: Cell::new(0),
        }
    }

    /// Takes `steps`; `false` once the budget is spent, and from then on.
    pub fn spend(&self, steps: u64) -> bool {
        if self.over.get() {
            return false;
        }
        let Some(left) = self.left.get().checked_sub(steps) else {
            self.give_up();
            return false;
        };
        self.left.set(left);
        let since = self.since_clock.get() + steps;
        self.since_clock.set(since);
        if since >= CLOCK_EVERY {
            self.since_clock.set(0);
            if self.deadline.is_some_and(|d| Instant::now() >= d) {
                self.give_up();
                return false;
            }
        }
        true
    }

    /// Spends the budget: the work could not be finished however many steps were left (the
    /// query cursor dropped matches to stay within its limit).
    pub fn give_up(&self) {
        self.over.set(true);
    }

    /// Whether the rule ran out: what it found on the file is incomplete.
    pub fn spent(&self) -> bool {
        self.over.get()
    }
}

/// The steps of one rule on a file of `len` bytes.
pub(crate) fn steps_for(len: usize) -> u64 {
    BASE.saturating_add(PER_BYTE.saturating_mul(len as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_ends_a_budget_of_steps_too() {
        let budget = Budget {
            deadline: Some(Instant::now()),
            ..Budget::new(u64::MAX)
        };
        assert!(!budget.spend(CLOCK_EVERY));
        assert!(budget.spent());
    }

    #[test]
    fn a_spent_budget_stays_spent() {
        let budget = Budget::new(3);
        assert!(budget.spend(2) && !budget.spent());
        assert!(!budget.spend(2) && budget.spent());
        assert!(!budget.spend(0), "a rule that ran out does not start again");
    }
}
