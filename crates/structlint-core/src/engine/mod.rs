//! The engine: discovery, the parallel file phase, the workspace phase, suppressions.

mod artifacts;
mod cache;
mod discover;
mod file_phase;
mod levels;
#[cfg(test)]
mod overrides_tests;
pub(crate) mod paths;
mod pool;
mod prefilter;
mod progress;
pub(crate) mod read;
pub(crate) mod regular;
mod scope;
#[cfg(test)]
pub(crate) mod tests;
mod timing;
mod workspace_phase;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use structlint_lang::Language;

use crate::AnyProvider;
use crate::config::{ConfigError, FilesConfig, ResolveConfig};
use crate::rule::{AnyWorkspaceRule, FileRule, RuleImpl};
use crate::{Config, Report, RuleRun, SourceFile, WorkspaceContext};
pub(crate) use cache::{decode_any, encode_any, hash};
use file_phase::FileOutcome;
use prefilter::Prefilter;
pub use progress::Progress;
use scope::Replay;
pub(crate) use scope::Scope;
pub use timing::Timing;

pub(crate) struct Slot<R> {
    run: RuleRun,
    languages: Vec<Language>,
    rule: R,
}

/// Runs configured rules over a workspace. Build once, check many times.
pub struct Engine {
    root: PathBuf,
    files: FilesConfig,
    resolve: ResolveConfig,
    file_rules: Vec<Slot<Box<dyn FileRule>>>,
    workspace_rules: Vec<Slot<Box<dyn AnyWorkspaceRule>>>,
    suppressions: Option<RuleRun>,
    known_rules: Vec<String>,
    /// What the workspace rules read, each provider once.
    providers: Vec<&'static dyn AnyProvider>,
    /// Slots: file rules, then workspace rules.
    prefilter: Prefilter,
    overrides: crate::config::Overrides,
    variants: levels::Variants,
    progress: Option<std::sync::Arc<dyn Progress>>,
    /// What a file's outcome depends on besides its own text (see [`Engine::settings_hash`]).
    settings: u128,
    /// Where the result cache lives, when runs use one ([`Engine::with_cache`]).
    cache_dir: Option<PathBuf>,
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
            resolve: config.resolve,
            file_rules,
            workspace_rules,
            suppressions,
            known_rules: config.known_rules,
            providers,
            prefilter,
            overrides: config.overrides,
            variants: levels::Variants::default(),
            progress: None,
            settings: config.settings_hash,
            cache_dir: None,
        }
    }

    /// Keeps each file's outcome in `dir` between runs of [`Engine::check`], so that a file
    /// whose text is unchanged is not parsed again. Runs with an overlay and the editor's
    /// partial runs do not use it.
    pub fn with_cache(mut self, dir: PathBuf) -> Engine {
        self.cache_dir = Some(dir);
        self
    }

    /// What the outcome of a file depends on besides its text: this binary (its version, and
    /// its size and write time, so that a rebuild of the same version starts afresh), the settings (the
    /// config file's text and its rule files', [`Config::settings_hash`]), the workspace
    /// root, which the engine's view of every path starts from, and the rules and providers
    /// in their order, which decide what each stored facts value is (a tool may add a
    /// provider with [`Engine::provide`]).
    fn settings_hash(&self) -> u128 {
        let key = format!(
            "{}\0{}\0{}\0{}\0{}",
            env!("CARGO_PKG_VERSION"),
            cache::executable_hash(),
            self.settings,
            self.root.display(),
            self.step_labels().join("\0")
        );
        cache::hash(key.as_bytes())
    }

    /// Builds `provider`'s artifact in every run even when no rule declares it, for tools that
    /// read it from the context (`structlint graph` draws the import graph).
    pub fn provide(&mut self, provider: &'static dyn AnyProvider) {
        if !self.providers.iter().any(|p| p.key() == provider.key()) {
            self.providers.push(provider);
        }
    }

    /// Tells `progress` how the runs of this engine go, file by file.
    pub fn set_progress(&mut self, progress: std::sync::Arc<dyn Progress>) {
        self.progress = Some(progress);
    }

    /// The project root every reported path is relative to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Checks the files under `inputs` (files or directories; the root when empty).
    /// A path that does not exist is an error; files that cannot be read are notes.
    pub fn check(&self, inputs: &[PathBuf]) -> Result<Report, ConfigError> {
        let replay = Replay::Allowed;
        self.run(
            inputs,
            &std::collections::HashMap::new(),
            Scope::All,
            replay,
        )
        .map(|(report, _)| report)
    }

    /// [`Engine::check`], also returning the workspace context, whose artifacts (such as the
    /// import graph, see [`Engine::provide`]) tools reuse instead of reading the project again.
    pub fn check_with_context(
        &self,
        inputs: &[PathBuf],
    ) -> Result<(Report, WorkspaceContext), ConfigError> {
        // The context's artifacts are built, so the workspace phase is not replayed.
        let replay = Replay::Never;
        self.run(
            inputs,
            &std::collections::HashMap::new(),
            Scope::All,
            replay,
        )
    }

    /// [`Engine::check`] with the text of some files (absolute paths) taken from `overlay`
    /// instead of the disk: a buffer checked before it is saved (`--stdin-filename`).
    pub fn check_overlay(
        &self,
        inputs: &[PathBuf],
        overlay: &std::collections::HashMap<PathBuf, String>,
    ) -> Result<Report, ConfigError> {
        self.run(inputs, overlay, Scope::All, Replay::Allowed)
            .map(|(report, _)| report)
    }

    /// The workspace rules only, over the files under `inputs`, with the text of some files
    /// (absolute paths) taken from `overlay` instead of the disk: an editor's background pass
    /// with the documents it has open and changed. The per-file rules do not run.
    pub fn check_workspace_rules(
        &self,
        inputs: &[PathBuf],
        overlay: &std::collections::HashMap<PathBuf, String>,
    ) -> Result<Report, ConfigError> {
        if self.workspace_rules.is_empty() {
            return Ok(Report {
                root: self.root.clone(),
                ..Report::default()
            });
        }
        self.run(inputs, overlay, Scope::WorkspaceRules, Replay::Allowed)
            .map(|(report, _)| report)
    }

    fn run(
        &self,
        inputs: &[PathBuf],
        overlay: &std::collections::HashMap<PathBuf, String>,
        scope: Scope,
        replay: Replay,
    ) -> Result<(Report, WorkspaceContext), ConfigError> {
        pool::install(|| self.run_unpooled(inputs, overlay, scope, replay))
    }

    fn run_unpooled(
        &self,
        inputs: &[PathBuf],
        overlay: &std::collections::HashMap<PathBuf, String>,
        scope: Scope,
        replay: Replay,
    ) -> Result<(Report, WorkspaceContext), ConfigError> {
        let default = [self.root.clone()];
        let inputs = if inputs.is_empty() {
            &default[..]
        } else {
            inputs
        };
        let whole_project = !self.workspace_rules.is_empty();
        let (found, walked) =
            timing::phase(|| discover::discover(&self.root, inputs, &self.files, whole_project));
        let found = found?;
        let limit = self.files.max_file_size;
        if let Some(progress) = &self.progress {
            progress.files_found(found.lint.len() + found.facts_only.len());
        }
        let cache = self
            .cache_dir
            .as_deref()
            .filter(|_| scope == Scope::All && overlay.is_empty())
            .map(|dir| cache::Cache::open(dir, self.settings_hash()));
        let times = timing::StepTimes::new(self.step_count());
        let read = |candidate: &discover::Candidate, lint: bool| {
            let outcome = match overlay.get(&candidate.abs).map_or_else(
                || read::read(candidate, limit),
                |text| read::overlay(candidate, text, limit),
            ) {
                Ok(file) => match &cache {
                    Some(cache) => self.process_cached(cache, &file, lint, &times),
                    None => self.process_file(&file, lint, scope, &times),
                },
                Err(note) if lint => FileOutcome::skipped(note),
                Err(_) => FileOutcome::default(),
            };
            if let Some(progress) = &self.progress {
                progress.file_done();
            }
            outcome
        };
        let lint = found.lint.par_iter().map(|c| read(c, true));
        let facts_only = found.facts_only.par_iter().map(|c| read(c, false));
        let (outcomes, filed) = timing::phase(|| lint.chain(facts_only).collect::<Vec<_>>());
        let mut cx = self.context(found.index);
        let (mut report, finished) = timing::phase(|| {
            let cache = cache.as_ref().map(|c| (c, replay == Replay::Allowed));
            let files = file_phase::FilePhase { outcomes, times };
            self.finish(&mut cx, files, found.notes, &found.inputs, scope, cache)
        });
        report.timing.phases = vec![
            ("discover", walked),
            ("files", filed),
            ("workspace", finished),
        ];
        if let Some(cache) = cache {
            report.timing.cache = Some(cache.counts());
            cache.save();
        }
        Ok((report, cx))
    }

    /// Checks files already in memory (tests, benchmarks), with the same two phases; the
    /// index of the workspace phase holds just these files.
    pub fn check_sources(&self, files: &[SourceFile]) -> Report {
        pool::install(|| self.check_in_memory(files, Scope::All))
    }

    /// The per-file rules only, on one file in memory: what an editor runs at each change.
    pub fn check_file(&self, file: &SourceFile) -> Report {
        pool::install(|| self.check_in_memory(std::slice::from_ref(file), Scope::FileRules))
    }

    fn check_in_memory(&self, files: &[SourceFile], scope: Scope) -> Report {
        let times = timing::StepTimes::new(self.step_count());
        let outcomes = files
            .par_iter()
            .map(|file| self.process_file(file, true, scope, &times))
            .collect();
        let index = files.iter().map(|f| f.path.clone()).collect();
        let mut cx = self.context(index);
        let files = file_phase::FilePhase { outcomes, times };
        self.finish(&mut cx, files, Vec::new(), &[], scope, None)
    }

    /// What the workspace phase sees of the run: the files a specifier can name, and the
    /// settings of `[files]` and `[resolve]`.
    fn context(&self, index: crate::FileIndex) -> WorkspaceContext {
        WorkspaceContext::new(self.root.clone(), index)
            .with_files(self.files.clone())
            .with_resolve(self.resolve.clone())
    }

    /// Whether rule `id` (or its sub-id) runs only over the whole workspace: its findings
    /// come from [`Engine::check_workspace_rules`], not from [`Engine::check_file`].
    pub fn is_workspace_rule(&self, id: &str) -> bool {
        self.workspace_rules.iter().any(|s| {
            (id == s.run.meta.id || id.starts_with(&format!("{}/", s.run.meta.id)))
                && !s.rule.runs_per_file()
        })
    }
}
