//! The result cache's modes: a cold `check --cache` run fills a cache first, untimed, then
//! the timed run is warm: with nothing changed, or after one file was edited.

use std::path::{Path, PathBuf};

use structlint::Check;

pub const WARM: &str = "check (warm cache)";
pub const WARM_TOUCHED: &str = "check (warm, 1 file edited)";

/// A filled cache, and the file edited after it was filled, put back when dropped so that
/// the generated workspace stays as generated for the other modes.
pub struct Warm {
    cache: tempfile::TempDir,
    edited: Option<(PathBuf, String)>,
}

impl Warm {
    pub fn dir(&self) -> &Path {
        self.cache.path()
    }
}

impl Drop for Warm {
    fn drop(&mut self) {
        if let Some((path, text)) = &self.edited {
            let _ = std::fs::write(path, text);
        }
    }
}

/// For the cache's modes, a cache filled by a cold run over `root`; `None` for other modes.
pub fn prime(mode: &str, root: &Path) -> Option<Warm> {
    if mode != WARM && mode != WARM_TOUCHED {
        return None;
    }
    let cache = tempfile::tempdir().expect("a temporary directory");
    Check::workspace(root)
        .cache_dir(cache.path())
        .run()
        .expect("default config");
    let mut warm = Warm {
        cache,
        edited: None,
    };
    if mode == WARM_TOUCHED {
        let path = root.join("packages/pkg000/src/index.ts");
        let text = std::fs::read_to_string(&path).expect("the generator writes pkg000's index");
        std::fs::write(&path, format!("{text}// edited\n")).expect("the file is writable");
        warm.edited = Some((path, text));
    }
    Some(warm)
}
