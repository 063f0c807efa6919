//! Whether a path of the workspace is gitignored, for paths that need not exist: an import of
//! a file the build generates names nothing in a clean checkout, and the `.gitignore` that
//! lists it says it is build output. The walk reads the same files through the `ignore` crate;
//! this asks that crate's matcher about one path, reading each folder's `.gitignore` at most
//! once, and only the folders on the paths asked about.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// How a `.gitignore` is read: through the workspace context, which notes it for the cache.
pub(crate) type Read<'r> = dyn Fn(&str) -> Result<String, crate::ReadError> + 'r;

/// The `.gitignore` files of the root and the folders below it, read on first need.
#[derive(Debug)]
pub(crate) struct Gitignores {
    root: PathBuf,
    /// By root-relative folder (`.` for the root); `None` when it has no readable `.gitignore`.
    read: Mutex<HashMap<String, Option<Arc<Gitignore>>>>,
}

impl Gitignores {
    pub(crate) fn new(root: PathBuf) -> Gitignores {
        Gitignores {
            root,
            read: Mutex::default(),
        }
    }

    /// Whether `path` (root-relative, `/`-separated, inside the root) is ignored by the
    /// `.gitignore` of a folder above it: the nearest that says anything about it decides,
    /// as git's own precedence has it.
    /// `read` reads a `.gitignore` (root-relative).
    pub(crate) fn ignores(&self, path: &str, is_dir: bool, read: &Read<'_>) -> bool {
        let inside = !path.is_empty()
            && path != "."
            && !Path::new(path).is_absolute()
            && path.split('/').all(|part| part != ".." && !part.is_empty());
        if !inside {
            return false;
        }
        let abs = self.root.join(path);
        let mut dir = path;
        while let Some((parent, _)) = dir.rsplit_once('/') {
            dir = parent;
            if let Some(decided) = self.decides(dir, &abs, is_dir, read) {
                return decided;
            }
        }
        self.decides(".", &abs, is_dir, read).unwrap_or(false)
    }

    fn decides(&self, dir: &str, abs: &Path, is_dir: bool, read: &Read<'_>) -> Option<bool> {
        match self
            .matcher(dir, read)?
            .matched_path_or_any_parents(abs, is_dir)
        {
            Match::Ignore(_) => Some(true),
            Match::Whitelist(_) => Some(false),
            Match::None => None,
        }
    }

    fn matcher(&self, dir: &str, read: &Read<'_>) -> Option<Arc<Gitignore>> {
        if let Some(known) = self.read.lock().expect("gitignore lock").get(dir) {
            return known.clone();
        }
        let (file, folder) = if dir == "." {
            (".gitignore".to_string(), self.root.clone())
        } else {
            (format!("{dir}/.gitignore"), self.root.join(dir))
        };
        // Read as every other file of the checkout: no FIFO, nothing huge, nothing outside.
        let built = read(&file).ok().and_then(|text| {
            let mut builder = GitignoreBuilder::new(folder);
            for line in text.lines() {
                // A line git would not understand is skipped, as git skips it.
                let _ = builder.add_line(None, line);
            }
            builder.build().ok().map(Arc::new)
        });
        self.read
            .lock()
            .expect("gitignore lock")
            .insert(dir.to_string(), built.clone());
        built
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_gitignores_decide_for_paths_that_do_not_exist() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join(".gitignore"), "dist/\n*.gen.ts\n!keep.gen.ts\n").unwrap();
        std::fs::create_dir_all(root.join("www/src")).unwrap();
        std::fs::write(
            root.join("www/.gitignore"),
            "/src/data.output.ts\n!/src/kept.gen.ts\n",
        )
        .unwrap();
        let gitignores = Gitignores::new(root.to_path_buf());
        let read = |file: &str| crate::read_inside(root, file);
        let ignores = |path: &str, is_dir: bool| gitignores.ignores(path, is_dir, &read);
        for ignored in ["www/src/data.output.ts", "a/dist/x.js", "a/b/schema.gen.ts"] {
            assert!(ignores(ignored, false), "{ignored}");
        }
        assert!(ignores("dist", true) && !ignores("dist", false));
        for kept in [
            "src/data.output.ts",
            "www/src/other.ts",
            "a/keep.gen.ts",
            "www/src/kept.gen.ts",
            "../outside/dist/x.js",
            ".",
        ] {
            assert!(!ignores(kept, false), "{kept}");
        }
    }
}
