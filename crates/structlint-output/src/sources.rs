//! Source text for snippets, read back from disk once per file that has findings.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use structlint_core::Report;

pub(crate) struct Sources {
    root: PathBuf,
    cache: HashMap<String, Option<Arc<String>>>,
}

impl Sources {
    /// Sources of the files of `report`: its in-memory buffers, else the files on disk.
    pub fn new(report: &Report) -> Sources {
        Sources {
            root: report.root.clone(),
            cache: (report.buffers.iter())
                .map(|(path, text)| (path.clone(), Some(text.clone())))
                .collect(),
        }
    }

    /// The text of `path`, or `None` when it cannot be read as UTF-8 any more. Snippets are
    /// printed, so only files that resolve under the root are read (see `read_inside`).
    pub fn get(&mut self, path: &str) -> Option<Arc<String>> {
        self.cache
            .entry(path.to_string())
            .or_insert_with(|| {
                structlint_core::read_inside(&self.root, path)
                    .ok()
                    .map(Arc::new)
            })
            .clone()
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
