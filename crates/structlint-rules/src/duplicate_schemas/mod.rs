//! # duplicate-schemas
//!
//! Each data shape is defined once: no zod schema, interface or serde struct copied across
//! files.
//!
//! ## Why
//!
//! Two definitions of one shape drift apart: a field added to one is missing from the other,
//! and validation, types and serialisation stop agreeing. Agents copy a schema next to the
//! code they write instead of finding the shared one, so the copies multiply quietly.
//!
//! ## What it reports
//!
//! Schema definitions are zod `const X = z.object({…})` (also `z.strictObject`, `.strict()`,
//! `Base.extend({…})` of a schema in the same file), TypeScript `interface X {…}` and
//! `type X = {…}`, and Rust structs and enums deriving `Serialize` or `Deserialize`. Each is
//! reduced to its fields with normalised names (`unitPriceCents` = `unit_price_cents`) and
//! types (`z.number().int()` = `number` = `i64`), regardless of order and of its own name. A
//! field typed with an alias of the same file (`type Status = "open" | "paid"`) has the
//! alias's type.
//!
//! - Equal shapes (TypeScript with TypeScript, Rust with Rust) form a group with one canonical
//!   definition: the one under a `canonical` glob, else a zod schema (it can derive the type),
//!   else the first by path. Every other copy is reported with the canonical as a related
//!   location and the exact import to use instead (`z.infer` for a copied interface).
//! - A shape that is a strict subset or superset of a schema under a `canonical` glob is
//!   reported as a warning, with the `.pick()`/`.extend()` or `Pick<>`/`extends` that derives
//!   it.
//!
//! Shapes with fewer than `min-fields` fields are ignored, and so are partial ones (an
//! `extends` clause, a spread, generics, `#[serde(flatten)]`).
//!
//! ## Example
//!
//! ```ts
//! // packages/reports/src/invoice.ts
//! interface Invoice { id: string; customerId: string; dueAt: string }   // reported:
//! // same shape as InvoiceSchema in packages/schemas/src/invoice.ts; use
//! // type Invoice = z.infer<typeof InvoiceSchema>
//! ```
//!
//! ## Tests and examples
//!
//! Files under `[files] tests` (tests, examples, benchmarks, fixtures) are not compared: test
//! data restates shapes on purpose.
//!
//! ## Options
//!
//! | option | default | meaning |
//! | --- | --- | --- |
//! | `canonical` | `[]` | globs of the files that hold the canonical schemas, e.g. `["packages/schemas/**"]` |
//! | `min-fields` | `3` | shapes with fewer fields are ignored |

mod advice;
mod extract;
mod rust;
mod shape;

use std::collections::HashMap;

use globset::GlobSet;
use serde::Deserialize;
use serde::de::Error as _;
use structlint_core::glob::glob_set;
use structlint_core::{
    Diagnostic, FileContext, FileFacts, Language, Level, Needs, RuleImpl, RuleSpec, Severity,
    WorkspaceContext, WorkspaceRule,
};
use structlint_graph::ImportGraph;

use crate::duplicate_schemas::advice::{Found, exact, near};
use crate::duplicate_schemas::shape::{Schema, SchemaKind};
use crate::shared::import_graph::graph_of;
use structlint_core::AnyProvider;
use structlint_graph::IMPORT_GRAPH;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "duplicate-schemas",
    summary: "The same data shape defined more than once (zod, interfaces, serde structs)",
    default_level: Level::Error,
    tags: &["maintainability", "duplication"],
    precision: "high",
    sections: &[],
    source: include_str!("mod.rs"),
    build: |options| {
        let o: Options = options.parse()?;
        if o.min_fields == 0 {
            return Err(toml::de::Error::custom("`min-fields` must be at least 1"));
        }
        let canonical = glob_set(o.canonical.iter().map(String::as_str)).map_err(|bad| {
            toml::de::Error::custom(format!(
                "invalid glob `{}` in `canonical`: {}",
                o.canonical.get(bad.index).map_or("", String::as_str),
                bad.message
            ))
        })?;
        Ok(RuleImpl::Workspace(Box::new(DuplicateSchemas {
            canonical,
            min_fields: o.min_fields,
        })))
    },
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct Options {
    canonical: Vec<String>,
    min_fields: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            canonical: Vec::new(),
            min_fields: 3,
        }
    }
}

struct DuplicateSchemas {
    canonical: GlobSet,
    min_fields: usize,
}

/// A file's schemas.
struct SchemaFacts {
    schemas: Vec<Schema>,
}

impl WorkspaceRule for DuplicateSchemas {
    type Facts = SchemaFacts;

    fn needs(&self) -> Needs {
        Needs::always()
    }

    /// The import graph works out the import specifier of the canonical schema.
    fn providers(&self) -> Vec<&'static dyn AnyProvider> {
        vec![&IMPORT_GRAPH]
    }

    fn collect(&self, cx: &FileContext<'_>) -> Option<SchemaFacts> {
        // Test data restates shapes on purpose; only production code is compared.
        if cx.is_test() {
            return None;
        }
        let rust = cx.language() == Language::Rust;
        if rust && !cx.text().contains("Serialize") && !cx.text().contains("Deserialize") {
            return None;
        }
        Some(SchemaFacts {
            schemas: crate::duplicate_schemas::extract::schemas(cx),
        })
    }

    fn check(
        &self,
        cx: &WorkspaceContext,
        files: Vec<FileFacts<SchemaFacts>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let graph = graph_of(cx);
        let graph = graph.as_deref();
        let all: Vec<Found<'_>> = files
            .iter()
            .flat_map(|f| {
                f.facts.schemas.iter().map(|schema| Found {
                    path: &f.path,
                    schema,
                    canonical: self.canonical.is_match(&f.path),
                })
            })
            .filter(|s| !s.schema.partial && s.schema.fields.len() >= self.min_fields)
            .collect();
        let mut groups: HashMap<(bool, Vec<String>), Vec<usize>> = HashMap::new();
        for (i, s) in all.iter().enumerate() {
            groups
                .entry((s.schema.kind.is_rust(), s.schema.fingerprint()))
                .or_default()
                .push(i);
        }
        let mut copies = vec![false; all.len()];
        let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
        groups.sort();
        for mut group in groups {
            group.sort_by_key(|&i| {
                let s = &all[i];
                (
                    !s.canonical,
                    s.schema.kind != SchemaKind::Zod,
                    s.path,
                    s.schema.span.start,
                )
            });
            let (canonical, rest) = group.split_first().expect("groups have members");
            for &i in rest {
                copies[i] = true;
                let others: Vec<&Found<'_>> =
                    rest.iter().filter(|&&j| j != i).map(|&j| &all[j]).collect();
                out.push(exact(graph, &all[i], &all[*canonical], &others));
            }
        }
        self.near_copies(graph, &all, &copies, out);
    }
}

impl DuplicateSchemas {
    /// Strict subsets and supersets of the schemas under `canonical` globs, as warnings. An
    /// index from field to canonical schemas keeps this far from comparing every pair.
    fn near_copies(
        &self,
        graph: Option<&ImportGraph>,
        all: &[Found<'_>],
        copies: &[bool],
        out: &mut Vec<Diagnostic>,
    ) {
        let mut by_field: HashMap<(bool, String), Vec<usize>> = HashMap::new();
        for (i, s) in all.iter().enumerate().filter(|(_, s)| s.canonical) {
            for signature in s.schema.fingerprint() {
                by_field
                    .entry((s.schema.kind.is_rust(), signature))
                    .or_default()
                    .push(i);
            }
        }
        for (i, s) in all.iter().enumerate() {
            if s.canonical || copies[i] {
                continue;
            }
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for signature in s.schema.fingerprint() {
                for &c in by_field
                    .get(&(s.schema.kind.is_rust(), signature))
                    .into_iter()
                    .flatten()
                {
                    *shared.entry(c).or_default() += 1;
                }
            }
            let own = s.schema.fields.len();
            let best = shared
                .into_iter()
                .filter(|&(c, n)| {
                    let theirs = all[c].schema.fields.len();
                    (n == own && own < theirs) || (n == theirs && own > theirs)
                })
                .max_by_key(|&(c, n)| {
                    (
                        n,
                        std::cmp::Reverse((all[c].path, all[c].schema.span.start)),
                    )
                });
            if let Some((c, _)) = best {
                out.push(near(graph, s, &all[c]).at_most(Severity::Warning));
            }
        }
    }
}

#[cfg(test)]
mod tests;
