//! The file phase: one file, one shared parse, every per-file rule, the workspace facts.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use structlint_lang::{Language, ParseError, SyntaxErrors, release_rust_spans};

use super::timing::{StepTimes, timed};
use super::{Engine, Scope, Slot};
use crate::suppress::{Directive, parse_directives};
use crate::{Diagnostic, FileContext, FileFacts, Note, NoteKind, RuleRun, Severity, SourceFile};

/// What one file contributes to the report.
#[derive(Default)]
pub(crate) struct FileOutcome {
    pub path: String,
    /// Reported on (under the inputs), or read only for the facts of workspace rules.
    pub lint: bool,
    pub language: Option<Language>,
    pub diagnostics: Vec<Diagnostic>,
    /// One entry per workspace rule.
    pub facts: PerConsumer,
    /// One entry per provider.
    pub provided: PerConsumer,
    pub directives: Vec<Directive>,
    pub notes: Vec<Note>,
    pub parsed: bool,
    pub bytes: u64,
    pub internal_error: Option<String>,
}

/// What the file phase hands the workspace phase: each file's outcome, and the time its
/// steps took.
pub(crate) struct FilePhase {
    pub outcomes: Vec<FileOutcome>,
    pub times: StepTimes,
}

/// Facts as a file hands them on: one entry per workspace rule, or per provider.
pub(crate) type PerConsumer = Vec<Option<Box<dyn Any + Send>>>;

/// The facts the files gave each consumer (rule or provider), taken out of `slot` of every
/// outcome: one list per consumer, in path order (a partial run sees what a full run sees),
/// each made to size, since it holds every file's facts through the workspace phase.
pub(crate) fn facts_by_consumer(
    outcomes: &mut [FileOutcome],
    consumers: usize,
    slot: fn(&mut FileOutcome) -> &mut PerConsumer,
) -> Vec<Vec<FileFacts<Box<dyn Any + Send>>>> {
    let mut counts = vec![0; consumers];
    for outcome in outcomes.iter_mut() {
        for (count, facts) in counts.iter_mut().zip(slot(outcome).iter()) {
            *count += usize::from(facts.is_some());
        }
    }
    let mut lists: Vec<Vec<_>> = counts.into_iter().map(Vec::with_capacity).collect();
    for outcome in outcomes.iter_mut() {
        let given = std::mem::take(slot(outcome));
        let path = &outcome.path;
        for (facts, list) in given.into_iter().zip(&mut lists) {
            if let Some(facts) = facts {
                list.push(FileFacts {
                    path: path.clone(),
                    facts,
                });
            }
        }
    }
    for list in &mut lists {
        list.sort_by(|a, b| a.path.cmp(&b.path));
    }
    lists
}

impl FileOutcome {
    pub fn skipped(note: Note) -> FileOutcome {
        FileOutcome {
            path: note.path.clone(),
            lint: true,
            notes: vec![note],
            ..FileOutcome::default()
        }
    }
}

impl Engine {
    /// Checks one file; a panicking rule becomes an internal error instead of ending the run.
    /// Its time is added to `times`.
    pub(crate) fn process_file(
        &self,
        file: &SourceFile,
        lint: bool,
        scope: Scope,
        times: &StepTimes,
    ) -> FileOutcome {
        catch_unwind(AssertUnwindSafe(|| self.process_file_unguarded(file, lint, scope, times))).unwrap_or_else(|payload| {
            release_rust_spans();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            FileOutcome {
                path: file.path.clone(),
                lint,
                language: Some(file.language),
                internal_error: Some(format!(
                    "a rule crashed while checking {}: {message} (this is a bug in structlint; please report it with the file)",
                    file.path
                )),
                ..FileOutcome::default()
            }
        })
    }

    /// Runs the file rules and parses suppressions only for files that are reported on; the
    /// facts of workspace rules are collected from every file.
    fn process_file_unguarded(
        &self,
        file: &SourceFile,
        lint: bool,
        scope: Scope,
        step_times: &StepTimes,
    ) -> FileOutcome {
        let cx = FileContext::new(file).with_test(self.files.is_test(&file.path));
        let found = self.prefilter.scan(&file.text);
        let mut diagnostics = Vec::new();
        let file_rules = if lint && scope.file_rules() {
            &self.file_rules[..]
        } else {
            &[]
        };
        let matching = self.overrides.matching(&file.path);
        let mut internal_error = None;
        let mut times = vec![std::time::Duration::ZERO; self.step_count()];
        for (i, slot) in file_rules.iter().enumerate() {
            let applies =
                slot.languages.contains(&file.language) && self.prefilter.passes(i, &found);
            let Some(severity) = applies
                .then(|| self.severity_at(&matching, &slot.run))
                .flatten()
            else {
                continue;
            };
            let start = diagnostics.len();
            timed(&cx, &mut times[i], || match self.variant(i, &matching) {
                Ok(Some(rule)) => rule.check(&cx, &mut diagnostics),
                Ok(None) => slot.rule.check(&cx, &mut diagnostics),
                Err(error) => internal_error = Some(error),
            });
            stamp_at(&mut diagnostics[start..], &slot.run, severity);
        }
        let offset = self.file_rules.len();
        // As an editor types: the workspace rules that can check one file do.
        if lint && scope == Scope::FileRules {
            for (i, slot) in self.workspace_rules.iter().enumerate() {
                let applies = slot.languages.contains(&file.language)
                    && self.prefilter.passes(offset + i, &found)
                    && slot.rule.runs_per_file();
                if let Some(severity) = applies
                    .then(|| self.severity_at(&matching, &slot.run))
                    .flatten()
                {
                    let start = diagnostics.len();
                    timed(&cx, &mut times[offset + i], || {
                        slot.rule.check_file(&cx, &mut diagnostics)
                    });
                    stamp_at(&mut diagnostics[start..], &slot.run, severity);
                }
            }
        }
        let workspace_rules = if scope.workspace_rules() {
            &self.workspace_rules[..]
        } else {
            &[]
        };
        let facts = workspace_rules
            .iter()
            .enumerate()
            .map(|(i, slot)| {
                let applies = slot.languages.contains(&file.language)
                    && self.prefilter.passes(offset + i, &found);
                if applies {
                    timed(&cx, &mut times[offset + i], || slot.rule.collect_any(&cx))
                } else {
                    None
                }
            })
            .collect();
        // Every file of a provider's languages, whatever the rules' literals: an artifact does
        // not depend on which rule asked for it.
        let providers = if scope.workspace_rules() {
            &self.providers[..]
        } else {
            &[]
        };
        let provided = providers
            .iter()
            .enumerate()
            .map(|(i, p)| {
                p.languages()
                    .contains(&file.language)
                    .then(|| {
                        timed(&cx, &mut times[self.provider_step(i)], || {
                            p.collect_any(&cx)
                        })
                    })
                    .flatten()
            })
            .collect();
        let directives = if lint {
            timed(&cx, &mut times[self.suppressions_step()], || {
                parse_directives(&cx)
            })
        } else {
            Vec::new()
        };
        let mut notes = cx.take_notes();
        if let Some(tree) = cx.parsed_tree() {
            let errors = SyntaxErrors::of(tree);
            if let Some(first) = errors.first {
                let at = file.position(first);
                notes.push(Note {
                    path: file.path.clone(),
                    kind: NoteKind::SyntaxErrors,
                    message: format!(
                        "{} syntax error{} (first at {}:{}); checked best-effort",
                        errors.count,
                        if errors.count == 1 { "" } else { "s" },
                        at.line,
                        at.column
                    ),
                });
            }
        }
        if let Some(outcome) = cx.syn_outcome() {
            if let Err(error) = outcome {
                notes.push(Note {
                    path: file.path.clone(),
                    kind: NoteKind::SynRejected,
                    message: format!(
                        "syn could not parse this file ({error}); Rust rules used tree-sitter"
                    ),
                });
            }
            release_rust_spans();
        }
        if let Some(took) = cx.parse_gave_up() {
            notes.push(Note {
                path: file.path.clone(),
                kind: NoteKind::Skipped,
                message: format!(
                    "{}; rules that read the syntax tree skipped this file",
                    ParseError::TooSlow(took)
                ),
            });
        }
        step_times.add(&times, cx.parse_time());
        let internal_error = cx
            .grammar_error()
            .map(|e| format!("{}: {e}", file.path))
            .or(internal_error);
        FileOutcome {
            path: file.path.clone(),
            lint,
            language: Some(file.language),
            diagnostics,
            facts,
            provided,
            directives,
            notes,
            parsed: cx.parsed_tree().is_some(),
            bytes: file.text.len() as u64,
            internal_error,
        }
    }
}

/// Gives findings the id, severity and docs of the rule that reported them. A rule may set
/// its own sub-id (`layers/forbidden-edge`); it is kept.
pub(crate) fn stamp<R>(diagnostics: &mut [Diagnostic], slot: &Slot<R>) {
    stamp_at(diagnostics, &slot.run, slot.run.severity);
}

/// [`stamp`] at `severity`: the rule's level in the file the findings are in.
pub(crate) fn stamp_at(diagnostics: &mut [Diagnostic], run: &RuleRun, severity: Severity) {
    for d in diagnostics {
        d.clip_texts();
        // Kept until the report is written: a list pushed to once holds room for four.
        d.fix.shrink_to_fit();
        d.related.shrink_to_fit();
        if d.rule.is_empty() {
            d.rule = run.meta.id.clone();
        }
        if d.docs.is_empty() {
            d.docs = run.meta.docs.clone();
        }
        // Severity orders Error before Warning, so the larger is the milder.
        d.severity = d.cap.map_or(severity, |cap| cap.max(severity));
    }
}
