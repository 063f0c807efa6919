use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::rule::FileFacts;
use crate::rule::{ActiveRule, Needs, RuleMeta, WorkspaceRule};
use crate::{Diagnostic, FileContext, Severity, WorkspaceContext};

/// Reports every `TODO`; counts how often it was asked to check a file.
struct Todo(&'static AtomicUsize);

impl FileRule for Todo {
    fn needs(&self) -> Needs {
        Needs::literals(&["TODO"])
    }
    fn check(&self, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        self.0.fetch_add(1, Ordering::Relaxed);
        for (at, _) in cx.text().match_indices("TODO") {
            out.push(Diagnostic::new(cx.span(at..at + 4), "TODO left in"));
        }
    }
}

/// Reports files whose first line is the same as an earlier file's: a cross-file rule.
pub(super) struct SameFirstLine;

impl WorkspaceRule for SameFirstLine {
    type Facts = (String, crate::Span);
    fn needs(&self) -> Needs {
        Needs::always()
    }
    fn collect(&self, cx: &FileContext<'_>) -> Option<Self::Facts> {
        let line = cx.file.line_span(1);
        Some((cx.text()[line.start..line.end].to_string(), line))
    }
    fn check(
        &self,
        _: &WorkspaceContext,
        files: Vec<FileFacts<Self::Facts>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut seen: std::collections::HashMap<String, crate::Span> = Default::default();
        for file in files {
            let (line, span) = file.facts;
            match seen.get(&line) {
                Some(first) => out.push(
                    Diagnostic::new(span, "same first line").related(first.clone(), "first here"),
                ),
                None => {
                    seen.insert(line, span);
                }
            }
        }
    }
}

struct Panics;

impl FileRule for Panics {
    fn needs(&self) -> Needs {
        Needs::literals(&["boom"])
    }
    fn check(&self, _: &FileContext<'_>, _: &mut Vec<Diagnostic>) {
        panic!("rule exploded");
    }
}

fn active(id: &str, severity: Severity, imp: RuleImpl) -> ActiveRule {
    ActiveRule {
        meta: RuleMeta {
            docs: format!("docs/rules/{id}.md").into(),
            ..RuleMeta::named(id)
        },
        severity,
        imp,
    }
}

pub(super) fn engine(root: PathBuf, calls: &'static AtomicUsize) -> Engine {
    let mut config = Config::defaults(root, &[]).unwrap();
    config.rules = vec![
        active(
            "todo",
            Severity::Warning,
            RuleImpl::File(Box::new(Todo(calls))),
        ),
        active(
            "same-first-line",
            Severity::Error,
            RuleImpl::Workspace(Box::new(SameFirstLine)),
        ),
        active("panics", Severity::Error, RuleImpl::File(Box::new(Panics))),
        active("suppressions", Severity::Error, RuleImpl::Suppressions),
    ];
    config.known_rules = config.rules.iter().map(|r| r.meta.id.to_string()).collect();
    Engine::new(config)
}

pub(crate) fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = tmp.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    tmp
}

pub(super) fn summary(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let s = &d.span;
            let sup = if d.is_suppressed() {
                " (suppressed)"
            } else {
                ""
            };
            format!(
                "{}:{}:{} {} {}: {}{sup}",
                s.path,
                s.start_pos.line,
                s.start_pos.column,
                d.severity.as_str(),
                d.rule,
                d.summary
            )
        })
        .collect()
}

#[test]
fn both_phases_run_and_output_is_sorted() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let tmp = workspace(&[
        ("b.ts", "// header\nconst b = 1; // TODO\n"),
        ("a.ts", "// header\nconst a = 1;\n"),
        ("c.rs", "fn c() {} // TODO\n"),
        ("d.ts", "no literal here\n"),
    ]);
    let report = engine(tmp.path().to_path_buf(), &CALLS).check(&[]).unwrap();
    assert_eq!(
        summary(&report),
        [
            "b.ts:1:1 error same-first-line: same first line",
            "b.ts:2:17 warning todo: TODO left in",
            "c.rs:1:14 warning todo: TODO left in",
        ]
    );
    assert_eq!(report.diagnostics[0].related[0].span.path, "a.ts");
    assert_eq!(
        CALLS.load(Ordering::Relaxed),
        2,
        "the prefilter skips files without TODO"
    );
    assert_eq!(report.stats.files, 4);
    assert_eq!(report.stats.parsed, 0, "no rule asked for a tree");
    assert_eq!(report.rules.len(), 4);
}

#[test]
fn output_does_not_depend_on_thread_count() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let files: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("p{}/f{i}.ts", i % 7),
                format!("// {}\nconst x = 1; // TODO TODO\n", i % 5),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let tmp = workspace(&refs);
    let run = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| summary(&engine(tmp.path().to_path_buf(), &CALLS).check(&[]).unwrap()))
    };
    let one = run(1);
    assert_eq!(one.len(), 40 * 2 + 35);
    assert_eq!(one, run(4));
}

#[test]
fn suppressions_apply_to_both_phases_and_are_checked() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let tmp = workspace(&[
        ("a.ts", "x\n"),
        (
            "b.ts",
            "x\n// structlint-disable-file same-first-line -- generated copies\n// structlint-disable-next-line todo\nconst t = 'TODO';\n// structlint-disable-next-line todo -- nothing here\nconst u = 1;\n",
        ),
    ]);
    let report = engine(tmp.path().to_path_buf(), &CALLS).check(&[]).unwrap();
    assert_eq!(
        summary(&report),
        [
            "b.ts:1:1 error same-first-line: same first line (suppressed)",
            "b.ts:3:4 error suppressions: suppression of `todo` gives no reason",
            "b.ts:4:12 warning todo: TODO left in (suppressed)",
            "b.ts:5:4 error suppressions: suppression of `todo` suppresses nothing: the rule reports nothing here",
        ]
    );
    assert_eq!(
        (report.errors(), report.warnings(), report.suppressed()),
        (2, 0, 2)
    );
}

#[test]
fn a_crashing_rule_is_an_internal_error_not_a_crash() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let tmp = workspace(&[("a.ts", "boom\n"), ("b.ts", "// TODO\n")]);
    let report = engine(tmp.path().to_path_buf(), &CALLS).check(&[]).unwrap();
    assert_eq!(report.internal_errors.len(), 1);
    assert!(
        report.internal_errors[0].contains("a.ts: rule exploded")
            || report.internal_errors[0].contains("rule exploded")
    );
    assert_eq!(summary(&report), ["b.ts:1:4 warning todo: TODO left in"]);
}

#[test]
fn partial_runs_read_the_whole_project_but_report_only_on_the_inputs() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let tmp = workspace(&[
        ("a.ts", "// same\n"),
        ("sub/b.ts", "// same\n// TODO\n"),
        ("z.ts", "// same\n// TODO\n"),
    ]);
    let report = engine(tmp.path().to_path_buf(), &CALLS)
        .check(&[tmp.path().join("sub")])
        .unwrap();
    assert_eq!(
        summary(&report),
        [
            "sub/b.ts:1:1 error same-first-line: same first line",
            "sub/b.ts:2:4 warning todo: TODO left in",
        ]
    );
    assert_eq!(
        report.diagnostics[0].related[0].span.path, "a.ts",
        "facts came from outside the inputs"
    );
    assert_eq!(report.stats.files, 1);
}

#[test]
fn in_memory_sources_are_checked_like_files() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let file = SourceFile::new(
        "m.ts".into(),
        "m.ts".into(),
        Language::TypeScript,
        "// TODO\n".into(),
    );
    let report = engine(PathBuf::from("/"), &CALLS).check_sources(&[file]);
    assert_eq!(summary(&report), ["m.ts:1:4 warning todo: TODO left in"]);
}

#[test]
fn progress_hears_of_every_file_read_inputs_or_not() {
    #[derive(Default)]
    struct Counted {
        found: AtomicUsize,
        done: AtomicUsize,
    }
    impl Progress for Counted {
        fn files_found(&self, files: usize) {
            self.found.fetch_add(files, Ordering::Relaxed);
        }
        fn file_done(&self) {
            self.done.fetch_add(1, Ordering::Relaxed);
        }
    }
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let tmp = workspace(&[
        ("a.ts", "// a\n"),
        ("sub/b.ts", "// b\n"),
        ("sub/c.ts", "// c\n"),
        ("README.md", "not source\n"),
    ]);
    let counted = std::sync::Arc::new(Counted::default());
    let mut engine = engine(tmp.path().to_path_buf(), &CALLS);
    engine.set_progress(counted.clone());
    engine.check(&[tmp.path().join("sub")]).unwrap();
    // The workspace rule reads a.ts for its facts although only sub/ is reported on.
    assert_eq!(counted.found.load(Ordering::Relaxed), 3);
    assert_eq!(counted.done.load(Ordering::Relaxed), 3);
}
