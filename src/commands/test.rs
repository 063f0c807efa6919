//! `structlint test`: the tests of TOML rules, one line per rule.

use std::path::{Path, PathBuf};

use structlint_core::ConfigError;
use structlint_toml_rules::testing::{self, RuleReport};

use super::{print, report_error};
use crate::cli::TestArgs;
use crate::{EXIT_ERROR, EXIT_FINDINGS};

pub fn run(args: &TestArgs) -> u8 {
    let files = match rule_files(&args.paths) {
        Ok(files) => files,
        Err(e) => return report_error(&e),
    };
    let reports = match testing::run(&files, args.update) {
        Ok(reports) => reports,
        Err(e) => return report_error(&e),
    };
    let text = render(&reports);
    let failed = reports.iter().filter(|r| !r.passed()).count();
    if !print(&text) {
        return EXIT_ERROR;
    }
    if failed > 0 { EXIT_FINDINGS } else { 0 }
}

fn render(reports: &[RuleReport]) -> String {
    // Ids are padded to line up; a format width over 65,535 panics, and a longer id is
    // not worth lining up with.
    let width = reports
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0)
        .min(64);
    let mut text = String::new();
    for r in reports {
        let status = if r.passed() { "ok  " } else { "FAIL" };
        let written = if r.snapshot_written {
            ", snapshot written"
        } else {
            ""
        };
        text.push_str(&format!(
            "{status} {:width$}  {} cases, {} fixtures{written}  ({})\n",
            r.id,
            r.cases,
            r.fixtures,
            r.file.display()
        ));
        for failure in &r.failures {
            text.push_str(&format!("     - {failure}\n"));
        }
    }
    let failed = reports.iter().filter(|r| !r.passed()).count();
    text.push_str(&format!(
        "\n{} rules: {} passed, {failed} failed\n",
        reports.len(),
        reports.len() - failed
    ));
    text
}

/// The rule files to test: the given files, every `.toml` under the given directories, or
/// by default the `rule-files` of the nearest config, else `rules/`.
fn rule_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ConfigError> {
    if paths.is_empty() {
        if let Some(config) = structlint_core::find_config(Path::new(".")) {
            let root = config.parent().unwrap_or(Path::new("."));
            let text = std::fs::read_to_string(&config).unwrap_or_default();
            let patterns: Vec<String> = toml::from_str::<toml::Table>(&text)
                .ok()
                .and_then(|t| t.get("rule-files").cloned())
                .and_then(|v| v.try_into().ok())
                .unwrap_or_default();
            if !patterns.is_empty() {
                return structlint_toml_rules::expand(root, &patterns);
            }
        }
        return rule_files(&[PathBuf::from("rules")]);
    }
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = structlint_toml_rules::expand(path, &["**/*.toml".to_string()])?;
            files.extend(found);
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            return Err(ConfigError::plain(format!(
                "{} does not exist: give rule files or directories that hold them",
                path.display()
            )));
        }
    }
    Ok(files)
}
