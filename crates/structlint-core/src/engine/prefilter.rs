//! One aho-corasick pass over a file's bytes decides which rules can match it at all.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;

pub(crate) struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// Per rule slot, the ids of its literals; empty means the rule always runs.
    slots: Vec<Vec<usize>>,
    patterns: usize,
}

impl Prefilter {
    pub fn new<'a>(literals_per_slot: impl IntoIterator<Item = &'a [String]>) -> Prefilter {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut patterns: Vec<&str> = Vec::new();
        let slots = literals_per_slot
            .into_iter()
            .map(|literals| {
                literals
                    .iter()
                    .map(|lit| {
                        let lit = prefix(lit);
                        *ids.entry(lit).or_insert_with(|| {
                            patterns.push(lit);
                            patterns.len() - 1
                        })
                    })
                    .collect()
            })
            .collect();
        let automaton = (!patterns.is_empty())
            .then(|| AhoCorasick::new(&patterns).expect("literal patterns always compile"));
        Prefilter {
            automaton,
            slots,
            patterns: patterns.len(),
        }
    }

    /// Which literals occur in `text`.
    pub fn scan(&self, text: &str) -> Vec<bool> {
        let mut found = vec![false; self.patterns];
        if let Some(automaton) = &self.automaton {
            let mut missing = self.patterns;
            for m in automaton.find_overlapping_iter(text) {
                let seen = &mut found[m.pattern().as_usize()];
                if !*seen {
                    *seen = true;
                    missing -= 1;
                    if missing == 0 {
                        break;
                    }
                }
            }
        }
        found
    }

    /// Whether the rule in `slot` can match a file whose literals are `found`.
    pub fn passes(&self, slot: usize, found: &[bool]) -> bool {
        let ids = &self.slots[slot];
        ids.is_empty() || ids.iter().any(|&id| found[id])
    }
}

/// The longest literal the automaton looks for, in bytes. Building it took time in the square
/// of a literal's length (a configured helper name of 16,000 characters: 5 s); a file that
/// holds a literal holds its start, so looking for the start alone lets through every file the
/// whole literal would.
const MAX_LITERAL: usize = 64;

fn prefix(literal: &str) -> &str {
    let mut end = literal.len().min(MAX_LITERAL);
    while !literal.is_char_boundary(end) {
        end -= 1;
    }
    &literal[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_run_only_where_a_literal_occurs() {
        let lits = [
            vec![],
            vec!["fetch".to_string()],
            vec!["z.object".into(), "interface".into()],
            vec!["fetch".into()],
        ];
        let p = Prefilter::new(lits.iter().map(Vec::as_slice));
        let found = p.scan("await prefetch(url)");
        assert!(p.passes(0, &found));
        assert!(p.passes(1, &found));
        assert!(!p.passes(2, &found));
        assert!(p.passes(3, &found));
        let found = p.scan("export interface A {}");
        assert!(!p.passes(1, &found) && p.passes(2, &found));
    }

    #[test]
    fn a_long_literal_is_looked_for_by_its_start() {
        let long = format!("é{}", "x".repeat(100_000));
        let p = Prefilter::new([&[long.clone()][..], &["y".to_string()][..]]);
        assert!(p.passes(0, &p.scan(&format!("a {long} b"))));
        assert!(!p.passes(0, &p.scan("a éxx b")));
        assert!(p.passes(1, &p.scan("y")) && !p.passes(0, &p.scan("y")));
    }

    #[test]
    fn no_literals_means_no_automaton() {
        let p = Prefilter::new([&[][..]]);
        assert!(p.passes(0, &p.scan("anything")));
    }
}
