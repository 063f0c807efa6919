//! The cache file: a header that says which binary and settings wrote it, then one entry per
//! file. Anything that does not decode as this binary's header and entries is no cache at all:
//! a run then starts from nothing and writes a valid file.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
// Bytes as one run, not a list of numbers: decoding a cache of tens of megabytes
// byte by byte was a tenth of a warm run.
use serde_bytes::ByteBuf;

use super::StoredWorkspace;
use crate::suppress::Directive;
use crate::{Diagnostic, Note};

/// The file's first bytes, so that a file of another program is never decoded as entries.
const MAGIC: [u8; 8] = *b"slcache\0";
/// Bumped whenever [`Entry`] or [`Stored`] change shape, as the crate version may not be.
const FORMAT: u32 = 4;

/// The name of the cache file in the cache folder.
pub(crate) const CACHE_FILE: &str = "cache.bin";

#[derive(Serialize, Deserialize, PartialEq, Eq)]
struct Header {
    magic: [u8; 8],
    format: u32,
    version: String,
    settings: u128,
}

impl Header {
    fn current(settings: u128) -> Header {
        Header {
            magic: MAGIC,
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").to_string(),
            settings,
        }
    }
}

/// What a file's outcome was, for a file whose text hashes to `hash`.
#[derive(Serialize, Deserialize)]
pub(crate) struct Entry {
    pub hash: u128,
    pub lint: bool,
    /// A [`Stored`], encoded when the file was checked (in parallel, in the file phase) and
    /// decoded only on a hit: a run that changes one file writes the others' bytes back as
    /// they were read.
    #[serde(with = "serde_bytes")]
    pub outcome: Vec<u8>,
}

/// A file's outcome without its times: facts as the bytes their rule or provider encoded.
#[derive(Deserialize)]
pub(crate) struct Stored {
    pub diagnostics: Vec<Diagnostic>,
    /// One per workspace rule.
    pub facts: Vec<Option<ByteBuf>>,
    /// One per provider.
    pub provided: Vec<Option<ByteBuf>>,
    pub directives: Vec<Directive>,
    pub notes: Vec<Note>,
    pub parsed: bool,
    pub bytes: u64,
}

/// [`Stored`] as encoded from an outcome's own fields, without copying them.
#[derive(Serialize)]
pub(crate) struct StoredRef<'o> {
    pub diagnostics: &'o [Diagnostic],
    pub facts: Vec<Option<ByteBuf>>,
    pub provided: Vec<Option<ByteBuf>>,
    pub directives: &'o [Directive],
    pub notes: &'o [Note],
    pub parsed: bool,
    pub bytes: u64,
}

/// What the cache file holds: an entry per file, and the last workspace phase.
type Loaded = (HashMap<String, Entry>, Option<StoredWorkspace>);

/// The entries and workspace phase of the cache file in `dir` written under `settings`;
/// none when it is missing, unreadable, truncated, written by another version or under
/// other settings.
pub(crate) fn load(dir: &Path, settings: u128) -> Loaded {
    let Ok(bytes) = std::fs::read(dir.join(CACHE_FILE)) else {
        return Loaded::default();
    };
    decode(&bytes, settings).unwrap_or_default()
}

fn decode(bytes: &[u8], settings: u128) -> Option<Loaded> {
    let (header, rest) = postcard::take_from_bytes::<Header>(bytes).ok()?;
    if header != Header::current(settings) {
        return None;
    }
    let (entries, rest) = postcard::take_from_bytes::<Vec<(String, Entry)>>(rest).ok()?;
    let (workspace, rest) = postcard::take_from_bytes::<Option<StoredWorkspace>>(rest).ok()?;
    rest.is_empty()
        .then(|| (entries.into_iter().collect(), workspace))
}

/// Writes `entries` (in path order, so equal runs write equal files) and the folder's
/// `.gitignore`, so that the cache is never committed.
pub(crate) fn save(
    dir: &Path,
    settings: u128,
    entries: &[(String, Entry)],
    workspace: Option<&StoredWorkspace>,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.is_file() {
        crate::write_atomic(
            &ignore,
            b"# Written by structlint: its cache is never committed.\n*\n",
        )?;
    }
    // The findings first: the cache file that names them by their hash comes after.
    if let Some(payload) = workspace.and_then(|w| w.payload.as_deref()) {
        crate::atomic::write_atomic_unsynced(&dir.join(super::workspace::WORKSPACE_FILE), payload)?;
    }
    let mut bytes =
        postcard::to_stdvec(&Header::current(settings)).map_err(std::io::Error::other)?;
    bytes.extend(postcard::to_stdvec(entries).map_err(std::io::Error::other)?);
    bytes.extend(postcard::to_stdvec(&workspace).map_err(std::io::Error::other)?);
    crate::atomic::write_atomic_unsynced(&dir.join(CACHE_FILE), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(hash: u128) -> (String, Entry) {
        let outcome = StoredRef {
            diagnostics: &[],
            facts: vec![Some(ByteBuf::from(vec![1, 2])), None],
            provided: Vec::new(),
            directives: &[],
            notes: &[],
            parsed: true,
            bytes: 7,
        };
        let outcome = postcard::to_stdvec(&outcome).unwrap();
        let lint = true;
        (
            "a.ts".to_string(),
            Entry {
                hash,
                lint,
                outcome,
            },
        )
    }

    #[test]
    fn reads_back_what_it_wrote_under_the_same_settings_only() {
        let tmp = tempfile::tempdir().unwrap();
        save(tmp.path(), 5, &[entry(9)], None).unwrap();
        let (loaded, _) = load(tmp.path(), 5);
        assert_eq!(loaded["a.ts"].hash, 9);
        let stored: Stored = postcard::from_bytes(&loaded["a.ts"].outcome).unwrap();
        assert_eq!(stored.facts, vec![Some(ByteBuf::from(vec![1, 2])), None]);
        assert!(load(tmp.path(), 6).0.is_empty());
        let ignore = std::fs::read_to_string(tmp.path().join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"));
    }

    #[test]
    fn garbage_and_truncated_files_are_no_cache() {
        let tmp = tempfile::tempdir().unwrap();
        save(tmp.path(), 5, &[entry(9), entry(10)], None).unwrap();
        let path = tmp.path().join(CACHE_FILE);
        let whole = std::fs::read(&path).unwrap();
        for cut in 0..whole.len() {
            std::fs::write(&path, &whole[..cut]).unwrap();
            assert!(load(tmp.path(), 5).0.is_empty(), "cut at {cut}");
        }
        std::fs::write(&path, [0xff; 64]).unwrap();
        assert!(load(tmp.path(), 5).0.is_empty());
    }
}
