//! `[[overrides]]` in a run: each finding at the level of the file it is in, and per-file rules
//! with the options of the overrides that match the file they check.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::Engine;
use super::file_phase::stamp_at;
use crate::rule::FileRule;
use crate::{Diagnostic, RuleRun, Severity};

/// Per-file rules built with the options of a set of overrides, by file rule slot and the
/// indices of those overrides: a set is built once per engine, when a file first needs it.
pub(crate) type Variants = Mutex<HashMap<(usize, Vec<usize>), Arc<dyn FileRule>>>;

impl Engine {
    /// The severity of `run`'s findings in a file that `matching` overrides match; `None`
    /// when the rule is off there.
    pub(super) fn severity_at(&self, matching: &[usize], run: &RuleRun) -> Option<Severity> {
        self.overrides
            .severity(matching, &run.meta.id, run.severity)
    }

    /// File rule `slot` as it checks a file that `matching` overrides match: `None` when the
    /// file takes its `[rules]` options, which the slot's rule has.
    pub(super) fn variant(
        &self,
        slot: usize,
        matching: &[usize],
    ) -> Result<Option<Arc<dyn FileRule>>, String> {
        let id = &self.file_rules[slot].run.meta.id;
        let from = self.overrides.options_from(matching, id);
        if from.is_empty() {
            return Ok(None);
        }
        let key = (slot, from);
        // Built outside the lock: two threads may build the same set once each, and neither
        // waits on the other's build.
        if let Some(rule) = self.variants.lock().ok().and_then(|v| v.get(&key).cloned()) {
            return Ok(Some(rule));
        }
        let rule: Arc<dyn FileRule> = Arc::from(self.overrides.build(id, &key.1)?);
        if let Ok(mut variants) = self.variants.lock() {
            variants.entry(key).or_insert_with(|| Arc::clone(&rule));
        }
        Ok(Some(rule))
    }

    /// Gives `found`, the findings of `run` stamped at its `[rules]` severity, the severity of
    /// the file each is in, and drops those in files where the rule is off.
    pub(super) fn at_file_levels(&self, found: &mut Vec<Diagnostic>, run: &RuleRun) {
        if self.overrides.is_empty() {
            return;
        }
        let mut levels: HashMap<String, Option<Severity>> = HashMap::new();
        found.retain_mut(|d| {
            let severity = *levels
                .entry(d.span.path.to_string())
                .or_insert_with_key(|path| self.severity_at(&self.overrides.matching(path), run));
            match severity {
                Some(severity) => {
                    stamp_at(std::slice::from_mut(d), run, severity);
                    true
                }
                None => false,
            }
        });
    }

    /// Whether `run` checks the file at `path`: a rule an override turns off there does not,
    /// so a suppression of it there is not reported as suppressing nothing.
    pub(super) fn runs_at(&self, path: &str, run: &RuleRun) -> bool {
        self.overrides.is_empty()
            || self
                .severity_at(&self.overrides.matching(path), run)
                .is_some()
    }
}
