//! # max-file-lines
//!
//! A file may have at most `max` lines (default 350).
//!
//! ## Why
//!
//! Every time an agent (or a person) opens a file it pays for the whole file in context, and
//! a long file almost always holds more than one responsibility. Files that fit in one read
//! keep one job each, are cheaper to load, and are easier to review and to change safely.
//!
//! ## What it reports
//!
//! One finding per file that is over the limit, on the first line past it. The finding lists
//! the file's largest top-level items (functions, components, classes, impl blocks, modules)
//! with their line ranges, proposes which of them to move and to which new file (named in
//! the convention of the file's own name), and says how to wire the moved code back in.
//! When those moves would not get the file under the limit (the file is mostly one class, or
//! one item is over the limit by itself), it names the item that must itself be split.
//! Lines are counted as an editor counts them; a trailing newline does not add a line.
//!
//! ## Example
//!
//! ```text
//! packages/billing/src/ui/InvoiceTable.tsx has 412 lines, 62 over the limit of 350
//!   1. Split the file by responsibility. Its largest top-level items are:
//!      - component `InvoiceTable`: lines 120–310 (191 lines)
//!      - function `formatRow`: lines 40–118 (79 lines)
//!   2. Move function `formatRow` (lines 40–118) to `packages/billing/src/ui/formatRow.ts`.
//!   3. Import what you moved back into InvoiceTable.tsx where it is still used; …
//! ```
//!
//! ## How to fix
//!
//! Move cohesive groups of code (a component and its helpers, an impl block, a test module)
//! into new files next to this one, and import them back. Do not squeeze lines (joining
//! statements, deleting comments or blank lines): the limit is about scope, not formatting.
//!
//! Generated files (`@generated`, `DO NOT EDIT` or `auto-generated` in their first five
//! lines) and vendored copies (a bare `/* eslint-disable */` there) are not reported: they
//! are split, if at all, where they come from.
//!
//! ## Options
//!
//! | option | default | meaning |
//! | --- | --- | --- |
//! | `max` | `350` | the largest number of lines a file may have |
//!
//! ```toml
//! [rules]
//! max-file-lines = { level = "error", max = 300 }
//! ```

use std::num::NonZeroUsize;

use serde::Deserialize;
use structlint_core::{
    Diagnostic, FileContext, FileRule, Language, Level, Needs, RuleImpl, RuleOptions, RuleSpec,
    plural,
};

use crate::shared::naming::{Case, words};
use crate::shared::outline::{OutlineItem, outline};
use crate::shared::provenance::provenance;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "max-file-lines",
    name: "MaxFileLines",
    summary: "Files longer than `max` lines (default 350), with advice on how to split them",
    default_level: Level::Error,
    tags: &["maintainability", "size"],
    precision: "very-high",
    sections: &[],
    source: include_str!("mod.rs"),
    build,
};

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct Options {
    /// The most lines a file may have (default 350).
    max: NonZeroUsize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max: NonZeroUsize::new(350).expect("non-zero"),
        }
    }
}

fn build(options: RuleOptions<'_>) -> Result<RuleImpl, toml::de::Error> {
    let options: Options = options.parse()?;
    Ok(RuleImpl::File(Box::new(MaxFileLines {
        max: options.max.get(),
    })))
}

/// How many items the finding lists and links as related locations.
const LISTED_ITEMS: usize = 5;
/// How many moves the finding proposes at most.
const PROPOSED_MOVES: usize = 4;

struct MaxFileLines {
    max: usize,
}

impl FileRule for MaxFileLines {
    fn needs(&self) -> Needs {
        // Text only: the tree is parsed on demand, for files over the limit.
        Needs::always()
    }

    fn check(&self, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let total = cx.line_count();
        if total <= self.max || provenance(cx.text()).is_some() {
            return;
        }
        let mut largest = outline(cx);
        largest.sort_by(|a, b| {
            b.lines()
                .cmp(&a.lines())
                .then(a.start_line.cmp(&b.start_line))
        });
        let path = cx.path();
        let mut d = Diagnostic::new(
            cx.file.line_span(self.max + 1),
            format!("{path} has {total} lines, {} over the limit of {}", total - self.max, self.max),
        )
        .label(format!("line {} is past the limit of {}", self.max + 1, self.max))
        .why(format!(
            "Every read of a long file costs an agent context it needs for the task, and a long file usually \
             holds more than one responsibility; files of at most {} lines fit in one read and keep one job each.",
            self.max
        ));
        for step in self.advice(cx, total, &largest) {
            d = d.step(step);
        }
        for item in largest.iter().take(LISTED_ITEMS) {
            let label = format!("{}: {}", item.label(), plural(item.lines(), "line"));
            d = d.related(cx.span(item.name_start..item.name_end), label);
        }
        out.push(d);
    }
}

impl MaxFileLines {
    fn advice(&self, cx: &FileContext<'_>, total: usize, largest: &[OutlineItem]) -> Vec<String> {
        let path = cx.path();
        let file_name = path.rsplit('/').next().unwrap_or(path);
        let mut steps = Vec::new();
        if largest.is_empty() {
            steps.push("Split the file by responsibility: group related code and move each group into its own file next to this one.".into());
        } else {
            let list: Vec<String> = largest
                .iter()
                .take(LISTED_ITEMS)
                .map(|i| {
                    format!(
                        "   - {}: lines {}–{} ({})",
                        i.label(),
                        i.start_line,
                        i.end_line,
                        plural(i.lines(), "line")
                    )
                })
                .collect();
            steps.push(format!(
                "Split the file by responsibility. Its largest top-level items are:\n{}",
                list.join("\n")
            ));
        }
        let stem = file_name.split('.').next().unwrap_or(file_name);
        // Moving an item that is itself over the limit only moves the problem. A Rust test
        // module goes first: moving it out changes no code path.
        let mut movable: Vec<&OutlineItem> = largest
            .iter()
            .filter(|i| movable(i) && i.lines() <= self.max && words(&i.name) != words(stem))
            .collect();
        movable.sort_by_key(|i| !(i.kind == "mod" && i.name == "tests"));
        let mut remaining = total;
        let mut moved: Vec<&OutlineItem> = Vec::new();
        for item in movable.into_iter().take(PROPOSED_MOVES) {
            if remaining <= self.max {
                break;
            }
            remaining -= item.lines();
            moved.push(item);
            steps.push(move_step(path, cx.language(), item));
        }
        // A plan that stops over the limit must say what else has to give: the largest item
        // left, which is often the one the file is named after.
        let left = largest
            .iter()
            .find(|i| !moved.iter().any(|m| std::ptr::eq(*m, *i)));
        match left {
            Some(item) if remaining > self.max && item.lines() > self.max => steps.push(format!(
                "{} alone is {} lines, more than the whole limit: break it into smaller units first \
                 (helper functions, sub-components, one impl block per concern), then move those out.",
                item.label(),
                item.lines()
            )),
            Some(item) if remaining > self.max && item.lines() > 1 => {
                let start = if moved.is_empty() {
                    format!("The file is mostly {} ({})", item.label(), plural(item.lines(), "line"))
                } else {
                    format!(
                        "After these moves the file still has about {remaining} lines: {} ({}) is the largest part left",
                        item.label(),
                        plural(item.lines(), "line")
                    )
                };
                steps.push(format!(
                    "{start}. Break it into smaller units (helper functions, sub-components, one impl block per \
                     concern) and move enough of them out to get under the limit of {}.",
                    self.max
                ));
            }
            _ => {}
        }
        steps.push(if cx.language() == Language::Rust {
            "Declare each new module (`mod name;`) and `use` its items where this file still needs them; keep them \
             `pub(crate)` or narrower unless they were public before."
                .into()
        } else {
            format!(
                "Import what you moved back into {file_name} where it is still used. If other modules import those names \
                 from {file_name}, re-export them from here (`export {{ name }} from './new-file'`) or update those imports."
            )
        });
        steps.push(format!(
            "Keep every resulting file at or under {} lines with one job; do not squeeze lines (joining statements, \
             deleting comments or blank lines) to get under the limit.",
            self.max
        ));
        steps
    }
}

fn movable(item: &OutlineItem) -> bool {
    !matches!(item.kind, "statement" | "export default" | "macro") && item.lines() > 1
}

/// "Move function `formatRow` (lines 40–118) to `dir/formatRow.ts`."
fn move_step(path: &str, language: Language, item: &OutlineItem) -> String {
    let (dir, file_name) = path.rsplit_once('/').map_or(("", path), |(d, f)| (d, f));
    let (stem, ext) = file_name.split_once('.').unwrap_or((file_name, ""));
    let join = |name: &str| {
        if dir.is_empty() {
            name.to_string()
        } else {
            format!("{dir}/{name}")
        }
    };
    let lines = format!("lines {}–{}", item.start_line, item.end_line);
    if language == Language::Rust {
        let module = rust_module_name(item);
        let parent = matches!(stem, "lib" | "main" | "mod");
        let target = if parent {
            join(&format!("{module}.rs"))
        } else {
            join(&format!("{stem}/{module}.rs"))
        };
        let declare = if item.kind == "mod" {
            format!(
                "replace the inline module with `mod {module};`, keeping its attributes such as `#[cfg(test)]`"
            )
        } else {
            format!("declare `mod {module};` in {file_name}")
        };
        return format!(
            "Move {} ({lines}) to `{target}` and {declare}.",
            item.label()
        );
    }
    let case = Case::of(stem);
    let component = matches!(item.kind, "component" | "class");
    let case = match (component, case) {
        (true, Case::Camel | Case::Pascal) => Case::Pascal,
        (false, Case::Pascal) => Case::Camel,
        (_, case) => case,
    };
    let ext = match (component, ext) {
        (false, "tsx") => "ts",
        (false, "jsx") => "js",
        (_, ext) => ext.rsplit('.').next().unwrap_or(ext),
    };
    format!(
        "Move {} ({lines}) to `{}`.",
        item.label(),
        join(&format!("{}.{ext}", case.spell(&item.name)))
    )
}

/// `impl fmt::Display for Report` → `report_display`; `impl Report<T>` → `report`.
fn rust_module_name(item: &OutlineItem) -> String {
    let last_segment = |s: &str| {
        let s = s.split('<').next().unwrap_or(s).trim();
        s.rsplit("::").next().unwrap_or(s).to_string()
    };
    let name = match (item.kind, item.name.split_once(" for ")) {
        ("impl", Some((tr, ty))) => format!("{}_{}", last_segment(ty), last_segment(tr)),
        ("impl", None) => last_segment(&item.name),
        _ => item.name.clone(),
    };
    Case::Snake.spell(&name)
}

#[cfg(test)]
mod tests;
