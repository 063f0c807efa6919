//! Source tests as the engine runs them: workspace rules over the import graph and over the
//! index of the workspace's paths.

use std::collections::BTreeSet;
use std::sync::Arc;

use structlint_core::{
    AnyProvider, Diagnostic, FileContext, FileFacts, Language, Needs, Span, WorkspaceContext,
    WorkspaceRule,
};
use structlint_graph::{IMPORT_GRAPH, ImportGraphProvider, Target};

use crate::compile::{CompiledRule, Matcher};
use crate::rule::diagnostic;
use crate::set::{Finding, RuleSet};
use crate::source_test::{Assertion, FilesTest, ImportsTest};

pub(crate) struct SourceTest {
    pub set: Arc<RuleSet>,
    pub index: usize,
    /// The rule file, root-relative, and the 1-based line of the rule's id: where a glob
    /// that matches nothing is reported.
    pub origin: (String, usize),
}

/// What a file contributes to a `max-lines` files test: its line count. Imports tests read
/// the import graph provider.
pub(crate) type Lines = usize;

impl WorkspaceRule for SourceTest {
    type Facts = Lines;

    fn languages(&self) -> &[Language] {
        &self.rule().languages
    }

    fn needs(&self) -> Needs {
        match self.rule().matcher {
            Matcher::Imports(_) => Needs::always(),
            _ => Needs::always(),
        }
    }

    fn providers(&self) -> Vec<&'static dyn AnyProvider> {
        match self.rule().matcher {
            Matcher::Imports(_) => vec![&IMPORT_GRAPH],
            _ => Vec::new(),
        }
    }

    fn collect(&self, cx: &FileContext<'_>) -> Option<Lines> {
        match &self.rule().matcher {
            Matcher::Files(FilesTest {
                assertion: Assertion::MaxLines(_),
                paths,
                ..
            }) if paths.is_match(cx.path()) => Some(cx.line_count()),
            _ => None,
        }
    }

    fn check(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<Lines>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let rule = self.rule();
        let (findings, unmatched) = match &rule.matcher {
            Matcher::Imports(test) => imports(cx, test),
            Matcher::Files(test) => paths(cx, test, &files),
            _ => return,
        };
        for (path, text, f) in findings {
            let span = |r: std::ops::Range<usize>| span_in(&path, &text, r);
            out.push(diagnostic(rule, &f, &text, span));
        }
        if let Some(glob) = unmatched {
            let (file, line) = &self.origin;
            let at = Span {
                path: file.clone().into(),
                start: 0,
                end: 0,
                start_pos: pos(*line, 1),
                end_pos: pos(*line, 1),
            };
            out.push(
                Diagnostic::new(at, format!("source test `{}` checks nothing: `{glob}` matches no file", rule.id))
                    .why("A source test whose globs match no file passes whatever the code does, so a typo or a moved folder silently turns it off.")
                    .step(format!("Fix the glob `{glob}` so that it matches the paths it is meant for (relative to the config file), or delete the rule if those paths are gone.")),
            );
        }
    }
}

impl SourceTest {
    fn rule(&self) -> &CompiledRule {
        &self.set.rules[self.index]
    }
}

type Found = Vec<(String, String, Finding)>;

/// The references from `from` files to `to` files, with the `from` glob's captures bound.
fn imports(cx: &WorkspaceContext, test: &ImportsTest) -> (Found, Option<String>) {
    let Some(graph) = cx.artifact::<ImportGraphProvider>() else {
        return (Vec::new(), None);
    };
    let mut found = Vec::new();
    let (mut any_from, mut any_to) = (false, false);
    for file in &graph.files {
        any_to |= test.to.matches(&file.path, &[]).is_some();
        let Some(bound) = test.from.matches(&file.path, &[]) else {
            continue;
        };
        any_from = true;
        // The file's text places the findings; most files have none, so it is read on demand.
        let mut text: Option<String> = None;
        for (_, r, resolution) in file.refs() {
            let Target::File(target) = &resolution.target else {
                continue;
            };
            let Some(own) = test.to.matches(target, &bound) else {
                continue;
            };
            if test.allow_type_only && r.type_only {
                continue;
            }
            let values = bound
                .iter()
                .chain(&own)
                .cloned()
                .chain([
                    ("from".to_string(), file.path.clone()),
                    ("to".to_string(), target.clone()),
                ])
                .collect();
            let captures = vec![
                (
                    "specifier".to_string(),
                    r.specifier_span.start..r.specifier_span.end,
                ),
                ("match".to_string(), r.span.start..r.span.end),
            ];
            let text = text.get_or_insert_with(|| cx.read(&file.path).unwrap_or_default());
            found.push((
                file.path.clone(),
                text.clone(),
                Finding {
                    range: r.span.start..r.span.end,
                    captures,
                    values,
                },
            ));
        }
    }
    let unmatched = if !any_from {
        Some(test.from.source.clone())
    } else if !any_to {
        Some(test.to.source.clone())
    } else {
        None
    };
    (found, unmatched)
}

/// The assertion over every matching path of the workspace index.
fn paths(
    cx: &WorkspaceContext,
    test: &FilesTest,
    files: &[FileFacts<Lines>],
) -> (Found, Option<String>) {
    let all: BTreeSet<&str> = cx.index.iter().collect();
    let mut found = Vec::new();
    let mut matched = false;
    let mut report = |path: &str, values: &[(&str, String)]| {
        // Its first line is printed: only files under the root, of a bounded size.
        let text = cx.read(path).unwrap_or_default();
        let first_line = text.find('\n').unwrap_or(text.len());
        let values = values
            .iter()
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect();
        let captures = vec![("match".to_string(), 0..first_line)];
        found.push((
            path.to_string(),
            text,
            Finding {
                range: 0..first_line,
                captures,
                values,
            },
        ));
    };
    match &test.assertion {
        Assertion::Require(required) => {
            let dirs: BTreeSet<&str> = all
                .iter()
                .flat_map(|p| parents(p))
                .filter(|d| test.paths.is_match(d))
                .collect();
            for dir in dirs {
                matched = true;
                let missing: Vec<&String> = required
                    .iter()
                    .filter(|r| !all.contains(format!("{dir}/{r}").as_str()))
                    .collect();
                let Some(anchor) = all.iter().find(|p| {
                    p.strip_prefix(dir)
                        .is_some_and(|rest| rest.starts_with('/'))
                }) else {
                    continue;
                };
                if !missing.is_empty() {
                    let list = missing
                        .iter()
                        .map(|m| m.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    report(
                        anchor,
                        &[
                            ("dir", dir.to_string()),
                            ("missing", list),
                            ("path", anchor.to_string()),
                        ],
                    );
                }
            }
        }
        Assertion::Names(regex) => {
            for path in all.iter().filter(|p| test.paths.is_match(p)) {
                matched = true;
                let file = path.rsplit('/').next().unwrap_or(path);
                if !regex.is_match(file) {
                    report(
                        path,
                        &[("path", path.to_string()), ("file", file.to_string())],
                    );
                }
            }
        }
        Assertion::MaxLines(max) => {
            for f in files {
                let lines = f.facts;
                matched = true;
                if lines > *max {
                    report(
                        &f.path,
                        &[
                            ("path", f.path.clone()),
                            ("lines", lines.to_string()),
                            ("max", max.to_string()),
                        ],
                    );
                }
            }
        }
        Assertion::Forbid => {
            matched = true;
            for path in all.iter().filter(|p| test.paths.is_match(p)) {
                report(path, &[("path", path.to_string())]);
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    (found, (!matched).then(|| test.globs.join(", ")))
}

/// `a/b/c.ts` → `a/b`, `a`.
fn parents(path: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(path.rsplit_once('/').map(|(d, _)| d), |d| {
        d.rsplit_once('/').map(|(p, _)| p)
    })
}

fn pos(line: usize, column: usize) -> structlint_core::Position {
    structlint_core::Position {
        line: line as u32,
        column: column as u32,
        column_utf16: column as u32,
    }
}

fn span_in(path: &str, text: &str, range: std::ops::Range<usize>) -> Span {
    let index = structlint_core::LineIndex::new(text);
    Span {
        path: path.to_string().into(),
        start: range.start,
        end: range.end,
        start_pos: index.position(text, range.start),
        end_pos: index.position(text, range.end),
    }
}
