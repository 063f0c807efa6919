//! The engine: discovery, the parallel file phase, the workspace phase, suppressions.

mod artifacts;
mod discover;
mod file_phase;
pub(crate) mod paths;
mod pool;
mod prefilter;
pub(crate) mod read;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use structlint_lang::Language;

use crate::AnyProvider;
use crate::config::{ConfigError, FilesConfig};
use crate::rule::{AnyWorkspaceRule, FileFacts, FileRule, RuleImpl};
use crate::suppress::{self, FileDirectives};
use crate::{Config, Diagnostic, Report, RuleRun, SourceFile, WorkspaceContext};
use file_phase::{FileOutcome, stamp};
use prefilter::Prefilter;

pub(crate) struct Slot<R> {
    run: RuleRun,
    languages: Vec<Language>,
    rule: R,
}

/// Runs configured rules over a workspace. Build once, check many times.
pub struct Engine {
    root: PathBuf,
    files: FilesConfig,
    file_rules: Vec<Slot<Box<dyn FileRule>>>,
    workspace_rules: Vec<Slot<Box<dyn AnyWorkspaceRule>>>,
    suppressions: Option<RuleRun>,
    known_rules: Vec<String>,
    /// What the workspace rules read, each provider once.
    providers: Vec<&'static dyn AnyProvider>,
    /// Slots: file rules, then workspace rules.
    prefilter: Prefilter,
}

impl Engine {
    pub fn new(config: Config) -> Engine {
        let mut file_rules = Vec::new();
        let mut workspace_rules = Vec::new();
        let mut suppressions = None;
        for active in config.rules {
            let run = RuleRun {
                meta: active.meta,
                severity: active.severity,
            };
            match active.imp {
                RuleImpl::File(rule) => {
                    let languages = rule.languages().to_vec();
                    file_rules.push(Slot {
                        run,
                        languages,
                        rule,
                    });
                }
                RuleImpl::Workspace(rule) => {
                    let languages = rule.languages().to_vec();
                    workspace_rules.push(Slot {
                        run,
                        languages,
                        rule,
                    });
                }
                RuleImpl::Suppressions => suppressions = Some(run),
            }
        }
        let literals: Vec<Vec<String>> = file_rules
            .iter()
            .map(|s| s.rule.needs().literals)
            .chain(workspace_rules.iter().map(|s| s.rule.needs().literals))
            .collect();
        let prefilter = Prefilter::new(literals.iter().map(Vec::as_slice));
        let providers = crate::provider::distinct(
            workspace_rules
                .iter()
                .flat_map(|s| s.rule.providers())
                .collect::<Vec<_>>(),
        );
        Engine {
            root: config.root,
            files: config.files,
            file_rules,
            workspace_rules,
            suppressions,
            known_rules: config.known_rules,
            providers,
            prefilter,
        }
    }

    /// Builds `provider`'s artifact in every run even when no rule declares it, for tools that
    /// read it from the context (`structlint graph` draws the import graph).
    pub fn provide(&mut self, provider: &'static dyn AnyProvider) {
        if !self.providers.iter().any(|p| p.key() == provider.key()) {
            self.providers.push(provider);
        }
    }

    /// The project root every reported path is relative to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Checks the files under `inputs` (files or directories; the root when empty).
    /// A path that does not exist is an error; files that cannot be read are notes.
    pub fn check(&self, inputs: &[PathBuf]) -> Result<Report, ConfigError> {
        self.check_with_context(inputs).map(|(report, _)| report)
    }

    /// [`Engine::check`], also returning the workspace context, whose artifacts (such as the
    /// import graph, see [`Engine::provide`]) tools reuse instead of reading the project again.
    pub fn check_with_context(
        &self,
        inputs: &[PathBuf],
    ) -> Result<(Report, WorkspaceContext), ConfigError> {
        self.check_with_overlay(inputs, &std::collections::HashMap::new())
    }

    /// [`Engine::check_with_context`] with the text of some files (absolute paths) taken from
    /// `overlay` instead of the disk: the documents an editor has open and changed.
    pub fn check_with_overlay(
        &self,
        inputs: &[PathBuf],
        overlay: &std::collections::HashMap<PathBuf, String>,
    ) -> Result<(Report, WorkspaceContext), ConfigError> {
        pool::install(|| self.check_unpooled(inputs, overlay))
    }

    fn check_unpooled(
        &self,
        inputs: &[PathBuf],
        overlay: &std::collections::HashMap<PathBuf, String>,
    ) -> Result<(Report, WorkspaceContext), ConfigError> {
        let default = [self.root.clone()];
        let inputs = if inputs.is_empty() {
            &default[..]
        } else {
            inputs
        };
        let whole_project = !self.workspace_rules.is_empty();
        let found = discover::discover(&self.root, inputs, &self.files, whole_project)?;
        let limit = self.files.max_file_size;
        let read = |candidate: &discover::Candidate, lint: bool| match overlay
            .get(&candidate.abs)
            .map_or_else(
                || read::read(candidate, limit),
                |text| read::overlay(candidate, text, limit),
            ) {
            Ok(file) => self.process_file(&file, lint),
            Err(note) if lint => FileOutcome::skipped(note),
            Err(_) => FileOutcome::default(),
        };
        let lint = found.lint.par_iter().map(|c| read(c, true));
        let facts_only = found.facts_only.par_iter().map(|c| read(c, false));
        let outcomes: Vec<FileOutcome> = lint.chain(facts_only).collect();
        let mut cx = WorkspaceContext::new(self.root.clone(), found.index);
        let report = self.finish(&mut cx, outcomes, found.notes, &found.inputs);
        Ok((report, cx))
    }

    /// Checks files already in memory (editor buffers, tests), with the same two phases;
    /// the index of the workspace phase holds just these files.
    pub fn check_sources(&self, files: &[SourceFile]) -> Report {
        pool::install(|| self.check_sources_unpooled(files))
    }

    fn check_sources_unpooled(&self, files: &[SourceFile]) -> Report {
        let outcomes = files
            .par_iter()
            .map(|file| self.process_file(file, true))
            .collect();
        let index = files.iter().map(|f| f.path.clone()).collect();
        self.finish(
            &mut WorkspaceContext::new(self.root.clone(), index),
            outcomes,
            Vec::new(),
            &[],
        )
    }

    /// The workspace phase, suppressions, and the sorted report.
    fn finish(
        &self,
        cx: &mut WorkspaceContext,
        mut outcomes: Vec<FileOutcome>,
        mut notes: Vec<crate::Note>,
        inputs: &[String],
    ) -> Report {
        let mut internal_errors = self.build_artifacts(cx, &mut outcomes);
        let cx: &WorkspaceContext = cx;
        let mut per_rule: Vec<Vec<FileFacts<_>>> =
            self.workspace_rules.iter().map(|_| Vec::new()).collect();
        for outcome in &mut outcomes {
            for (facts, list) in outcome.facts.drain(..).zip(&mut per_rule) {
                if let Some(facts) = facts {
                    list.push(FileFacts {
                        path: outcome.path.clone(),
                        facts,
                    });
                }
            }
        }
        // Path order, whichever files were inputs: a partial run sees what a full run sees.
        per_rule
            .iter_mut()
            .for_each(|facts| facts.sort_by(|a, b| a.path.cmp(&b.path)));
        let workspace: Vec<Result<Vec<Diagnostic>, String>> = self
            .workspace_rules
            .par_iter()
            .zip(per_rule)
            .map(|(slot, facts)| {
                let mut out = Vec::new();
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    slot.rule.check_any(cx, facts, &mut out)
                }))
                .map_err(|_| {
                    format!(
                        "rule `{}` crashed in the workspace phase (this is a bug in structlint)",
                        slot.run.meta.id
                    )
                })?;
                stamp(&mut out, slot);
                Ok(out)
            })
            .collect();
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
        for result in workspace {
            match result {
                // Findings in sources outside the inputs stay unreported: they were read for
                // facts. Other files (a manifest, a rule file) count when under an input.
                Ok(found) => report.diagnostics.extend(found.into_iter().filter(|d| {
                    linted.contains(&d.span.path)
                        || (Language::from_path(d.span.path.as_ref()).is_none()
                            && inputs.iter().any(|i| paths::is_within(&d.span.path, i)))
                })),
                Err(error) => report.internal_errors.push(error),
            }
        }
        notes.extend(cx.take_notes());
        self.apply_suppressions(&mut report.diagnostics, &directives);
        report.diagnostics.sort_by(Diagnostic::output_order);
        notes.sort_by(|a, b| (&a.path, a.kind, &a.message).cmp(&(&b.path, b.kind, &b.message)));
        report.notes = notes;
        report.rules = self.rule_runs();
        report
    }

    fn apply_suppressions(&self, diagnostics: &mut Vec<Diagnostic>, directives: &[FileDirectives]) {
        let ran = |rule: &str, language: Language| {
            let runs = |run: &RuleRun, languages: &[Language]| {
                (run.meta.id == rule || run.meta.id.starts_with(&format!("{rule}/")))
                    && languages.contains(&language)
            };
            self.file_rules.iter().any(|s| runs(&s.run, &s.languages))
                || self
                    .workspace_rules
                    .iter()
                    .any(|s| runs(&s.run, &s.languages))
        };
        let mut found = suppress::apply(diagnostics, directives, &self.known_rules, ran);
        if let Some(run) = &self.suppressions {
            let slot = Slot {
                run: run.clone(),
                languages: Vec::new(),
                rule: (),
            };
            stamp(&mut found, &slot);
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
