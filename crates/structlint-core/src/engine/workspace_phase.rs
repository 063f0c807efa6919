//! The workspace phase and the report: workspace rules over every file's facts, suppressions
//! applied and checked, findings sorted so output never depends on thread count.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use structlint_lang::Language;

use super::cache::Cache;
use super::file_phase::{FileOutcome, FilePhase, facts_by_consumer, stamp};
use super::{Engine, Scope, Slot, paths};
use crate::suppress::{self, FileDirectives};
use crate::{Diagnostic, Report, RuleRun, WorkspaceContext};

impl Engine {
    /// The workspace phase, suppressions, and the sorted report. With `cache`, the
    /// workspace phase is replayed from it when nothing it depends on changed and `replay`
    /// allows (a caller that keeps the context needs the artifacts built).
    pub(super) fn finish(
        &self,
        cx: &mut WorkspaceContext,
        files: FilePhase,
        mut notes: Vec<crate::Note>,
        inputs: &[String],
        scope: Scope,
        cache: Option<(&Cache, bool)>,
    ) -> Report {
        let FilePhase {
            mut outcomes,
            times,
        } = files;
        let (mut steps, parse) = times.totals();
        let key = cache.map(|(c, _)| c.workspace_key(&cx.index, inputs));
        let replayed = match (cache, key) {
            (Some((c, true)), Some(key)) if scope.workspace_rules() => {
                c.replay(key, &cx.root, self.workspace_rules.len())
            }
            _ => None,
        };
        let replayed_phase = replayed.is_some();
        let (mut internal_errors, workspace) = match replayed {
            Some(replay) => {
                notes.extend(replay.notes);
                let findings = replay.findings.into_iter();
                (
                    Vec::new(),
                    findings.map(|f| (Ok(f), Duration::ZERO)).collect(),
                )
            }
            None => {
                let (errors, workspace) =
                    self.workspace_phase(cx, &mut outcomes, scope, &mut steps);
                let phase_notes = cx.take_notes();
                if let (Some((c, _)), Some(key)) = (cache, key) {
                    let findings = errors.is_empty().then(|| {
                        workspace
                            .iter()
                            .map(|(found, _)| found.as_deref().ok())
                            .collect::<Option<Vec<_>>>()
                    });
                    c.keep_workspace(key, cx.take_looks(), findings.flatten(), &phase_notes);
                }
                notes.extend(phase_notes);
                (errors, workspace)
            }
        };
        let mut report = Report {
            root: self.root.clone(),
            ..Report::default()
        };
        report.internal_errors.append(&mut internal_errors);
        let mut directives = Vec::new();
        let mut linted = HashSet::new();
        for outcome in outcomes {
            report.internal_errors.extend(outcome.internal_error);
            if !outcome.lint {
                continue;
            }
            match outcome.language {
                Some(_) => {
                    report.stats.files += 1;
                    report.stats.bytes += outcome.bytes;
                    report.stats.parsed += usize::from(outcome.parsed);
                    linted.insert(outcome.path.clone());
                }
                None => report.stats.skipped += 1,
            }
            report.diagnostics.extend(outcome.diagnostics);
            notes.extend(outcome.notes);
            if let (Some(language), false) = (outcome.language, outcome.directives.is_empty()) {
                directives.push(FileDirectives {
                    path: outcome.path,
                    language,
                    directives: outcome.directives,
                });
            }
        }
        let mut lists = vec![std::mem::take(&mut report.diagnostics)];
        let rules = self.file_rules.len();
        for (i, (result, time)) in workspace.into_iter().enumerate() {
            steps[rules + i] += time;
            match result {
                // Findings in sources outside the inputs stay unreported: they were read for
                // facts. Other files (a manifest, a rule file) count when under an input.
                Ok(mut found) => {
                    found.retain(|d| {
                        linted.contains(d.span.path.as_str())
                            || (Language::from_path(std::path::Path::new(d.span.path.as_str()))
                                .is_none()
                                && inputs.iter().any(|i| paths::is_within(&d.span.path, i)))
                    });
                    lists.push(found);
                }
                Err(error) => report.internal_errors.push(error),
            }
        }
        report.diagnostics = concatenated(lists);
        let start = Instant::now();
        self.apply_suppressions(&mut report.diagnostics, &directives, scope);
        steps[self.suppressions_step()] += start.elapsed();
        report.diagnostics.sort_by(Diagnostic::output_order);
        notes.sort_by(|a, b| (&a.path, a.kind, &a.message).cmp(&(&b.path, b.kind, &b.message)));
        report.notes = notes;
        report.rules = self.rule_runs();
        report.timing.parse = parse;
        report.timing.workspace_cached = replayed_phase;
        report.timing.steps = self.step_labels().into_iter().zip(steps).collect();
        report
    }

    /// The providers' artifacts, then each workspace rule over its facts: the providers'
    /// errors, and the findings (or the crash) and time of each rule.
    #[allow(clippy::type_complexity)]
    fn workspace_phase(
        &self,
        cx: &mut WorkspaceContext,
        outcomes: &mut [FileOutcome],
        scope: Scope,
        steps: &mut [Duration],
    ) -> (
        Vec<String>,
        Vec<(Result<Vec<Diagnostic>, String>, Duration)>,
    ) {
        let internal_errors = if scope.workspace_rules() {
            let (errors, built) = self.build_artifacts(cx, outcomes);
            for (total, time) in steps[self.provider_step(0)..].iter_mut().zip(built) {
                *total += time;
            }
            errors
        } else {
            Vec::new()
        };
        let cx: &WorkspaceContext = cx;
        let per_rule = facts_by_consumer(outcomes, self.workspace_rules.len(), |o| &mut o.facts);
        let workspace_rules = if scope.workspace_rules() {
            &self.workspace_rules[..]
        } else {
            &[]
        };
        // One rule after the other, each dropping its facts as it ends: run side by side, a
        // rule writing thousands of findings did so while another held its facts and its
        // working set, 6% of the run's peak memory on 2M lines. The phase is a small part of
        // a run (25-60 ms on real workspaces; 0.8 s of 14 s on 2M generated lines).
        let workspace: Vec<(Result<Vec<Diagnostic>, String>, Duration)> = workspace_rules
            .iter()
            .zip(per_rule)
            .map(|(slot, facts)| {
                let start = Instant::now();
                let mut out = Vec::new();
                let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    slot.rule.check_any(cx, facts, &mut out)
                }));
                let result = checked
                    .map_err(|_| {
                        format!(
                            "rule `{}` crashed in the workspace phase (this is a bug in structlint)",
                            slot.run.meta.id
                        )
                    })
                    .map(|()| {
                        stamp(&mut out, slot);
                        self.at_file_levels(&mut out, &slot.run);
                        out
                    });
                (result, start.elapsed())
            })
            .collect();
        (internal_errors, workspace)
    }

    fn apply_suppressions(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        directives: &[FileDirectives],
        scope: Scope,
    ) {
        let ran = |rule: &str, path: &str, language: Language| {
            let runs = |run: &RuleRun, languages: &[Language]| {
                (run.meta.id == rule || run.meta.id.starts_with(&format!("{rule}/")))
                    && languages.contains(&language)
                    && self.runs_at(path, run)
            };
            (scope.file_rules() && self.file_rules.iter().any(|s| runs(&s.run, &s.languages)))
                || self.workspace_rules.iter().any(|s| {
                    runs(&s.run, &s.languages)
                        && (scope.workspace_rules() || s.rule.runs_per_file())
                })
        };
        let mut found = suppress::apply(diagnostics, directives, &self.known_rules, ran);
        if let Some(run) = &self.suppressions {
            let slot = Slot {
                run: run.clone(),
                languages: Vec::new(),
                rule: (),
            };
            stamp(&mut found, &slot);
            self.at_file_levels(&mut found, run);
            diagnostics.extend(found);
        }
    }

    fn rule_runs(&self) -> Vec<RuleRun> {
        let mut runs: Vec<RuleRun> = self
            .file_rules
            .iter()
            .map(|s| s.run.clone())
            .chain(self.workspace_rules.iter().map(|s| s.run.clone()))
            .chain(self.suppressions.clone())
            .collect();
        runs.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        runs
    }
}

/// The lists as one, grown from the longest: a rule's thousands of findings are not copied
/// into a second list of the same size while the first is still held.
fn concatenated(mut lists: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    let longest = (0..lists.len())
        .max_by_key(|&i| lists[i].len())
        .unwrap_or(0);
    let mut all = lists
        .get_mut(longest)
        .map(std::mem::take)
        .unwrap_or_default();
    all.reserve_exact(lists.iter().map(Vec::len).sum());
    for list in lists {
        all.extend(list);
    }
    all
}
