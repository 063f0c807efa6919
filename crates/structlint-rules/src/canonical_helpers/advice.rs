//! What a finding of canonical-helpers says: the copy, the canonical helper, the import to
//! write and how the copy's calls change.

use structlint_cargo::CargoWorkspace;
use structlint_core::Diagnostic;
use structlint_graph::ImportGraph;

use crate::canonical_helpers::function_shape::Function;
use crate::canonical_helpers::options::Helper;
use crate::shared::import_advice::Import;
use crate::shared::rust_use::use_advice;

/// A function found to re-implement a helper.
pub(crate) enum Copy<'a> {
    Named { canonical: &'a Function },
    Structural { canonical: &'a Function },
}

pub(crate) fn diagnostic(
    graph: Option<&ImportGraph>,
    cargo: Option<&CargoWorkspace>,
    helper: &Helper,
    path: &str,
    f: &Function,
    copy: Copy<'_>,
) -> Diagnostic {
    let (canonical, structural) = match copy {
        Copy::Named { canonical } => (canonical, false),
        Copy::Structural { canonical } => (canonical, true),
    };
    let (name, k) = (&f.name, &canonical.name);
    let summary = if structural {
        format!(
            "`{name}` has the same code as `{k}` in {}, under another name: import `{k}` instead",
            helper.canonical
        )
    } else {
        format!(
            "`{name}` re-implements `{k}` from {}; import it",
            helper.canonical
        )
    };
    let mut span = f.span.clone();
    span.path = path.to_string().into();
    let mut related_span = canonical.span.clone();
    related_span.path = helper.canonical.clone().into();
    let mut d = Diagnostic::new(span, summary)
        .label(format!("second implementation of the `{}` helper", helper.name))
        .why("A helper implemented twice gets fixed once: the copy keeps the bug, edge case or missing option the canonical one already handles (jitter, abort signals, a cap on attempts), and readers cannot tell which one a call site uses. One implementation, imported everywhere, gets every fix.");
    let import = Import::of(graph, path, &helper.canonical, k, helper.rust);
    if let Some(step) = import.prerequisite {
        d = d.step(step);
    }
    let rewrite = calls_rewritten(f, canonical, structural);
    d = d.step(if helper.rust {
        match cargo.and_then(|ws| use_advice(ws, path, &helper.canonical, k)) {
            Some(line) => format!("Delete `{name}` and write {line}; {rewrite}"),
            None => format!("Delete `{name}` and `use` `{k}` from {} (its module in this crate, or its crate's public path when it lives in another crate); {rewrite}", helper.canonical),
        }
    } else {
        format!("Delete `{name}` and import the canonical helper: `import {{ {k} }} from \"{}\";`; {rewrite}", import.specifier)
    });
    d = d.step(format!("If `{name}` does something `{k}` cannot (an option, another policy), add that to {} instead of keeping a second implementation.", helper.canonical));
    if !structural {
        d = d.step(format!(
            "If `{name}` is not a {} helper at all, rename it: the [[helpers]] entry `{}` treats functions named {} as copies.",
            helper.name,
            helper.name,
            helper.patterns.iter().take(6).map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    d.related(related_span, format!("canonical `{k}`"))
}

/// How the copy's call sites change: as they are when both take the same parameters (a
/// structural copy does, renamed), and otherwise both signatures, so that the rewrite is not
/// left to a guess.
fn calls_rewritten(copy: &Function, canonical: &Function, structural: bool) -> String {
    let (name, k) = (&copy.name, &canonical.name);
    let (ours, theirs) = (copy.params.join(", "), canonical.params.join(", "));
    if structural || copy.params == canonical.params {
        format!("rewrite each call `{name}({ours})` as `{k}({ours})`.")
    } else {
        format!(
            "`{name}({ours})` and `{k}({theirs})` take different parameters: rewrite each call of `{name}` as a call of `{k}({theirs})`, passing what each of its parameters asks for, and check what it returns against how the result was used."
        )
    }
}
