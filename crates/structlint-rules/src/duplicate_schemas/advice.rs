//! The prompts of `duplicate-schemas`: what to import instead of a copied schema, and how to
//! derive a near copy (`.pick()`, `.extend()`, `Pick<>`, `extends`) from the canonical one.

use structlint_core::{Diagnostic, plural};
use structlint_graph::ImportGraph;

use crate::duplicate_schemas::shape::{Field, Schema, SchemaKind};
use crate::shared::import_advice::Import;

/// A schema definition found in the workspace.
pub(crate) struct Found<'a> {
    pub path: &'a str,
    pub schema: &'a Schema,
    /// Under one of the rule's `canonical` globs.
    pub canonical: bool,
}

const WHY: &str = "Two definitions of one data shape drift apart: a field added or retyped in one is missing from the other, and validation, types and serialisation stop agreeing. One definition, imported everywhere, keeps them in step.";

/// An exact copy of `canonical`; `others` are the group's other copies.
pub(crate) fn exact(
    graph: Option<&ImportGraph>,
    copy: &Found<'_>,
    canonical: &Found<'_>,
    others: &[&Found<'_>],
) -> Diagnostic {
    let (c, k) = (copy.schema, canonical.schema);
    let import = Import::of(
        graph,
        copy.path,
        canonical.path,
        &canonical.schema.name,
        copy.schema.kind.is_rust(),
    );
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
    if let Some(step) = &import.prerequisite {
        d = d.step(step.clone());
    }
    let keep_name = |decl: &str| {
        if c.name == k.name {
            String::new()
        } else {
            format!(" (or `{decl}` to keep the name while callers move)")
        }
    };
    d = d.step(match (c.kind, k.kind) {
        (_, _) if c.kind.is_rust() => format!(
            "Delete this {} and `use` `{}` from {} instead (its module in this crate, or its crate's public re-export when it lives in another crate){}.",
            c.kind.describe(),
            k.name,
            canonical.path,
            keep_name(&format!("pub type {} = {};", c.name, k.name))
        ),
        (SchemaKind::Zod, SchemaKind::Zod) => format!(
            "Delete `{}` and import the canonical schema: `import {{ {} }} from \"{}\";`, then use `{}` where `{}` was used{}.",
            c.name,
            k.name,
            import.specifier,
            k.name,
            c.name,
            keep_name(&format!("export const {} = {};", c.name, k.name))
        ),
        (_, SchemaKind::Zod) => format!(
            "Replace the declaration with the type derived from the schema: `import {{ {} }} from \"{}\";` and `import type {{ z }} from \"zod\";`, then `export type {} = z.infer<typeof {}>;`.",
            k.name, import.specifier, c.name, k.name
        ),
        (SchemaKind::Zod, _) => format!(
            "Validate against the canonical type instead of restating it: `import type {{ {} }} from \"{}\";` and declare the schema as `const {}: z.ZodType<{}> = z.object({{ … }})` so that the two cannot drift; better, move the zod schema next to `{}` and derive the type with `z.infer`.",
            k.name, import.specifier, c.name, k.name, k.name
        ),
        _ => format!(
            "Delete the declaration and import the canonical one: `import type {{ {} }} from \"{}\";`{}.",
            k.name,
            import.specifier,
            keep_name(&format!("export type {} = {};", c.name, k.name))
        ),
    });
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

/// A strict subset or superset of `canonical`.
pub(crate) fn near(
    graph: Option<&ImportGraph>,
    copy: &Found<'_>,
    canonical: &Found<'_>,
) -> Diagnostic {
    let (c, k) = (copy.schema, canonical.schema);
    let has = |s: &Schema, f: &Field| s.fields.iter().any(|g| g.key == f.key);
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
        let extra = c.fields.len() - k.fields.len();
        format!(
            "{} `{}` is `{}` from {} plus {}",
            capitalised(c.kind.describe()),
            c.name,
            k.name,
            canonical.path,
            plural(extra, "field")
        )
    };
    let import = Import::of(
        graph,
        copy.path,
        canonical.path,
        &canonical.schema.name,
        copy.schema.kind.is_rust(),
    );
    let mut d = Diagnostic::new(c.span.clone(), summary)
        .label(format!(
            "{} of `{}`",
            if subset { "part" } else { "extension" },
            k.name
        ))
        .why(WHY);
    if let Some(step) = &import.prerequisite {
        d = d.step(step.clone());
    }
    let derived = if subset {
        let kept: Vec<&Field> = k.fields.iter().filter(|f| has(c, f)).collect();
        let dropped: Vec<&Field> = k.fields.iter().filter(|f| !has(c, f)).collect();
        derive_subset(c, k, &kept, &dropped)
    } else {
        let extra: Vec<&Field> = c.fields.iter().filter(|f| !has(k, f)).collect();
        derive_superset(c, k, &extra)
    };
    if !c.kind.is_rust() {
        let what = if c.kind == SchemaKind::Zod || k.kind == SchemaKind::Zod {
            format!("import {{ {} }}", k.name)
        } else {
            format!("import type {{ {} }}", k.name)
        };
        d = d.step(format!(
            "Import the canonical {}: `{what} from \"{}\";`.",
            k.kind.describe(),
            import.specifier
        ));
    }
    d = d.step(derived);
    d.related(k.span.clone(), format!("canonical definition `{}`", k.name))
}

fn derive_subset(c: &Schema, k: &Schema, kept: &[&Field], dropped: &[&Field]) -> String {
    let names = |fields: &[&Field], sep: &str, quote: bool| {
        fields
            .iter()
            .map(|f| {
                if quote {
                    format!("\"{}\"", f.name)
                } else {
                    format!("{}: true", f.name)
                }
            })
            .collect::<Vec<_>>()
            .join(sep)
    };
    let (method, fields) = if dropped.len() < kept.len() {
        ("omit", dropped)
    } else {
        ("pick", kept)
    };
    let utility = capitalised(method);
    match (c.kind, k.kind) {
        (_, _) if c.kind.is_rust() => format!(
            "Use `{}` where this {} is used if the extra fields are harmless there; otherwise move the shared fields into one struct that `{}` embeds with `#[serde(flatten)]`, and use that here.",
            k.name,
            c.kind.describe(),
            k.name
        ),
        (SchemaKind::Zod, SchemaKind::Zod) => format!(
            "Derive it from the canonical schema: `export const {} = {}.{method}({{ {} }});`.",
            c.name,
            k.name,
            names(fields, ", ", false)
        ),
        (_, SchemaKind::Zod) => format!(
            "Derive the type: `export type {} = {utility}<z.infer<typeof {}>, {}>;` (with `import type {{ z }} from \"zod\";`).",
            c.name,
            k.name,
            names(fields, " | ", true)
        ),
        (SchemaKind::Zod, _) => format!(
            "Tie the schema to the canonical type: `const {}: z.ZodType<{utility}<{}, {}>> = z.object({{ … }});`.",
            c.name,
            k.name,
            names(fields, " | ", true)
        ),
        _ => format!(
            "Derive the type: `export type {} = {utility}<{}, {}>;`.",
            c.name,
            k.name,
            names(fields, " | ", true)
        ),
    }
}

fn derive_superset(c: &Schema, k: &Schema, extra: &[&Field]) -> String {
    let texts = extra
        .iter()
        .map(|f| f.text.trim_end_matches([',', ';']).to_string())
        .collect::<Vec<_>>();
    match (c.kind, k.kind) {
        (_, _) if c.kind.is_rust() => format!(
            "Embed the canonical struct instead of repeating its fields: `#[serde(flatten)] pub {}: {},` followed by only the extra fields ({}).",
            snake(&k.name),
            k.name,
            texts.join(", ")
        ),
        (SchemaKind::Zod, SchemaKind::Zod) => format!(
            "Extend the canonical schema: `export const {} = {}.extend({{ {} }});`.",
            c.name,
            k.name,
            texts.join(", ")
        ),
        (_, SchemaKind::Zod) => format!(
            "Derive the type: `export type {} = z.infer<typeof {}> & {{ {} }};` (with `import type {{ z }} from \"zod\";`).",
            c.name,
            k.name,
            texts.join("; ")
        ),
        (SchemaKind::Zod, _) => format!(
            "Tie the schema to the canonical type: `const {}: z.ZodType<{} & {{ … }}> = z.object({{ … }});` with only the extra fields ({}) spelled out.",
            c.name,
            k.name,
            texts.join(", ")
        ),
        _ => format!(
            "Extend the canonical type: `export interface {} extends {} {{ {} }}`.",
            c.name,
            k.name,
            texts.join("; ")
        ),
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

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `InvoiceLine` → `invoice_line`, the field name for an embedded struct.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}
