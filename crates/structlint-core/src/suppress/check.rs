use std::collections::HashMap;

use structlint_lang::Language;

use super::{Directive, DirectiveKind, FileDirectives};
use crate::config::closest;
use crate::{Applicability, Diagnostic, Edit, Replacement, Suppression};

/// The id of the rule that checks suppression comments themselves.
pub const SUPPRESSIONS_RULE: &str = "suppressions";

const WHY: &str = "A suppression is how code opts out of a structural check: it must name the rule, \
say why this case is an exception, and still be needed, or it hides problems from the next reader.";

/// Marks the diagnostics covered by a suppression comment and returns the findings about the
/// comments themselves: misspelt directives, unknown or missing rule ids, missing reasons, and
/// suppressions of a rule that ran on the file but reported nothing there.
pub fn apply(
    diagnostics: &mut [Diagnostic],
    files: &[FileDirectives],
    known_rules: &[String],
    ran: impl Fn(&str, &str, Language) -> bool,
) -> Vec<Diagnostic> {
    let by_path: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();
    let mut used: Vec<Vec<Vec<bool>>> = files
        .iter()
        .map(|f| {
            f.directives
                .iter()
                .map(|d| vec![false; d.rules.len()])
                .collect()
        })
        .collect();
    for diagnostic in diagnostics.iter_mut() {
        let Some(&file) = by_path.get(diagnostic.span.path.as_str()) else {
            continue;
        };
        for (d, directive) in files[file].directives.iter().enumerate() {
            let covers_line = match directive.kind {
                Some(DirectiveKind::File) => true,
                Some(DirectiveKind::NextLine) => {
                    directive.target_line == diagnostic.span.start_pos.line
                }
                None => false,
            };
            let rule = directive
                .rules
                .iter()
                .position(|r| covers(r, &diagnostic.rule));
            if let (true, Some(rule)) = (covers_line, rule) {
                used[file][d][rule] = true;
                diagnostic.suppression = Some(Box::new(Suppression {
                    justification: directive.reason.clone(),
                    line: directive.span.start_pos.line,
                }));
                break;
            }
        }
    }
    let mut findings = Vec::new();
    for (f, file) in files.iter().enumerate() {
        for (d, directive) in file.directives.iter().enumerate() {
            let unused: Vec<&str> = directive
                .rules
                .iter()
                .zip(&used[f][d])
                .filter(|(rule, used)| !**used && ran(rule, &file.path, file.language))
                .map(|(rule, _)| rule.as_str())
                .collect();
            findings.extend(check_directive(directive, known_rules, &unused));
        }
    }
    findings
}

/// Text that stands where a reason goes without being one: a template's `<reason>` (what the
/// editor's "Disable for this line" inserts), a filler word, or fewer than three letters.
fn is_placeholder(reason: &str) -> bool {
    let trimmed = reason.trim_end_matches(['*', '/']).trim();
    let bracketed = [('<', '>'), ('[', ']'), ('{', '}')]
        .iter()
        .any(|&(open, close)| trimmed.starts_with(open) && trimmed.ends_with(close));
    let filler = [
        "reason", "todo", "fixme", "tbd", "xxx", "n/a", "because", "why",
    ]
    .iter()
    .any(|f| {
        trimmed
            .trim_end_matches(['.', ':', '!'])
            .eq_ignore_ascii_case(f)
    });
    bracketed || filler || trimmed.chars().filter(|c| c.is_alphabetic()).count() < 3
}

/// `layers` covers `layers` and its sub-rules such as `layers/forbidden-edge`.
fn covers(directive_rule: &str, rule: &str) -> bool {
    rule.strip_prefix(directive_rule)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

fn check_directive(
    directive: &Directive,
    known_rules: &[String],
    unused: &[&str],
) -> Vec<Diagnostic> {
    let example = "// structlint-disable-next-line max-file-lines -- generated from schema.graphql; regenerated on build";
    let new = |summary: String| Diagnostic::new(directive.span.clone(), summary).why(WHY);
    let Some(kind) = directive.kind else {
        return vec![new(format!("`{}` is not a structlint directive, so it suppresses nothing", directive.word))
            .label("unknown directive")
            .step("To suppress the finding on the next line, write `// structlint-disable-next-line <rule> -- <reason>` on the line above it.")
            .step("To suppress a rule in the whole file, write `// structlint-disable-file <rule> -- <reason>` anywhere in the file.")
            .step(format!("Example: `{example}`."))];
    };
    let word = match kind {
        DirectiveKind::NextLine => "structlint-disable-next-line",
        DirectiveKind::File => "structlint-disable-file",
    };
    let mut out = Vec::new();
    if directive.rules.is_empty() {
        out.push(new(format!("`{word}` names no rule"))
            .label("no rule id")
            .step("Name the rule to suppress: the rule id the finding reports, e.g. `max-file-lines`; separate several with commas.")
            .step(format!("Follow the ids with ` -- ` and the reason, e.g. `{example}`.")));
    }
    for rule in &directive.rules {
        if known_rules.iter().any(|k| covers(rule, k)) {
            continue;
        }
        let mut d =
            new(format!("`{rule}` in `{word}` is not a structlint rule")).label("unknown rule id");
        if let Some(near) = closest(rule, known_rules.iter().map(String::as_str)) {
            d = d.step(format!("Did you mean `{near}`? Replace `{rule}` with it."));
        }
        out.push(
            d.step("Use the rule id the finding reports; `structlint rules` lists every rule id."),
        );
    }
    let all_unused = !unused.is_empty() && unused.len() == directive.rules.len();
    let placeholder = directive.reason.as_deref().filter(|r| is_placeholder(r));
    if let Some(placeholder) = placeholder
        && !directive.rules.is_empty()
        && !all_unused
    {
        out.push(new(format!("suppression of `{}` gives `{placeholder}`, which is a placeholder, not a reason", directive.rules.join(", ")))
            .label("a placeholder")
            .step(format!("Replace `{placeholder}` with why this case is an exception, in a few words a reviewer can check."))
            .step(format!("Example: `{example}`."))
            .step("If there is no good reason, fix the finding instead and delete the comment."));
    }
    if directive.reason.is_none() && !directive.rules.is_empty() && !all_unused {
        out.push(new(format!("suppression of `{}` gives no reason", directive.rules.join(", ")))
            .label("no reason after ` -- `")
            .step("Append ` -- ` and why this case is an exception, in a few words a reviewer can check.")
            .step(format!("Example: `{example}`."))
            .step("If there is no good reason, fix the finding instead and delete the comment."));
    }
    if !unused.is_empty() {
        let mut d = new(format!(
            "suppression of `{}` suppresses nothing: the rule reports nothing here",
            unused.join(", ")
        ))
        .label("suppresses nothing");
        d = if all_unused {
            d.step("Delete the comment: the code it covered no longer needs an exception.")
                .edit(Edit {
                    description: "Delete the unused suppression comment".into(),
                    replacements: vec![Replacement {
                        span: directive.removal.clone(),
                        text: String::new(),
                    }],
                    // Safe: a comment has no behaviour, and every rule it names ran on
                    // this file and reported nothing it covers.
                    applicability: Applicability::Safe,
                })
        } else {
            d.step(format!(
                "Remove `{}` from the comment's rule list; keep the rules it still suppresses.",
                unused.join("`, `")
            ))
        };
        if kind == DirectiveKind::NextLine {
            d = d.step(format!(
                "If the finding moved, put the comment directly above it: it covers line {} only.",
                directive.target_line
            ));
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suppress::parse_directives;
    use crate::{FileContext, SourceFile};

    fn run(text: &str, lines: &[u32]) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let file = SourceFile::new(
            "a.ts".into(),
            "a.ts".into(),
            Language::TypeScript,
            text.into(),
        );
        let cx = FileContext::new(&file);
        let files = [FileDirectives {
            path: "a.ts".into(),
            language: Language::TypeScript,
            directives: parse_directives(&cx),
        }];
        let mut ds: Vec<Diagnostic> = lines
            .iter()
            .map(|&l| {
                let mut d = Diagnostic::new(file.line_span(l as usize), "finding");
                d.rule = "max-file-lines".into();
                d
            })
            .collect();
        let known = ["max-file-lines".to_string(), "layers".to_string()];
        let found = apply(&mut ds, &files, &known, |rule, _, _| {
            known.iter().any(|k| k == rule)
        });
        (ds, found)
    }

    #[test]
    fn next_line_covers_only_the_next_line() {
        let (ds, found) = run(
            "// structlint-disable-next-line max-file-lines -- generated\na;\nb;\n",
            &[2, 3],
        );
        assert_eq!(
            ds[0].suppression.as_ref().unwrap().justification.as_deref(),
            Some("generated")
        );
        assert!(ds[1].suppression.is_none());
        assert!(found.is_empty(), "{found:?}");
    }

    /// The editor's "Disable for this line" writes `-- <reason>`; kept as is, it suppressed
    /// the finding and nothing said the reason was missing.
    #[test]
    fn a_placeholder_is_no_reason() {
        for reason in ["<reason>", "TODO", "reason.", "ok", "[why]", "<reason> */"] {
            let (ds, found) = run(
                &format!("// structlint-disable-next-line max-file-lines -- {reason}\na;\n"),
                &[2],
            );
            assert!(ds[0].is_suppressed(), "{reason}");
            assert_eq!(found.len(), 1, "{reason}: {found:?}");
            assert!(
                found[0]
                    .summary
                    .ends_with("which is a placeholder, not a reason"),
                "{}",
                found[0].summary
            );
        }
        for reason in [
            "generated",
            "vendored copy of lodash.debounce",
            "see PLAT-123",
        ] {
            let text = format!("// structlint-disable-next-line max-file-lines -- {reason}\na;\n");
            assert!(run(&text, &[2]).1.is_empty(), "{reason}");
        }
    }

    #[test]
    fn file_directive_covers_every_line_and_sub_rules_match() {
        let (ds, _) = run(
            "a;\n// structlint-disable-file max-file-lines -- vendored\n",
            &[1],
        );
        assert!(ds[0].is_suppressed());
        assert!(covers("layers", "layers/forbidden-edge"));
        assert!(!covers("layers", "layers-extra"));
    }

    #[test]
    fn problems_with_directives_are_reported() {
        let text = "// structlint-disable-next-line max-file-lines\na;\n// structlint-disable-file max-lines -- typo\n// structlint-disable-next-line layers -- stale\nb;\n// structlint-disable-line layers\n";
        let (ds, found) = run(text, &[2]);
        assert!(
            ds[0].is_suppressed(),
            "a suppression without reason still suppresses"
        );
        let summaries: Vec<&str> = found.iter().map(|d| d.summary.as_str()).collect();
        assert_eq!(
            summaries,
            [
                "suppression of `max-file-lines` gives no reason",
                "`max-lines` in `structlint-disable-file` is not a structlint rule",
                "suppression of `layers` suppresses nothing: the rule reports nothing here",
                "`structlint-disable-line` is not a structlint directive, so it suppresses nothing",
            ]
        );
        assert!(found[1].fix[0].contains("`max-file-lines`"));
        let edit = found[2].edit.as_ref().unwrap();
        assert_eq!(
            &text[edit.replacements[0].span.start..edit.replacements[0].span.end],
            "// structlint-disable-next-line layers -- stale\n"
        );
    }
}
