//! The result cache (`check --cache`): a file's outcome kept by the hash of its text, so that
//! a run over unchanged files reads them but parses none. Its key is the file's text alone
//! because everything else a file's outcome depends on — the binary, the config and its rule
//! files, the workspace root — is in the settings hash that the whole cache file is written
//! under ([`Engine::settings_hash`]).

mod store;
#[cfg(test)]
mod tests;
mod workspace;

use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Engine;
use super::file_phase::FileOutcome;
use crate::NoteKind;
use store::{Entry, Stored, StoredRef};
use workspace::StoredWorkspace;

/// The facts `facts` holds as bytes, when it is a `T`.
pub(crate) fn encode_any<T: Serialize + 'static>(facts: &(dyn Any + Send)) -> Option<Vec<u8>> {
    postcard::to_stdvec(facts.downcast_ref::<T>()?).ok()
}

/// A `T` back from [`encode_any`]'s bytes; `None` for bytes that are not one whole `T`.
pub(crate) fn decode_any<T: DeserializeOwned + Send + 'static>(
    bytes: &[u8],
) -> Option<Box<dyn Any + Send>> {
    let (facts, rest) = postcard::take_from_bytes::<T>(bytes).ok()?;
    rest.is_empty()
        .then(|| Box::new(facts) as Box<dyn Any + Send>)
}

/// The 128-bit hash the cache keys a file's text (and the settings) by.
pub(crate) fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// What tells this executable from another build of the same version: its size and the
/// time it was written (a rebuild rewrites it), read once per process. Hashing its bytes
/// would cost a debug build half a second a run. 0 when they cannot be read, leaving the
/// version alone to tell binaries apart.
pub(crate) fn executable_hash() -> u128 {
    static HASH: std::sync::OnceLock<u128> = std::sync::OnceLock::new();
    *HASH.get_or_init(|| {
        let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) else {
            return 0;
        };
        let written = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        hash(format!("{}\0{written}", meta.len()).as_bytes())
    })
}

/// One run's view of the cache: the entries the last run wrote, and this run's.
pub(crate) struct Cache {
    dir: PathBuf,
    settings: u128,
    previous: HashMap<String, Entry>,
    /// This run's entries; `None` for a file whose previous entry still holds, which is
    /// moved over when the cache is saved rather than copied for every hit.
    current: Mutex<Vec<(String, Option<Entry>)>>,
    hits: AtomicUsize,
    read: AtomicUsize,
    /// Whether a file was checked now, so the file on disk no longer holds this run.
    changed: AtomicBool,
    /// Each file's path, text hash and role, for the workspace phase's key.
    files: Mutex<Vec<(String, u128, bool)>>,
    /// The last run's workspace phase until this run replays or replaces it.
    workspace: Mutex<Option<StoredWorkspace>>,
}

impl Cache {
    pub fn open(dir: &Path, settings: u128) -> Cache {
        let (previous, workspace) = store::load(dir, settings);
        Cache {
            dir: dir.to_path_buf(),
            settings,
            previous,
            files: Mutex::new(Vec::new()),
            workspace: Mutex::new(workspace),
            current: Mutex::new(Vec::new()),
            hits: AtomicUsize::new(0),
            read: AtomicUsize::new(0),
            changed: AtomicBool::new(false),
        }
    }

    /// How many files this run took from the cache, and how many it read.
    pub fn counts(&self) -> (usize, usize) {
        let read = self.read.load(Ordering::Relaxed);
        (self.hits.load(Ordering::Relaxed), read)
    }

    fn keep(&self, path: &str, entry: Option<Entry>) {
        if let Ok(mut current) = self.current.lock() {
            current.push((path.to_string(), entry));
        }
    }

    /// Writes this run's entries, so that files deleted since drop out, unless they are the
    /// ones already on disk. A cache that cannot be written costs the next run time, not
    /// this run its result, so the error is dropped.
    pub fn save(self) {
        let current = self.current.into_inner().unwrap_or_default();
        let unchanged = !self.changed.into_inner() && current.len() == self.previous.len();
        if unchanged && self.dir.join(".gitignore").is_file() {
            return;
        }
        let mut previous = self.previous;
        let mut current: Vec<(String, Entry)> = current
            .into_iter()
            .filter_map(|(path, entry)| {
                let entry = entry.or_else(|| previous.remove(&path))?;
                Some((path, entry))
            })
            .collect();
        current.sort_by(|a, b| a.0.cmp(&b.0));
        let workspace = self.workspace.into_inner().ok().flatten();
        let _ = store::save(&self.dir, self.settings, &current, workspace.as_ref());
    }
}

impl Engine {
    /// `file`'s outcome from `cache` when its text and role are as when it was stored, else
    /// checked now and stored.
    pub(super) fn process_cached(
        &self,
        cache: &Cache,
        file: &crate::SourceFile,
        lint: bool,
        times: &super::timing::StepTimes,
    ) -> FileOutcome {
        cache.read.fetch_add(1, Ordering::Relaxed);
        let hash = hash(file.text.as_bytes());
        cache.note_file(&file.path, hash, lint);
        let hit = cache
            .previous
            .get(&file.path)
            .filter(|e| e.hash == hash && e.lint == lint);
        if let Some(outcome) = hit.and_then(|e| self.restore(file, e)) {
            cache.hits.fetch_add(1, Ordering::Relaxed);
            cache.keep(&file.path, None);
            return outcome;
        }
        let outcome = self.process_file(file, lint, super::Scope::All, times);
        if let Some(stored) = self.store(&outcome) {
            let entry = Entry {
                hash,
                lint,
                outcome: stored,
            };
            cache.keep(&file.path, Some(entry));
        }
        cache.changed.store(true, Ordering::Relaxed);
        outcome
    }

    /// What the cache keeps of `outcome`; `None` for an outcome that must be computed again
    /// or whose facts do not encode. An internal error is a bug that may be fixed; a parse or
    /// a rule that ran out of time (a `Skipped` or `RuleBudget` note) depends on the clock,
    /// and the next run may finish it.
    fn store(&self, outcome: &FileOutcome) -> Option<Vec<u8>> {
        let timed_out = outcome
            .notes
            .iter()
            .any(|n| matches!(n.kind, NoteKind::Skipped | NoteKind::RuleBudget));
        if outcome.internal_error.is_some() || timed_out {
            return None;
        }
        let facts = self
            .workspace_rules
            .iter()
            .zip(&outcome.facts)
            .map(|(slot, facts)| encode(facts, |f| slot.rule.encode_facts(f)))
            .collect::<Option<Vec<_>>>()?;
        let provided = self
            .providers
            .iter()
            .zip(&outcome.provided)
            .map(|(provider, facts)| encode(facts, |f| provider.encode_facts(f)))
            .collect::<Option<Vec<_>>>()?;
        postcard::to_stdvec(&StoredRef {
            diagnostics: &outcome.diagnostics,
            facts,
            provided,
            directives: &outcome.directives,
            notes: &outcome.notes,
            parsed: outcome.parsed,
            bytes: outcome.bytes,
        })
        .ok()
    }

    /// The outcome `entry` stored, for `file`; `None` when a facts value does not decode or
    /// the rules and providers are not the ones it was stored for.
    fn restore(&self, file: &crate::SourceFile, entry: &Entry) -> Option<FileOutcome> {
        let stored: Stored = postcard::from_bytes(&entry.outcome).ok()?;
        if stored.facts.len() != self.workspace_rules.len()
            || stored.provided.len() != self.providers.len()
        {
            return None;
        }
        let facts = self
            .workspace_rules
            .iter()
            .zip(&stored.facts)
            .map(|(slot, bytes)| decode(bytes, |b| slot.rule.decode_facts(b)))
            .collect::<Option<Vec<_>>>()?;
        let provided = self
            .providers
            .iter()
            .zip(&stored.provided)
            .map(|(provider, bytes)| decode(bytes, |b| provider.decode_facts(b)))
            .collect::<Option<Vec<_>>>()?;
        Some(FileOutcome {
            path: file.path.clone(),
            lint: entry.lint,
            language: Some(file.language),
            diagnostics: stored.diagnostics,
            facts,
            provided,
            directives: stored.directives,
            notes: stored.notes,
            parsed: stored.parsed,
            bytes: stored.bytes,
            internal_error: None,
        })
    }
}

/// No facts stay none; facts that do not encode make the outcome uncacheable (`None`).
fn encode(
    facts: &Option<Box<dyn Any + Send>>,
    encode: impl FnOnce(&(dyn Any + Send)) -> Option<Vec<u8>>,
) -> Option<Option<serde_bytes::ByteBuf>> {
    match facts {
        None => Some(None),
        Some(facts) => encode(&**facts).map(|b| Some(serde_bytes::ByteBuf::from(b))),
    }
}

fn decode(
    bytes: &Option<serde_bytes::ByteBuf>,
    decode: impl FnOnce(&[u8]) -> Option<Box<dyn Any + Send>>,
) -> Option<Option<Box<dyn Any + Send>>> {
    match bytes {
        None => Some(None),
        Some(bytes) => decode(bytes).map(Some),
    }
}
