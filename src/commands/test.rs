//! `structlint test`: the tests of TOML rules, one line per rule.

use std::path::{Path, PathBuf};

use structlint_core::ConfigError;
use structlint_toml_rules::testing::{self, RuleReport};

use super::{print, report_error};
use crate::cli::TestArgs;
use crate::{EXIT_ERROR, EXIT_FINDINGS};

pub fn run(args: &TestArgs) -> u8 {
    let groups = match rule_files(&args.paths) {
        Ok(groups) => groups,
        Err(e) => return report_error(&e),
    };
    let mut reports = Vec::new();
    for (root, files) in &groups {
        match testing::run(root, files, args.update) {
            Ok(found) => reports.extend(found),
            Err(e) => return report_error(&e),
        }
    }
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

/// The rule files to test, each with the root they must stay under: the given files (under
/// their folder), every `.toml` under the given directories, or by default the `rule-files`
/// of the nearest config (under its folder), else `rules/`.
fn rule_files(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Vec<PathBuf>)>, ConfigError> {
    if paths.is_empty() {
        if let Some(config) = structlint_core::find_config(Path::new(".")) {
            let root = config.parent().unwrap_or(Path::new("."));
            let text = structlint_core::read_inside(root, &config)
                .map_err(|e| ConfigError::plain(format!("cannot read config file: {e}")))?;
            let patterns: Vec<String> = toml::from_str::<toml::Table>(&text)
                .ok()
                .and_then(|t| t.get("rule-files").cloned())
                .and_then(|v| v.try_into().ok())
                .unwrap_or_default();
            if !patterns.is_empty() {
                let files = structlint_toml_rules::expand(root, &patterns)?;
                return Ok(vec![(root.to_path_buf(), files)]);
            }
        }
        return rule_files(&[PathBuf::from("rules")]);
    }
    let mut groups = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = structlint_toml_rules::expand(path, &["**/*.toml".to_string()])?;
            groups.push((path.clone(), found));
        } else if path.is_file() {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
            groups.push((
                dir.unwrap_or(Path::new(".")).to_path_buf(),
                vec![path.clone()],
            ));
        } else {
            return Err(ConfigError::plain(format!(
                "{} does not exist: give rule files or directories that hold them",
                path.display()
            )));
        }
    }
    Ok(groups)
}
