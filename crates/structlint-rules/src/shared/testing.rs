//! Runs the real engine with the built-in rules on a small workspace, for rule tests.

use std::path::Path;

use structlint_core::{Config, Diagnostic, Engine};

/// A workspace written to a temporary directory, checked with `config` (a structlint.toml).
pub(crate) struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<String>,
    /// How many files were parsed with tree-sitter.
    pub parsed: usize,
    _dir: tempfile::TempDir,
}

pub(crate) fn check(files: &[(&str, &str)], config: &str) -> Checked {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let config_path = dir.path().join("structlint.toml");
    std::fs::write(&config_path, config).unwrap();
    let config = Config::load(&config_path, crate::builtin())
        .unwrap_or_else(|e| panic!("config: {}", e.message));
    let report = Engine::new(config)
        .check(&[dir.path().to_path_buf()])
        .unwrap();
    assert!(
        report.internal_errors.is_empty(),
        "{:?}",
        report.internal_errors
    );
    let notes = report
        .notes
        .iter()
        .map(|n| format!("{}: {}", n.path, n.message))
        .collect();
    Checked {
        diagnostics: report.diagnostics,
        notes,
        parsed: report.stats.parsed,
        _dir: dir,
    }
}

impl Checked {
    /// `path:line rule: summary` of the findings of `rule`.
    pub fn of(&self, rule: &str) -> Vec<String> {
        self.diagnostics
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| format!("{}:{} {}", d.span.path, d.span.start_pos.line, d.summary))
            .collect()
    }

    pub fn first(&self, rule: &str) -> &Diagnostic {
        self.diagnostics
            .iter()
            .find(|d| d.rule == rule)
            .unwrap_or_else(|| panic!("no {rule} finding in {:#?}", self.diagnostics))
    }
}

/// Reads a file of the workspace: for checking edits.
#[allow(dead_code)]
pub(crate) fn read(checked: &Checked, path: &str) -> String {
    std::fs::read_to_string(Path::new(checked._dir.path()).join(path)).unwrap()
}
