use std::sync::atomic::{AtomicUsize, Ordering};

use super::store;
use crate::engine::tests::{engine, summary, workspace};

/// Three files: one crashes a rule, two have a TODO and the same first line (a workspace
/// finding from both files' facts).
fn files() -> [(&'static str, &'static str); 3] {
    [
        ("a.ts", "boom\n"),
        ("b.ts", "x // TODO\n"),
        ("c.ts", "x // TODO\n"),
    ]
}

#[test]
fn a_warm_run_checks_no_file_again_but_the_one_that_crashed() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let tmp = workspace(&files());
    let cache = tempfile::tempdir().unwrap();
    let engine = engine(tmp.path().to_path_buf(), &CALLS).with_cache(cache.path().to_path_buf());
    let cold = engine.check(&[]).unwrap();
    assert_eq!(cold.timing.cache, Some((0, 3)));
    assert_eq!(
        CALLS.load(Ordering::SeqCst),
        2,
        "the TODO rule ran on b and c"
    );
    let warm = engine.check(&[]).unwrap();
    assert_eq!(CALLS.load(Ordering::SeqCst), 2, "and not again");
    assert_eq!(warm.timing.cache, Some((2, 3)), "a crash is never kept");
    assert_eq!(summary(&warm), summary(&cold));
    assert_eq!(warm.internal_errors, cold.internal_errors);
    assert!(summary(&warm).iter().any(|s| s.contains("same first line")));
}

#[test]
fn facts_that_do_not_decode_are_a_miss_and_are_rewritten() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let tmp = workspace(&files());
    let cache = tempfile::tempdir().unwrap();
    let engine = engine(tmp.path().to_path_buf(), &CALLS).with_cache(cache.path().to_path_buf());
    let cold = engine.check(&[]).unwrap();
    let settings = engine.settings_hash();
    let (entries, workspace) = store::load(cache.path(), settings);
    let mut entries: Vec<_> = entries.into_iter().collect();
    assert_eq!(entries.len(), 2);
    for (_, entry) in &mut entries {
        // The facts of one rule, where the engine has several: they do not decode as its facts.
        let stored: store::Stored = postcard::from_bytes(&entry.outcome).unwrap();
        let damaged = store::StoredRef {
            diagnostics: &stored.diagnostics,
            facts: vec![Some(serde_bytes::ByteBuf::from(vec![0xff, 0xff, 0xff]))],
            provided: stored.provided.clone(),
            directives: &stored.directives,
            notes: &stored.notes,
            parsed: stored.parsed,
            bytes: stored.bytes,
        };
        entry.outcome = postcard::to_stdvec(&damaged).unwrap();
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    store::save(cache.path(), settings, &entries, workspace.as_ref()).unwrap();
    let damaged = engine.check(&[]).unwrap();
    assert_eq!(damaged.timing.cache, Some((0, 3)));
    assert_eq!(summary(&damaged), summary(&cold));
    let again = engine.check(&[]).unwrap();
    assert_eq!(again.timing.cache, Some((2, 3)));
    assert_eq!(summary(&again), summary(&cold));
}
