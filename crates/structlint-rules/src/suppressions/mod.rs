//! # suppressions
//!
//! Suppression comments must name a real rule, give a reason, and still suppress something.
//!
//! ## Why
//!
//! A suppression is how code opts out of a structural check. One without a reason leaves the
//! next reader (often an agent) unable to tell whether the exception still holds; one that
//! suppresses nothing, or names a misspelt rule, is noise that hides the real exceptions.
//! Agents under pressure to make CI pass reach for suppressions first, so each one has to
//! carry its justification where a reviewer sees it.
//!
//! ## Syntax
//!
//! ```ts
//! // structlint-disable-next-line max-file-lines -- generated from schema.graphql
//! // structlint-disable-file max-file-lines, layers -- vendored copy of lodash.debounce
//! /* structlint-disable-next-line layers -- migration in progress, see PLAT-123 */
//! ```
//!
//! - `structlint-disable-next-line` covers findings that start on the line after the comment.
//! - `structlint-disable-file` covers the whole file; it may sit anywhere in the file.
//! - Several rules are separated by commas. A rule family id (`layers`) covers its sub-rules
//!   (`layers/forbidden-edge`).
//! - Everything after ` -- ` is the reason. Only real comments count: the same text inside a
//!   string literal is ignored.
//!
//! ## What it reports
//!
//! - a misspelt directive (`structlint-disable-line`, `structlint-disable`), which would
//!   otherwise silently suppress nothing;
//! - a directive that names no rule, or a rule id that does not exist (with the closest id);
//! - a suppression without a reason (it still suppresses, so the finding is not doubled). A
//!   placeholder is no reason: text in `<…>`, `[…]` or `{…}` (the editor's "Disable for this
//!   line" quick fix writes `-- <reason>` for you to replace), a filler word (`reason`,
//!   `TODO`, `FIXME`, `TBD`, `because`, …), or fewer than three letters;
//! - a suppression of a rule that ran on the file but reported nothing on the covered lines,
//!   with a machine-applicable edit that deletes the comment.
//!
//! Suppressed findings are left out of the output and counted in the summary.
//!
//! ## Options
//!
//! None besides the level:
//!
//! ```toml
//! [rules]
//! suppressions = "warn"
//! ```

use structlint_core::{Level, RuleImpl, RuleSpec};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: structlint_core::suppress::SUPPRESSIONS_RULE,
    name: "SuppressionComment",
    summary: "Suppression comments must name a real rule, give a reason, and still be needed",
    default_level: Level::Error,
    tags: &["maintainability", "suppressions"],
    precision: "very-high",
    sections: &[],
    source: include_str!("mod.rs"),
    build: |options| {
        options.parse::<crate::NoOptions>()?;
        Ok(RuleImpl::Suppressions)
    },
};
