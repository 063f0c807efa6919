//! The threads the engine runs on.

use std::sync::OnceLock;

use rayon::{ThreadPool, ThreadPoolBuilder};

/// The stack of each worker. syn parses, visits and drops its tree by recursion, and so do
/// rules that walk a tree; an overflow aborts the process, with no `catch_unwind` to turn it
/// into a note. rayon's 2 MiB overflowed on 247 nested generics in a debug build; 64 MiB holds
/// everything up to `structlint_lang::MAX_NESTING`, deeper Rust files are refused before
/// parsing. Only the pages a thread touches take memory.
pub(crate) const STACK_SIZE: usize = 64 << 20;

static POOL: OnceLock<Option<ThreadPool>> = OnceLock::new();

/// Runs `work` on the engine's pool, built on first use. A caller already on a rayon worker
/// keeps its pool: it chose the threads (tests pin their number this way).
pub(crate) fn install<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    if rayon::current_thread_index().is_some() {
        return work();
    }
    let pool = POOL.get_or_init(|| {
        ThreadPoolBuilder::new()
            .stack_size(STACK_SIZE)
            .thread_name(|i| format!("structlint-{i}"))
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(work),
        // Threads could not be started: the global pool may still have some.
        None => work(),
    }
}
