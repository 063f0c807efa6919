//! The options a rule has in a file: `[rules]`, then each matching override key by key.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The options table (without `level`) that `rules` gives rule `id`, if it gives a table.
fn options_in<'de>(
    rules: Option<&Spanned<DeValue<'de>>>,
    id: &str,
) -> Option<Spanned<DeTable<'de>>> {
    let DeValue::Table(rules) = rules?.get_ref() else {
        return None;
    };
    let setting = rules.get(id)?;
    let DeValue::Table(table) = setting.get_ref() else {
        return None;
    };
    let mut table = table.clone();
    table.remove("level");
    Some(Spanned::new(setting.span(), table))
}

/// The `rules` table of override `index` in `doc`.
fn override_rules<'a, 'de>(
    doc: &'a DeTable<'de>,
    index: usize,
) -> Option<&'a Spanned<DeValue<'de>>> {
    let DeValue::Array(entries) = doc.get("overrides")?.get_ref() else {
        return None;
    };
    let DeValue::Table(entry) = entries.get(index)?.get_ref() else {
        return None;
    };
    entry.get("rules")
}

/// Rule `id`'s options in a file that overrides `from` (indices, in order) match: the
/// options of `[rules]`, each key replaced by the last of those overrides that sets it.
/// `None` when neither gives any, so the rule takes its defaults.
pub(super) fn merged<'de>(
    doc: &DeTable<'de>,
    id: &str,
    from: &[usize],
) -> Option<Spanned<DeValue<'de>>> {
    let mut merged = options_in(doc.get("rules"), id);
    for &index in from {
        let Some(over) = options_in(override_rules(doc, index), id) else {
            continue;
        };
        let span = over.span();
        let mut table = merged.map(Spanned::into_inner).unwrap_or_default();
        for (key, value) in over.into_inner() {
            // A key compares by its text, so the base's key (and its span) goes first.
            table.remove(key.get_ref().as_ref());
            table.insert(key, value);
        }
        merged = Some(Spanned::new(span, table));
    }
    merged.map(|t| {
        let span = t.span();
        Spanned::new(span, DeValue::Table(t.into_inner()))
    })
}

/// The top-level sections `names` of `doc`, as rules read them.
pub(super) fn sections<'de>(
    doc: &DeTable<'de>,
    names: &[&str],
) -> Vec<(String, Spanned<DeValue<'de>>)> {
    names
        .iter()
        .filter_map(|name| Some((name.to_string(), doc.get(*name)?.clone())))
        .collect()
}
