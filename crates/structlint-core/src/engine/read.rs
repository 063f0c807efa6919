//! Reading a discovered file: size limit, binary and encoding checks, never a crash.

use std::io::Read;

use super::discover::Candidate;
use crate::{Note, NoteKind, SourceFile};

/// How many leading bytes are searched for a NUL byte, as git does to spot binary files.
const BINARY_SNIFF: usize = 8 * 1024;

/// Reads `candidate`, or says why it is skipped.
pub(crate) fn read(candidate: &Candidate, limit: u64) -> Result<SourceFile, Note> {
    let skip = |message: String| Note {
        path: candidate.path.clone(),
        kind: NoteKind::Skipped,
        message,
    };
    let file = super::regular::open_regular(&candidate.abs)
        .map_err(|e| skip(format!("unreadable: {e}")))?
        .ok_or_else(|| skip("not a regular file (a FIFO, device or socket); not read".into()))?;
    let text = read_text(file, limit).map_err(|problem| {
        skip(match problem {
            Unreadable::Io(e) => format!("unreadable: {e}"),
            Unreadable::TooLarge(size) => too_large(size, limit),
            Unreadable::Binary => "binary file (contains NUL bytes)".into(),
            Unreadable::NotUtf8(line) => {
                format!("not valid UTF-8 (first invalid byte on line {line}); re-save it as UTF-8")
            }
        })
    })?;
    Ok(SourceFile::new(
        candidate.path.clone(),
        candidate.abs.clone(),
        candidate.language,
        text,
    ))
}

/// The text of an editor's document in place of the file, under the same size limit: a
/// document too large to read from disk is too large to lint from memory.
pub(crate) fn overlay(candidate: &Candidate, text: &str, limit: u64) -> Result<SourceFile, Note> {
    if text.len() as u64 > limit {
        return Err(Note {
            path: candidate.path.clone(),
            kind: NoteKind::Skipped,
            message: too_large(text.len() as u64, limit),
        });
    }
    Ok(candidate.with_text(text))
}

/// Why a file of `size` bytes is not linted under `[files] max-file-size = limit`.
pub fn too_large(size: u64, limit: u64) -> String {
    format!(
        "{} is over the size limit of {}; raise `[files] max-file-size` or exclude it",
        human_size(size),
        human_size(limit)
    )
}

/// Why a file's text was not read; the engine makes it a note, `read_inside` an error.
#[derive(Debug)]
pub(crate) enum Unreadable {
    Io(std::io::Error),
    /// Over the limit: the file's size in bytes.
    TooLarge(u64),
    Binary,
    /// Not UTF-8: the 1-based line of the first invalid byte.
    NotUtf8(usize),
}

/// The text of `file`: at most `limit` bytes, not binary, UTF-8.
pub(crate) fn read_text(mut file: std::fs::File, limit: u64) -> Result<String, Unreadable> {
    let mut bytes = Vec::new();
    // Reading at most limit + 1 bytes catches files that grow after a metadata check.
    (&mut file)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Unreadable::Io)?;
    if bytes.len() as u64 > limit {
        let size = file.metadata().map_or(bytes.len() as u64, |m| m.len());
        return Err(Unreadable::TooLarge(size));
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some() {
        return Err(Unreadable::Binary);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        Unreadable::NotUtf8(memchr::memchr_iter(b'\n', &e.as_bytes()[..valid]).count() + 1)
    })
}

pub(crate) fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use structlint_lang::Language;

    fn candidate(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Candidate {
        let abs = dir.join(name);
        std::fs::write(&abs, bytes).unwrap();
        Candidate {
            abs,
            path: name.into(),
            language: Language::TypeScript,
        }
    }

    #[test]
    fn skips_large_binary_and_non_utf8_files() {
        let tmp = tempfile::tempdir().unwrap();
        let big = candidate(tmp.path(), "big.ts", &vec![b'a'; 3000]);
        assert!(
            read(&big, 2048)
                .unwrap_err()
                .message
                .contains("2.9 KiB is over the size limit of 2.0 KiB")
        );
        let binary = candidate(tmp.path(), "video.ts", b"G@\x00\x10\x00");
        assert!(
            read(&binary, 1 << 20)
                .unwrap_err()
                .message
                .starts_with("binary file")
        );
        let latin1 = candidate(tmp.path(), "l.ts", b"ok\nconst caf\xe9 = 1;\n");
        assert!(
            read(&latin1, 1 << 20)
                .unwrap_err()
                .message
                .contains("line 2")
        );
        let good = candidate(tmp.path(), "g.ts", "const é = 1;\n".as_bytes());
        assert_eq!(read(&good, 1 << 20).unwrap().lines.line_count(), 1);
    }

    #[test]
    fn documents_from_an_editor_have_the_same_size_limit() {
        let tmp = tempfile::tempdir().unwrap();
        let c = candidate(tmp.path(), "a.ts", b"");
        let note = overlay(&c, &"a".repeat(3000), 2048).unwrap_err();
        assert_eq!(
            note.message,
            "2.9 KiB is over the size limit of 2.0 KiB; raise `[files] max-file-size` or exclude it"
        );
        assert_eq!(
            overlay(&c, "const a = 1;", 2048).unwrap().text,
            "const a = 1;"
        );
    }

    #[test]
    fn unreadable_files_become_notes() {
        let c = Candidate {
            abs: "/no/such/file.ts".into(),
            path: "file.ts".into(),
            language: Language::TypeScript,
        };
        assert!(read(&c, 10).unwrap_err().message.starts_with("unreadable"));
    }
}
