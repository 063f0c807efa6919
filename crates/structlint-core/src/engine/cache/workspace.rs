//! The workspace phase's findings in the cache, replayed while nothing they depend on has
//! changed: every file's text (the keys of the file entries), the index of the workspace's
//! files, the inputs, and each file the phase read beyond those texts (manifests, tsconfigs,
//! `.gitignore`s, assets on disk), which the workspace context noted as [`Looked`].

use std::path::Path;
use std::sync::atomic::Ordering;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_bytes::ByteBuf;

use super::{Cache, hash};
use crate::looked::Looked;
use crate::{Diagnostic, FileIndex, Note, NoteKind};

/// The file next to the cache file that holds the workspace phase's findings: read only when
/// they are replayed, so a run after an edit does not load megabytes it cannot use.
pub(crate) const WORKSPACE_FILE: &str = "workspace.bin";

/// What the cache file says of the last workspace phase; its findings are in
/// [`WORKSPACE_FILE`].
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredWorkspace {
    key: u128,
    looks: Vec<Looked>,
    /// How many workspace rules there were.
    rules: usize,
    /// The hash of [`WORKSPACE_FILE`]'s bytes, so that a file from another run is not
    /// taken for this one's.
    payload_hash: u128,
    /// The [`Replayed`] findings and notes, encoded from the report's own findings, until
    /// the cache is saved.
    #[serde(skip)]
    pub payload: Option<Vec<u8>>,
}

/// What a replayed workspace phase gives the report.
pub(crate) struct Replayed {
    pub findings: Vec<Vec<Diagnostic>>,
    pub notes: Vec<Note>,
}

impl Cache {
    /// Notes the hash of a file's text, for the workspace phase's key.
    pub(super) fn note_file(&self, path: &str, hash: u128, lint: bool) {
        if let Ok(mut files) = self.files.lock() {
            files.push((path.to_string(), hash, lint));
        }
    }

    /// The key of this run's workspace phase: every file's text and role, every path of the
    /// workspace (what an import can resolve to), and the inputs.
    pub fn workspace_key(&self, index: &FileIndex, inputs: &[String]) -> u128 {
        // Taken, not copied: a run computes its key once.
        let mut files = self
            .files
            .lock()
            .map(|mut f| std::mem::take(&mut *f))
            .unwrap_or_default();
        files.sort();
        let mut paths: Vec<&str> = index.iter().collect();
        paths.sort_unstable();
        let bytes = postcard::to_stdvec(&(files, paths, inputs)).unwrap_or_default();
        hash(&bytes)
    }

    /// The stored workspace phase of `rules` rules under `key`, when everything it read
    /// under `root` reads the same; taken out of the cache, which this run then leaves as it is.
    pub fn replay(&self, key: u128, root: &Path, rules: usize) -> Option<Replayed> {
        let mut slot = self.workspace.lock().ok()?;
        let holds = slot.as_ref().is_some_and(|s| {
            s.key == key && s.rules == rules && s.looks.iter().all(|l| l.holds(root))
        });
        if !holds {
            return None;
        }
        let stored = slot.take()?;
        let payload = std::fs::read(self.dir.join(WORKSPACE_FILE)).ok()?;
        if hash(&payload) != stored.payload_hash {
            return None;
        }
        let (findings, notes): (Vec<ByteBuf>, Vec<Note>) = postcard::from_bytes(&payload).ok()?;
        // Each rule's findings were encoded on their own, so they decode in parallel.
        let findings = findings
            .par_iter()
            .map(|bytes| postcard::from_bytes::<Vec<Diagnostic>>(bytes).ok())
            .collect::<Option<Vec<_>>>()?;
        (findings.len() == rules).then_some(Replayed { findings, notes })
    }

    /// Keeps this run's workspace phase: `findings` per rule (`None` for a rule that
    /// crashed, which keeps nothing), the notes, and what the phase read. A phase where a
    /// rule ran out of its time budget depends on the clock, and is not kept.
    pub fn keep_workspace(
        &self,
        key: u128,
        looks: Vec<Looked>,
        findings: Option<Vec<&[Diagnostic]>>,
        notes: &[Note],
    ) {
        let timed_out = notes.iter().any(|n| n.kind == NoteKind::RuleBudget);
        let stored = findings.filter(|_| !timed_out).and_then(|findings| {
            let each = findings
                .par_iter()
                .map(|found| postcard::to_stdvec(found).ok().map(ByteBuf::from))
                .collect::<Option<Vec<_>>>()?;
            let payload = postcard::to_stdvec(&(each, notes)).ok()?;
            Some(StoredWorkspace {
                key,
                looks,
                rules: findings.len(),
                payload_hash: hash(&payload),
                payload: Some(payload),
            })
        });
        if let Ok(mut slot) = self.workspace.lock() {
            *slot = stored;
        }
        self.changed.store(true, Ordering::Relaxed);
    }
}
