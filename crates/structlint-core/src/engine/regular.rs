//! Opening only regular files, without blocking. Opening a FIFO for reading blocks until a
//! writer comes, and a device (`/dev/zero` behind a symlink) never ends; a repository can
//! commit either where a source file, a manifest or a `.gitignore` is expected, or swap one in
//! during a run. So files are opened non-blocking and checked on the opened handle.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The file at `path`, opened for reading; `Ok(None)` when it is not a regular file.
pub(crate) fn open_regular(path: &Path) -> io::Result<Option<File>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Non-blocking, so that opening a FIFO returns at once; a regular file reads as usual.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    // Checked on the handle, not the path: the path may have been swapped since.
    Ok(file.metadata()?.is_file().then_some(file))
}

/// The ignore files the walk reads in `dir` (`.gitignore`, `.ignore`, `.git/info/exclude`):
/// the first that exists and is not a regular file, which the walk must not try to read.
pub(crate) fn irregular_ignore_file(dir: &Path) -> Option<PathBuf> {
    [".gitignore", ".ignore", ".git/info/exclude"]
        .iter()
        .map(|name| dir.join(name))
        .find(|path| std::fs::metadata(path).is_ok_and(|m| !m.is_file()))
}

/// [`irregular_ignore_file`] of `dir` and of every folder above it, which the walk reads too.
pub(crate) fn irregular_ignore_file_above(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find_map(irregular_ignore_file)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn mkfifo(path: &Path) {
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    #[test]
    fn fifos_and_devices_are_not_opened_as_files() {
        let dir = tempfile::tempdir().unwrap();
        let (file, fifo) = (dir.path().join("a.ts"), dir.path().join("b.ts"));
        std::fs::write(&file, "x").unwrap();
        mkfifo(&fifo);
        assert!(open_regular(&file).unwrap().is_some());
        assert!(
            open_regular(&fifo).unwrap().is_none(),
            "returns at once, unopened"
        );
        assert!(open_regular(Path::new("/dev/zero")).unwrap().is_none());
        assert_eq!(irregular_ignore_file(dir.path()), None);
        mkfifo(&dir.path().join(".gitignore"));
        assert_eq!(
            irregular_ignore_file(dir.path()),
            Some(dir.path().join(".gitignore"))
        );
        let below = dir.path().join("sub");
        std::fs::create_dir(&below).unwrap();
        assert!(irregular_ignore_file_above(&below).is_some());
    }
}
