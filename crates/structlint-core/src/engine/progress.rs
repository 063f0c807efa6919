//! What a run tells a watcher as it goes, so that a terminal can show a progress bar.

/// Told how many files a run reads, then once per file as each is done. Called from the
/// file phase's threads, so it must be cheap and thread-safe.
pub trait Progress: Send + Sync {
    /// The run found `files` files to read (those reported on and those read for facts).
    fn files_found(&self, files: usize);
    /// One more file was read and checked.
    fn file_done(&self);
}
