//! Writing a file so that readers see the old one or the new one, never half of either, and
//! so that a checkout cannot redirect the write.
//!
//! The temporary file used to have a predictable name (`.NAME.PID.tmp`): a repository could
//! commit a symlink by that name, and writing it overwrote the link's target. Now the
//! temporary file is created with `O_EXCL` under a random name (`tempfile`), so it is always
//! a new regular file, and it is renamed over the destination. A destination that is a
//! symlink is replaced by the file (the link's target is left alone): the write lands at the
//! path that was asked for, which is the least surprising of the safe choices.

use std::io::{self, Write};
use std::path::Path;

/// Replaces `path` with `bytes` atomically, as described above. On error the temporary file
/// is removed and `path` is unchanged.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, true, |out| out.write_all(bytes))
}

/// [`write_atomic`] for output produced piece by piece: `write` streams into the temporary
/// file (buffered), so a large report is never held whole in memory. If `write` fails, the
/// temporary file is removed and `path` is unchanged.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, true, |out| {
        let mut buffered = io::BufWriter::new(out);
        write(&mut buffered)?;
        buffered.flush()
    })
}

/// [`write_atomic`] without waiting for the disk: for the result cache, which readers still
/// see whole or not at all, and which a crash may leave damaged (a damaged cache is rebuilt).
/// Syncing its tens of megabytes took longer than the rest of a warm run.
pub(crate) fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, false, |out| out.write_all(bytes))
}

fn replace(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // tempfile creates files readable by their owner only; a report or snapshot gets the
    // permissions any new file gets (0666 less the umask), as it did before.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // Dropping the temporary file on any error below deletes it.
    let mut temp = builder.tempfile_in(dir)?;
    write(temp.as_file_mut())?;
    if sync {
        temp.as_file().sync_all()?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("report.json");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(tmp.path()), ["report.json"]);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().unwrap();
        // Renaming a file over a non-empty directory fails.
        std::fs::create_dir_all(tmp.path().join("taken/x")).unwrap();
        assert!(write_atomic(&tmp.path().join("taken"), b"x").is_err());
        assert_eq!(names(tmp.path()), ["taken"]);
        assert!(write_atomic(&tmp.path().join("no/such/dir/f"), b"x").is_err());
    }

    #[test]
    fn output_that_fails_halfway_leaves_the_old_file_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("report.json");
        write_atomic(&path, b"old").unwrap();
        let failed = write_atomic_with(&path, |out| {
            out.write_all(b"half of a new ")?;
            Err(io::Error::other("the renderer failed"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "the renderer failed");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(tmp.path()), ["report.json"]);
        write_atomic_with(&path, |out| out.write_all(b"new, in pieces")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new, in pieces");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_replaced_and_its_target_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("target");
        std::fs::write(&target, "keep").unwrap();
        let link = tmp.path().join("out");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"written").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert!(!link.symlink_metadata().unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "written");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_the_usual_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("snapshot.md");
        write_atomic(&path, b"x").unwrap();
        let mode = path.metadata().unwrap().permissions().mode();
        assert_eq!(mode & 0o644, 0o644, "{mode:o}");
    }
}
