//! Source text for snippets, read back from disk when a finding needs its lines.

use std::cell::OnceCell;
use std::collections::{HashMap, VecDeque};
use std::ops::Deref;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use structlint_core::LineIndex;

use structlint_core::Report;

pub(crate) struct Sources {
    root: PathBuf,
    /// The report's in-memory buffers (the editor's unsaved text, stdin).
    buffers: HashMap<String, Rc<Source>>,
    /// The files last read from disk, newest last. Renderers go through the findings file by
    /// file, so a few suffice, and a report with findings in ten thousand files does not keep
    /// ten thousand files in memory while it is written.
    recent: VecDeque<(String, Option<Rc<Source>>)>,
}

/// How many files read from disk [`Sources`] keeps.
const RECENT_FILES: usize = 8;

/// The text of a file, and its line index once a snippet needs one: built once per file, so
/// that each of a file's findings finds its lines without counting them from the start.
pub(crate) struct Source {
    text: Arc<String>,
    lines: OnceCell<LineIndex>,
    /// Where each `\n` is: a unified diff numbers lines by `\n` alone.
    newlines: OnceCell<Vec<usize>>,
}

impl Source {
    fn new(text: Arc<String>) -> Rc<Source> {
        Rc::new(Source {
            text,
            lines: OnceCell::new(),
            newlines: OnceCell::new(),
        })
    }

    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// How many `\n` come before `offset`.
    pub fn newlines_before(&self, offset: usize) -> usize {
        let newlines = self
            .newlines
            .get_or_init(|| self.text.match_indices('\n').map(|(i, _)| i).collect());
        newlines.partition_point(|&i| i < offset)
    }
}

impl Deref for Source {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl Sources {
    /// Sources of the files of `report`: its in-memory buffers, else the files on disk.
    pub fn new(report: &Report) -> Sources {
        Sources {
            root: report.root.clone(),
            buffers: (report.buffers.iter())
                .map(|(path, text)| (path.clone(), Source::new(Arc::clone(text))))
                .collect(),
            recent: VecDeque::with_capacity(RECENT_FILES),
        }
    }

    /// The text of `path`, or `None` when it cannot be read as UTF-8 any more. Snippets are
    /// printed, so only files that resolve under the root are read (see `read_inside`).
    pub fn get(&mut self, path: &str) -> Option<Rc<Source>> {
        if let Some(buffer) = self.buffers.get(path) {
            return Some(Rc::clone(buffer));
        }
        if let Some(i) = self.recent.iter().position(|(p, _)| p == path) {
            return self.recent[i].1.clone();
        }
        let source = structlint_core::read_inside(&self.root, path)
            .ok()
            .map(|text| Source::new(Arc::new(text)));
        if self.recent.len() == RECENT_FILES {
            self.recent.pop_front();
        }
        self.recent.push_back((path.to_string(), source.clone()));
        source
    }

    /// How many files read from disk are kept.
    #[cfg(test)]
    fn kept(&self) -> usize {
        self.recent.iter().filter(|(_, s)| s.is_some()).count()
    }
}

/// `start..end` clipped to the first line, when it is a valid range of `text`; labels cover
/// one line so a snippet never prints a whole function.
pub(crate) fn first_line_range(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if start > end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return None;
    }
    // A lone `\r` ends a line too, as in files saved with classic Mac line endings.
    let line_end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    Some((start, end.min(line_end).max(start)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_files_are_kept_however_many_have_findings() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..20 {
            std::fs::write(
                dir.path().join(format!("f{i}.ts")),
                format!("const a = {i};\n"),
            )
            .unwrap();
        }
        let report = Report {
            root: dir.path().to_path_buf(),
            ..Report::default()
        };
        let mut sources = Sources::new(&report);
        for i in 0..20 {
            let text = sources.get(&format!("f{i}.ts")).unwrap();
            assert_eq!(&**text, format!("const a = {i};\n"));
        }
        assert_eq!(sources.kept(), RECENT_FILES);
        assert_eq!(
            &**sources.get("f0.ts").unwrap(),
            "const a = 0;\n",
            "read again"
        );
        assert!(sources.get("missing.ts").is_none());
    }

    #[test]
    fn ranges_are_validated_and_clipped_to_one_line() {
        let text = "ab\r\ncd\né\rf";
        assert_eq!(first_line_range(text, 0, 6), Some((0, 2)));
        assert_eq!(first_line_range(text, 4, 5), Some((4, 5)));
        assert_eq!(first_line_range(text, 8, 9), None, "inside a character");
        assert_eq!(
            first_line_range(text, 7, 11),
            Some((7, 9)),
            "a lone CR ends the line"
        );
        assert_eq!(first_line_range(text, 0, 99), None, "past the end");
    }
}
