//! # duplicate-schemas
//!
//! Each data shape is defined once: no zod schema, interface or serde struct copied where the
//! canonical one could be imported.
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
//! `type X = {…}`, and Rust structs and enums deriving `Serialize` or `Deserialize`. Two are
//! copies when one could replace the other without a single detail changing, whatever the
//! order of their fields and their own names:
//!
//! - keys as written: `customerId` is not `customer_id`, `"Open"` is not `"open"`;
//! - types exactly: nested object types member by member, methods by their parameter and
//!   return types (`load(id: string): void` is the property `load: (id: string) => void`),
//!   generic arguments, unions and intersections whatever their order; `z.string().optional()`
//!   is `string` with `?`, and `z.object({…})` is the object type it validates;
//! - names by the declaration they mean: the file's own `Options` is not another file's
//!   `Options`, an imported name is followed through re-exports to its declaration, and
//!   `JSX.CSSProperties` is not `React.CSSProperties`. A field typed with a type alias has the
//!   alias's type (`type Status = "open" | "paid"`), and a field typed with a copy reads as
//!   typed with the original, so a shape holding a copy is a copy too;
//! - Rust types as the compiler sees them: `u32` is not `u64`, `Uuid` (`uuid::Uuid`) is not
//!   `String`, enum variants with their payloads; serde's `rename` and `rename_all` give the
//!   names on the wire (compared along with the names in code), and every other serde
//!   attribute (`flatten`, `default`, `with`, `skip_serializing_if`, `tag`, `untagged`, …) is
//!   part of the shape.
//!
//! TypeScript and Rust shapes are never compared with each other.
//!
//! - Equal shapes form a group with one canonical definition: the one under a `canonical`
//!   glob; else the one the most other copies can import, then an exported one, then a zod
//!   schema (it can derive the type), then the first by path. A copy is reported only when it
//!   can import the canonical definition: both in one package (or crate), the copy's package
//!   depending on the canonical one's (directly or through other workspace packages), or the
//!   canonical one under a `canonical` glob. Two packages that do not depend on each other (a
//!   React and a Solid adapter) may hold the same shape on purpose; `unrelated-packages`
//!   shows those as warnings.
//! - The prompt gives the exact line to write: `import type { X } from "@acme/schemas";`
//!   through the package's public entry (or a relative path within one package), the type a
//!   schema module already infers (`export type Invoice = z.infer<typeof InvoiceSchema>`),
//!   or the Rust `use acme_types::money::Money;`; and the steps it needs first: export the
//!   definition, declare the dependency, add `zod` for `z.infer`.
//! - A shape that is a strict subset or superset of a schema under a `canonical` glob is
//!   reported as a warning, with the `.pick()`/`.omit()`/`.extend()`, `Pick<>`/`Omit<>`,
//!   `extends` or `#[serde(flatten)]` that derives it, written with the keys both share. A
//!   subset whose fields all have one primitive type (`{ x, y, width, height }`, all numbers)
//!   is not reported: points, rectangles and ranges recur in unrelated data.
//!
//! Shapes with fewer than `min-fields` fields are ignored, and so are partial ones (an
//! `extends` clause, a spread, generic parameters).
//!
//! ## Example
//!
//! ```ts
//! // packages/reports/src/invoice.ts (@acme/reports depends on @acme/schemas)
//! interface Invoice { id: string; customerId: string; dueAt: string }   // reported:
//! // same shape as InvoiceSchema in packages/schemas/src/invoice.ts; use
//! // import type { InvoiceSchema } from "@acme/schemas";
//! // type Invoice = z.infer<typeof InvoiceSchema>;
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
//! | `unrelated-packages` | `false` | also report, as warnings, equal shapes in packages that cannot import each other |

mod advice;
mod compare;
mod extract;
mod names;
mod reach;
mod rust;
mod shape;
mod ts_type;

use std::collections::HashMap;

use globset::GlobSet;
use serde::Deserialize;
use serde::de::Error as _;
use structlint_cargo::{CARGO_WORKSPACE, CargoWorkspaceProvider};
use structlint_core::glob::glob_set;
use structlint_core::{
    AnyProvider, Diagnostic, FileContext, FileFacts, Language, Level, Needs, RuleImpl, RuleSpec,
    WorkspaceContext, WorkspaceRule,
};
use structlint_graph::IMPORT_GRAPH;

use crate::duplicate_schemas::compare::{Compare, unify};
use crate::duplicate_schemas::extract::SchemaFacts;
use crate::duplicate_schemas::names::{Settler, map_names};
use crate::duplicate_schemas::reach::Reach;
use crate::duplicate_schemas::shape::Found;
use crate::shared::import_graph::graph_of;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    id: "duplicate-schemas",
    name: "DuplicateSchemas",
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
            unrelated_packages: o.unrelated_packages,
        })))
    },
};

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// Globs of the files that hold the canonical schemas, e.g. ["packages/schemas/**"].
    canonical: Vec<String>,
    /// Shapes with fewer fields are ignored (default 3).
    min_fields: usize,
    /// Also report, as warnings, equal shapes in packages that cannot import each other
    /// (default false).
    unrelated_packages: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            canonical: Vec::new(),
            min_fields: 3,
            unrelated_packages: false,
        }
    }
}

struct DuplicateSchemas {
    canonical: GlobSet,
    min_fields: usize,
    unrelated_packages: bool,
}

impl WorkspaceRule for DuplicateSchemas {
    type Facts = SchemaFacts;

    fn needs(&self) -> Needs {
        Needs::always()
    }

    /// The import graph says what a type name means and how to import the canonical schema;
    /// the package graphs (npm and Cargo) say whether a copy can import it at all.
    fn providers(&self) -> Vec<&'static dyn AnyProvider> {
        vec![&IMPORT_GRAPH, &CARGO_WORKSPACE]
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
        let mut facts = extract::facts(cx);
        // Only complete shapes with enough fields are ever compared (or unified): the rest
        // would be kept until the workspace phase for nothing.
        facts.schemas.retain(|s| s.is_comparable(self.min_fields));
        (!facts.schemas.is_empty() || !facts.aliases.is_empty()).then_some(facts)
    }

    fn check(
        &self,
        cx: &WorkspaceContext,
        mut files: Vec<FileFacts<SchemaFacts>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let graph = graph_of(cx);
        let graph = graph.as_deref();
        let cargo = cx.artifact::<CargoWorkspaceProvider>();
        // A field typed with an alias (`status: Status`) has the alias's type, wherever the
        // alias is declared; names are settled first, so that both sides say the same.
        let mut settler = Settler::new(graph);
        let mut aliases: HashMap<String, String> = HashMap::new();
        for f in &files {
            for (name, ty) in &f.facts.aliases {
                aliases.insert(name.clone(), settler.settle(&f.path, ty));
            }
        }
        for f in &mut files {
            for field in f.facts.schemas.iter_mut().flat_map(|s| s.fields.iter_mut()) {
                field.ty = expand(&settler.settle(&f.path, &field.ty), &aliases);
            }
        }
        unify(
            files.iter_mut().flat_map(|f| f.facts.schemas.iter_mut()),
            self.min_fields,
        );
        let all: Vec<Found<'_>> = files
            .iter()
            .flat_map(|f| {
                f.facts.schemas.iter().map(|schema| Found {
                    path: &f.path,
                    schema,
                    canonical: self.canonical.is_match(&f.path),
                })
            })
            .filter(|s| s.schema.is_comparable(self.min_fields))
            .collect();
        let compare = Compare {
            reach: Reach {
                graph,
                cargo: cargo.as_deref(),
            },
            aliases: &aliases,
            unrelated_packages: self.unrelated_packages,
        };
        compare.run(&all, out);
    }
}

/// `ty` with each alias it names replaced by the alias's type, once (an alias that names
/// itself, as `type Invoice = z.infer<typeof InvoiceSchema>` does, stays a name).
fn expand(ty: &str, aliases: &HashMap<String, String>) -> String {
    map_names(ty, |name| {
        aliases
            .get(name)
            .filter(|value| !value.contains(name))
            .cloned()
    })
}

#[cfg(test)]
mod tests;
