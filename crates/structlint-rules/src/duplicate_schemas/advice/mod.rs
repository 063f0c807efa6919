//! The prompts of `duplicate-schemas`: the exact import to use instead of a copied schema,
//! and how to derive a near copy (`.pick()`, `.extend()`, `Pick<>`, `extends`) from the
//! canonical one, in code that compiles where the copy is.

mod derive;
mod import;

use std::collections::HashMap;

use structlint_core::{Diagnostic, plural};

use crate::duplicate_schemas::advice::derive::capitalised;
use crate::duplicate_schemas::advice::import::{Plan, lacks_zod};
use crate::duplicate_schemas::reach::{Path, Reach};
use crate::duplicate_schemas::shape::{Field, Found, Schema, SchemaKind, strip_schema_suffix};

const WHY: &str = "Two definitions of one data shape drift apart: a field added or retyped in one is missing from the other, and validation, types and serialisation stop agreeing. One definition, imported everywhere, keeps them in step.";

/// What the prompts need of the run.
pub(crate) struct Advice<'a> {
    pub reach: &'a Reach<'a>,
    /// The settled type aliases of the workspace, by name (`«path#Invoice»`).
    pub aliases: &'a HashMap<String, String>,
}

impl Advice<'_> {
    fn plan(&self, copy: &Found<'_>, canonical: &Found<'_>, path: &Path, inferred: bool) -> Plan {
        self.reach.plan(copy, canonical, path, inferred)
    }

    /// Whether the module of a zod schema also declares the type inferred from it
    /// (`export type Invoice = z.infer<typeof InvoiceSchema>`): importing that type is simpler
    /// than inferring it again.
    fn inferred(&self, canonical: &Found<'_>) -> bool {
        let name = format!(
            "«{}#{}»",
            canonical.path,
            strip_schema_suffix(&canonical.schema.name)
        );
        canonical.schema.kind == SchemaKind::Zod
            && self
                .aliases
                .get(&name)
                .is_some_and(|ty| ty.contains("infer") && ty.contains(&name))
    }

    /// The step before a `z.infer` type compiles in the copy's package.
    fn zod_steps(&self, copy: &Found<'_>) -> Option<String> {
        lacks_zod(self.reach.graph, copy.path).map(|manifest| {
            format!("Add `zod` to the dependencies of {manifest}: `z.infer` needs `import type {{ z }} from \"zod\";`.")
        })
    }

    /// An exact copy of `canonical`; `others` are the group's other copies.
    pub fn exact(
        &self,
        copy: &Found<'_>,
        canonical: &Found<'_>,
        others: &[&Found<'_>],
        path: &Path,
    ) -> Diagnostic {
        let (c, k) = (copy.schema, canonical.schema);
        let inferred = !c.kind.is_rust() && c.kind != SchemaKind::Zod && self.inferred(canonical);
        let plan = self.plan(copy, canonical, path, inferred);
        let mut d = Diagnostic::new(
            c.span.clone(),
            format!(
                "{} `{}` has the same shape as {} `{}` in {}",
                capitalised(c.kind.describe()),
                c.name,
                k.kind.describe(),
                k.name,
                canonical.path
            ),
        )
        .label(format!("copy of `{}`", k.name))
        .why(WHY);
        for step in &plan.prerequisites {
            d = d.step(step.clone());
        }
        let export = if c.exported { "export " } else { "" };
        let keep_name = |decl: String| {
            if c.name == plan.name {
                String::new()
            } else {
                format!(" (or `{decl}` to keep the name while callers move)")
            }
        };
        let import = |line: String| {
            if plan.same_file {
                String::new()
            } else {
                format!(": {line}")
            }
        };
        let step = match (c.kind, k.kind) {
            (_, _) if c.kind.is_rust() => format!(
                "Delete this {} and use the canonical one{}.{}",
                c.kind.describe(),
                import(plan.use_line()),
                if c.name == k.name {
                    String::new()
                } else {
                    format!(
                        " To keep the name while callers move: `pub type {} = {};`.",
                        c.name, k.name
                    )
                }
            ),
            (SchemaKind::Zod, SchemaKind::Zod) => format!(
                "Delete `{}` and use the canonical schema{}, then use `{}` where `{}` was used{}.",
                c.name,
                import(plan.ts_line(true)),
                k.name,
                c.name,
                keep_name(format!("{export}const {} = {};", c.name, k.name))
            ),
            (_, SchemaKind::Zod) if inferred => format!(
                "Delete the declaration and use the type inferred from the schema{}{}.",
                import(plan.ts_line(false)),
                keep_name(format!("{export}type {} = {};", c.name, plan.name))
            ),
            (_, SchemaKind::Zod) => {
                if let Some(step) = self.zod_steps(copy) {
                    d = d.step(step);
                }
                format!(
                    "Replace the declaration with the type derived from the schema{} and `import type {{ z }} from \"zod\";`, then `{export}type {} = z.infer<typeof {}>;`.",
                    import(plan.ts_line(false)),
                    c.name,
                    k.name
                )
            }
            (SchemaKind::Zod, _) => format!(
                "Validate against the canonical type instead of restating it{}, and declare the schema as `const {}: z.ZodType<{}> = z.object({{ … }})` so that the two cannot drift; better, move the zod schema next to `{}` and derive the type with `z.infer`.",
                import(plan.ts_line(false)),
                c.name,
                k.name,
                k.name
            ),
            _ => format!(
                "Delete the declaration and use the canonical one{}{}.",
                import(plan.ts_line(false)),
                keep_name(format!("{export}type {} = {};", c.name, k.name))
            ),
        };
        d = d.step(step);
        d = d.step(format!("The shared fields: {}.", field_list(&c.fields)));
        d = d.related(k.span.clone(), format!("canonical definition `{}`", k.name));
        for other in others.iter().take(5) {
            d = d.related(
                other.schema.span.clone(),
                format!("another copy, `{}`", other.schema.name),
            );
        }
        d
    }

    /// The same shape in a package that cannot import the other (`unrelated-packages`).
    pub fn unrelated(&self, copy: &Found<'_>, other: &Found<'_>) -> Diagnostic {
        let (c, k) = (copy.schema, other.schema);
        Diagnostic::new(
            c.span.clone(),
            format!(
                "{} `{}` has the same shape as {} `{}` in {}, which this package does not depend on",
                capitalised(c.kind.describe()),
                c.name,
                k.kind.describe(),
                k.name,
                other.path
            ),
        )
        .label(format!("same shape as `{}`", k.name))
        .why(WHY)
        .step("If both stand for the same data, move the definition to a package both depend on and import it from there in both places; if they only look alike, leave them.")
        .step(format!("The shared fields: {}.", field_list(&c.fields)))
        .related(k.span.clone(), format!("same shape, `{}`", k.name))
    }

    /// A strict subset or superset of `canonical`.
    pub fn near(&self, copy: &Found<'_>, canonical: &Found<'_>, path: &Path) -> Diagnostic {
        let (c, k) = (copy.schema, canonical.schema);
        let has = |s: &Schema, f: &Field| s.fields.iter().any(|g| g.key() == f.key());
        let subset = c.fields.len() < k.fields.len();
        let summary = if subset {
            format!(
                "{} `{}` repeats {} of the {} fields of `{}` in {}",
                capitalised(c.kind.describe()),
                c.name,
                c.fields.len(),
                k.fields.len(),
                k.name,
                canonical.path
            )
        } else {
            format!(
                "{} `{}` is `{}` from {} plus {}",
                capitalised(c.kind.describe()),
                c.name,
                k.name,
                canonical.path,
                plural(c.fields.len() - k.fields.len(), "field")
            )
        };
        let plan = self.plan(copy, canonical, path, false);
        let mut d = Diagnostic::new(c.span.clone(), summary)
            .label(format!(
                "{} of `{}`",
                if subset { "part" } else { "extension" },
                k.name
            ))
            .why(WHY);
        for step in &plan.prerequisites {
            d = d.step(step.clone());
        }
        if !c.kind.is_rust()
            && c.kind != SchemaKind::Zod
            && k.kind == SchemaKind::Zod
            && let Some(step) = self.zod_steps(copy)
        {
            d = d.step(step);
        }
        if !plan.same_file {
            let line = if c.kind.is_rust() {
                plan.use_line()
            } else {
                plan.ts_line(c.kind == SchemaKind::Zod && k.kind == SchemaKind::Zod)
            };
            d = d.step(format!(
                "Import the canonical {}: {line}.",
                k.kind.describe()
            ));
        }
        d = d.step(if subset {
            let kept: Vec<&Field> = k.fields.iter().filter(|f| has(c, f)).collect();
            let dropped: Vec<&Field> = k.fields.iter().filter(|f| !has(c, f)).collect();
            derive::subset(c, k, &kept, &dropped)
        } else {
            let extra: Vec<&Field> = c.fields.iter().filter(|f| !has(k, f)).collect();
            derive::superset(c, k, &extra)
        });
        d.related(k.span.clone(), format!("canonical definition `{}`", k.name))
    }
}

fn field_list(fields: &[Field]) -> String {
    let mut names: Vec<String> = fields.iter().map(|f| format!("`{}`", f.name)).collect();
    if names.len() > 12 {
        let more = names.len() - 12;
        names.truncate(12);
        names.push(format!("and {more} more"));
    }
    names.join(", ")
}
