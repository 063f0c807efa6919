//! `structlint test`: runs each rule's inline tests (`[[rule.tests]]` valid/invalid snippets)
//! and its fixture files (`// expect: <id>` / `// ok: <id>` before a line), and keeps a
//! snapshot of every expected finding's full prompt in `__snapshots__/<id>.md` beside the rule
//! file, so a reviewer reads the exact text an agent will get.

mod prompt;
mod workspace;

use prompt::prompt;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use structlint_core::{ConfigError, Language, SourceFile};
use structlint_lang::parse_tree;

use crate::compile::{CompiledRule, Matcher};
use crate::files::load_file;
use crate::rule::diagnostic;
use crate::set::RuleSet;

/// The outcome for one rule.
pub struct RuleReport {
    pub id: String,
    pub file: PathBuf,
    pub cases: usize,
    pub fixtures: usize,
    /// Each problem on one line (with the snippet or fixture line it is about).
    pub failures: Vec<String>,
    /// The snapshot was written (`--update`, or it did not exist and `update` was asked).
    pub snapshot_written: bool,
}

impl RuleReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Tests every rule of `rule_files`; with `update`, rewrites the prompt snapshots. The rule
/// files, their fixtures and snapshots are read only when they resolve to files under `root`.
pub fn run(
    root: &Path,
    rule_files: &[PathBuf],
    update: bool,
) -> Result<Vec<RuleReport>, ConfigError> {
    let mut reports = Vec::new();
    for file in rule_files {
        let set = Arc::new(RuleSet::new(load_file(root, file)?));
        let dir = file.parent().unwrap_or(Path::new("."));
        let fixtures = fixture_files(root, dir);
        let at = Place { root, file };
        for (index, rule) in set.rules.iter().enumerate() {
            reports.push(test_rule(&set, index, rule, at, &fixtures, update));
        }
    }
    Ok(reports)
}

/// The rule file being tested and the workspace root its snapshots must stay under.
#[derive(Clone, Copy)]
struct Place<'a> {
    root: &'a Path,
    file: &'a Path,
}

fn test_rule(
    set: &Arc<RuleSet>,
    index: usize,
    rule: &CompiledRule,
    at: Place<'_>,
    fixtures: &[(PathBuf, Language, String)],
    update: bool,
) -> RuleReport {
    let file = at.file;
    let mut failures = Vec::new();
    let mut snapshot = String::new();
    let mut cases = 0;
    let mut invalid_cases = 0;
    if matches!(rule.matcher, Matcher::Imports(_) | Matcher::Files(_)) {
        let (count, expected) = workspace::run(set, index, file, &mut failures, &mut snapshot);
        if expected == 0 {
            failures.push("no invalid case: add a `[[rule.tests]]` with `files` and the `expect`ed `path:line`s".into());
        }
        let snapshot_written = check_snapshot(at, &rule.id, &snapshot, update, &mut failures);
        return RuleReport {
            id: rule.id.clone(),
            file: file.to_path_buf(),
            cases: count,
            fixtures: 0,
            failures,
            snapshot_written,
        };
    }
    let language = rule.languages[0];
    for tests in &rule.tests {
        for (i, snippet) in tests.valid.iter().enumerate() {
            cases += 1;
            let found = findings(
                set,
                index,
                language,
                "valid.snippet",
                snippet,
                &mut failures,
            );
            if let Some((line, _)) = found.first() {
                failures.push(format!(
                    "noisy: valid[{i}] is reported at line {line}: `{}`",
                    line_text(snippet, *line)
                ));
            }
        }
        for (i, snippet) in tests.invalid.iter().enumerate() {
            cases += 1;
            invalid_cases += 1;
            let found = findings(
                set,
                index,
                language,
                "invalid.snippet",
                snippet,
                &mut failures,
            );
            if found.is_empty() {
                failures.push(format!(
                    "missing: invalid[{i}] is not reported: `{}`",
                    crate::message::one_line(snippet)
                ));
            }
            snapshot.push_str(&format!(
                "## invalid[{i}]\n\n```{}\n{}\n```\n\n",
                language.name(),
                snippet.trim_end()
            ));
            for (_, prompt) in found {
                snapshot.push_str(&prompt);
            }
        }
    }
    let mut fixture_count = 0;
    for (path, lang, text) in fixtures
        .iter()
        .filter(|(_, l, _)| rule.languages.contains(l))
    {
        let (expect, ok) = (
            marked(text, &format!("expect: {}", rule.id)),
            marked(text, &format!("ok: {}", rule.id)),
        );
        if expect.is_empty() && ok.is_empty() {
            continue;
        }
        fixture_count += 1;
        invalid_cases += expect.len();
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let found = findings(set, index, *lang, &name, text, &mut failures);
        let lines: Vec<usize> = found.iter().map(|(l, _)| *l).collect();
        for line in &expect {
            if !lines.contains(line) {
                failures.push(format!(
                    "missing: {name}:{line} is not reported: `{}`",
                    line_text(text, *line)
                ));
            }
        }
        for (line, prompt) in &found {
            if !expect.contains(line) {
                let why = if ok.contains(line) {
                    "marked ok"
                } else {
                    "not marked expect"
                };
                failures.push(format!(
                    "noisy: {name}:{line} is reported but {why}: `{}`",
                    line_text(text, *line)
                ));
            } else {
                snapshot.push_str(&format!("## {name}:{line}\n\n"));
                snapshot.push_str(prompt);
            }
        }
    }
    if invalid_cases == 0 {
        failures.push("no invalid case: add one (`invalid = [...]` or an `// expect:` line in a fixture) so the rule is proven to fire".into());
    }
    let snapshot_written = check_snapshot(at, &rule.id, &snapshot, update, &mut failures);
    RuleReport {
        id: rule.id.clone(),
        file: file.to_path_buf(),
        cases,
        fixtures: fixture_count,
        failures,
        snapshot_written,
    }
}

/// The findings of rule `index` in `text`: (line, rendered prompt). A rule that runs out of
/// steps on a case fails it.
fn findings(
    set: &RuleSet,
    index: usize,
    language: Language,
    name: &str,
    text: &str,
    failures: &mut Vec<String>,
) -> Vec<(usize, String)> {
    let file = SourceFile::new(
        name.to_string(),
        PathBuf::from(name),
        language,
        text.to_string(),
    );
    let tree = parse_tree(language.grammar(), text).ok();
    let run = set.run(language, text, tree.as_ref(), &|i| i == index);
    if run.gave_up[index] {
        failures.push(format!(
            "slow: {name}: {}",
            crate::rule::gave_up(&set.rules[index], name).message
        ));
    }
    run.found[index]
        .iter()
        .map(|f| {
            let d = diagnostic(&set.rules[index], f, text, |r| file.span(r));
            let prompt = prompt(&d);
            (d.span.start_pos.line as usize, prompt)
        })
        .collect()
}

/// The 1-based lines that follow a comment line containing `marker`.
fn marked(text: &str, marker: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            l.trim_start().starts_with("//")
                && l.contains(marker)
                && l.split(marker).nth(1).is_some_and(|rest| {
                    !rest.starts_with(|c: char| c.is_alphanumeric() || c == '-')
                })
        })
        .map(|(i, _)| i + 2)
        .collect()
}

fn line_text(text: &str, line: usize) -> String {
    crate::message::one_line(text.lines().nth(line.saturating_sub(1)).unwrap_or(""))
}

/// The files beside the rule files that structlint can read (under `root`).
fn fixture_files(root: &Path, dir: &Path) -> Vec<(PathBuf, Language, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(PathBuf, Language, String)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter_map(|p| {
            let language = Language::from_path(&p)?;
            let text = crate::files::read_under(root, &p).ok()?;
            Some((p, language, text))
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Compares (or with `update`, writes) `__snapshots__/<id>.md`; returns whether it wrote.
fn check_snapshot(
    at: Place<'_>,
    id: &str,
    body: &str,
    update: bool,
    failures: &mut Vec<String>,
) -> bool {
    let path = at
        .file
        .parent()
        .unwrap_or(Path::new("."))
        .join("__snapshots__")
        .join(format!("{id}.md"));
    let text = format!("# {id}: the prompts of its invalid cases\n\n{body}");
    let current = crate::files::read_under(at.root, &path).ok();
    if current.as_deref() == Some(text.as_str()) {
        return false;
    }
    if update {
        // A committed `__snapshots__` symlink must not carry the write out of the workspace.
        let dir = path.parent().unwrap_or(Path::new("."));
        let written = std::fs::create_dir_all(dir)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                let under = dir.strip_prefix(at.root).unwrap_or(dir);
                structlint_core::resolve_inside(at.root, under).map_err(|e| e.to_string())
            })
            .and_then(|_| {
                structlint_core::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())
            });
        if let Err(e) = written {
            failures.push(format!("cannot write {}: {e}", path.display()));
            return false;
        }
        return true;
    }
    failures.push(match current {
        None => format!("no snapshot of its prompts yet: run `structlint test --update` and review {}", path.display()),
        Some(old) => {
            let line = old.lines().zip(text.lines()).position(|(a, b)| a != b).unwrap_or(old.lines().count().min(text.lines().count()));
            format!("the prompts changed (first at line {} of {}): review them and run `structlint test --update`", line + 1, path.display())
        }
    });
    false
}
