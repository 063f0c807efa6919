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
                        *ids.entry(lit.as_str()).or_insert_with(|| {
                            patterns.push(lit.as_str());
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
    fn no_literals_means_no_automaton() {
        let p = Prefilter::new([&[][..]]);
        assert!(p.passes(0, &p.scan("anything")));
    }
}
