//! Between the two phases: the artifacts of the providers the workspace rules declared.

use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::Engine;
use super::file_phase::{FileOutcome, facts_by_consumer};
use crate::WorkspaceContext;

impl Engine {
    /// Builds every declared provider's artifact from the facts the files gave it, before any
    /// workspace rule runs. Builds run in parallel with each other, and no lock is held.
    /// Returns the errors, and each provider's build time.
    pub(super) fn build_artifacts(
        &self,
        cx: &mut WorkspaceContext,
        outcomes: &mut [FileOutcome],
    ) -> (Vec<String>, Vec<Duration>) {
        let per_provider = facts_by_consumer(outcomes, self.providers.len(), |o| &mut o.provided);
        let shared: &WorkspaceContext = cx;
        let built: Vec<_> = self
            .providers
            .par_iter()
            .zip(per_provider)
            .map(|(provider, files)| {
                let start = Instant::now();
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    provider.build_any(shared, files)
                }))
                .map(|artifact| (provider.key(), artifact, start.elapsed()))
                .map_err(|_| {
                    format!(
                        "building the {} crashed (this is a bug in structlint)",
                        provider.name()
                    )
                })
            })
            .collect();
        let mut errors = Vec::new();
        let mut times = Vec::new();
        for result in built {
            match result {
                Ok((key, artifact, took)) => {
                    cx.insert_artifact(key, artifact);
                    times.push(took);
                }
                Err(error) => {
                    errors.push(error);
                    times.push(Duration::ZERO);
                }
            }
        }
        (errors, times)
    }
}
