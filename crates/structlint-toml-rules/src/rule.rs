//! A TOML rule as the engine runs it: a [`FileRule`] that reads its findings from the one
//! pass of the whole [`RuleSet`] over the file, shared by every TOML rule through the file's
//! context.

use std::sync::Arc;

use structlint_core::{
    Diagnostic, FileContext, FileRule, Language, Needs, Note, NoteKind, RuleMeta,
};

use crate::compile::{CompiledRule, Matcher};
use crate::message::one_line;
use crate::set::{FileRun, Finding, RuleSet};

pub(crate) struct TomlRule {
    pub set: Arc<RuleSet>,
    pub index: usize,
}

/// Every TOML rule's findings in one file.
struct FileFindings(FileRun);

impl FileRule for TomlRule {
    fn languages(&self) -> &[Language] {
        &self.set.rules[self.index].languages
    }

    fn needs(&self) -> Needs {
        match self.set.rules[self.index].matcher {
            Matcher::Regex(_) => Needs::always(),
            _ => Needs::always(),
        }
    }

    fn check(&self, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let set = &self.set;
        let found = cx.shared(|cx| {
            let path = cx.path();
            let applies = |i: usize| set.rules[i].applies_to(path, cx.language());
            let needs_tree = (0..set.rules.len()).any(|i| {
                applies(i)
                    && matches!(
                        set.rules[i].matcher,
                        Matcher::Query { .. } | Matcher::Pattern { .. }
                    )
            });
            let tree = if needs_tree { cx.tree() } else { None };
            FileFindings(set.run(cx.language(), cx.text(), tree, &applies))
        });
        let rule = &set.rules[self.index];
        if found.0.gave_up[self.index] {
            cx.note(gave_up(rule, cx.path()));
        }
        for f in &found.0.found[self.index] {
            out.push(diagnostic(rule, f, cx.text(), |range| cx.span(range)));
        }
    }
}

/// The note for a rule that ran out of steps on the file at `path`.
pub(crate) fn gave_up(rule: &CompiledRule, path: &str) -> Note {
    let (what, cheaper) = match rule.matcher {
        Matcher::Query { .. } => (
            "its query or its predicates",
            "fewer repetitions side by side, like `(_)* . (_)*`; `#has?`/`#not-has?` on nodes that nest less deeply",
        ),
        _ => (
            "its pattern or its conditions",
            "fewer `$$$` in one list; `has`/`not-has` on nodes that nest less deeply",
        ),
    };
    Note {
        path: path.to_string(),
        kind: NoteKind::RuleBudget,
        message: format!(
            "rule `{}` gave up on this file: matching {what} took more work than a file this size allows, so its findings here are not reported; make the rule cheaper: {cheaper}",
            rule.id
        ),
    }
}

/// The finding as a prompt: the message with its captures filled in, why, the fix steps, and
/// the correct example.
pub(crate) fn diagnostic(
    rule: &CompiledRule,
    f: &Finding,
    text: &str,
    span: impl Fn(std::ops::Range<usize>) -> structlint_core::Span,
) -> Diagnostic {
    let value = |name: &str| {
        let captured = f
            .captures
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| &text[r.clone()]);
        captured.or_else(|| {
            f.values
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        })
    };
    let mut d = Diagnostic::new(span(f.range.clone()), rule.message.render(value));
    if let Some(why) = &rule.why {
        d = d.why(why.clone());
    }
    for step in &rule.fix {
        d = d.step(step.render(value));
    }
    if let Some(example) = &rule.example_step {
        d = d.step(example.clone());
    }
    d
}

/// What outputs say about a TOML rule; its documentation is written from its fields.
pub(crate) fn meta(rule: &CompiledRule, rule_file: &str) -> RuleMeta {
    let mut doc = format!("# {}\n\n{}\n", rule.id, rule.message_source);
    if let Some(why) = &rule.why {
        doc.push_str(&format!("\n## Why\n\n{why}\n"));
    }
    if !rule.fix.is_empty() {
        doc.push_str("\n## How to fix\n\n");
        for (i, step) in rule.fix.iter().enumerate() {
            doc.push_str(&format!("{}. {}\n", i + 1, step.render(|_| Some("…"))));
        }
    }
    if let Some(example) = &rule.example {
        doc.push_str(&format!("\n## Example\n\n```\n{}\n```\n", example.trim()));
    }
    doc.push_str(&format!("\nDefined in {rule_file}.\n"));
    RuleMeta {
        id: rule.id.clone().into(),
        name: RuleMeta::name_of(&rule.id),
        summary: one_line(&rule.message.render(|_| Some("…"))),
        documentation: doc,
        docs: rule
            .docs
            .clone()
            .unwrap_or_else(|| rule_file.to_string())
            .into(),
        tags: vec!["toml-rule".to_string()],
        precision: "high".to_string(),
    }
}
