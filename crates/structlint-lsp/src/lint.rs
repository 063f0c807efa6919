//! The checks behind the server: the config of the workspace loaded once into one engine,
//! whose per-file rules run on the editor's text at every change and whose workspace rules
//! run from disk in the background, with the open documents laid over it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use structlint_core::{
    ConfigError, Diagnostic, Engine, FilesConfig, Language, Severity, SourceFile,
};
use structlint_session::ConfigPath;

pub(crate) struct Linter {
    /// The workspace folder it was loaded for.
    pub folder: PathBuf,
    pub root: PathBuf,
    pub config_file: Option<PathBuf>,
    files: FilesConfig,
    engine: Engine,
}

impl Linter {
    /// The config of `folder` (the nearest structlint.toml at or above it), or the defaults.
    pub fn load(folder: &Path) -> Result<Linter, ConfigError> {
        let config = structlint_session::load(&[folder.to_path_buf()], None, ConfigPath::AsFound)?;
        Ok(Linter {
            folder: folder.to_path_buf(),
            root: config.root.clone(),
            config_file: config.file.clone(),
            files: config.files.clone(),
            engine: Engine::new(config),
        })
    }

    /// The root-relative path of `abs`, when structlint checks such a file.
    pub fn relative(&self, abs: &Path) -> Option<String> {
        Language::from_path(abs)?;
        let rel = abs
            .strip_prefix(&self.root)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        self.files.accepts_file(&rel).then_some(rel)
    }

    /// The per-file rules' findings in `text`, the document as the editor has it.
    pub fn lint(&self, rel: &str, abs: &Path, text: &str) -> Vec<Diagnostic> {
        let Some(language) = Language::from_path(abs) else {
            return Vec::new();
        };
        // `structlint check` skips such a file; parsing a 37 MB document took 1.2 GB.
        let limit = self.files.max_file_size;
        if text.len() as u64 > limit {
            return vec![too_large(rel, text, limit)];
        }
        let file = SourceFile::new(
            rel.to_string(),
            abs.to_path_buf(),
            language,
            text.to_string(),
        );
        let report = self.engine.check_file(&file);
        report
            .diagnostics
            .into_iter()
            .filter(|d| !d.is_suppressed())
            .collect()
    }

    /// The workspace rules' findings over the files on disk, with the open documents' text
    /// from `overlay` (absolute paths), by root-relative path.
    pub fn lint_workspace(
        &self,
        overlay: &HashMap<PathBuf, String>,
    ) -> HashMap<String, Vec<Diagnostic>> {
        let mut by_path: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        let Ok(report) = self
            .engine
            .check_workspace_rules(std::slice::from_ref(&self.root), overlay)
        else {
            return by_path;
        };
        // Suppression findings come with the per-file run, which sees the buffer's comments.
        for d in report
            .diagnostics
            .into_iter()
            .filter(|d| self.engine.is_workspace_rule(&d.rule) && !d.is_suppressed())
        {
            by_path.entry(d.span.path.to_string()).or_default().push(d);
        }
        by_path
    }
}

/// The id of the one finding on a document over the size limit: named after the setting, as
/// no rule reports it.
pub(crate) const TOO_LARGE: &str = "max-file-size";

fn too_large(rel: &str, text: &str, limit: u64) -> Diagnostic {
    let file = SourceFile::new(
        rel.to_string(),
        PathBuf::new(),
        Language::TypeScript,
        String::new(),
    );
    let size = structlint_core::too_large(text.len() as u64, limit);
    let mut d = Diagnostic::new(file.span(0..0), format!("structlint does not lint this file: {size}"))
        .why("Files over `[files] max-file-size` are skipped in every run, so that one generated or minified file cannot take the memory of the whole check.")
        .step("If this file is generated or minified, exclude it: add it to `[files] exclude` in structlint.toml.")
        .step("Otherwise raise `[files] max-file-size` (in bytes) in structlint.toml.");
    d.rule = TOO_LARGE.into();
    d.severity = Severity::Warning;
    d
}
