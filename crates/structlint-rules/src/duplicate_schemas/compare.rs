//! Which schemas are copies of which: equal shapes grouped, one canonical definition per
//! group that the others can import, and near copies (strict subsets and supersets) of the
//! schemas under the `canonical` globs.

use std::collections::HashMap;

use structlint_core::{Diagnostic, Severity};

use crate::duplicate_schemas::advice::Advice;
use crate::duplicate_schemas::names::map_names;
use crate::duplicate_schemas::reach::{Path, Reach};
use crate::duplicate_schemas::shape::{Found, Schema, SchemaKind};

pub(crate) struct Compare<'a> {
    pub reach: Reach<'a>,
    pub aliases: &'a HashMap<String, String>,
    pub unrelated_packages: bool,
}

impl Compare<'_> {
    fn path(&self, copy: &Found<'_>, canonical: &Found<'_>) -> Path {
        self.reach
            .path(copy.path, canonical.path, copy.schema.kind.is_rust())
    }

    /// Whether `copy` may be told to import `canonical`: it can reach its package, or the
    /// `canonical` globs say that is where shapes live.
    fn importable(&self, copy: &Found<'_>, canonical: &Found<'_>) -> bool {
        canonical.canonical || !matches!(self.path(copy, canonical), Path::None(_))
    }

    pub fn run(&self, all: &[Found<'_>], out: &mut Vec<Diagnostic>) {
        let advice = Advice {
            reach: &self.reach,
            aliases: self.aliases,
        };
        let mut groups: HashMap<(bool, &str, Vec<String>), Vec<usize>> = HashMap::new();
        for (i, s) in all.iter().enumerate() {
            groups
                .entry((
                    s.schema.kind.is_rust(),
                    s.schema.container.as_str(),
                    s.schema.fingerprint(),
                ))
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
                    !s.schema.exported,
                    s.schema.kind != SchemaKind::Zod,
                    s.path,
                    s.schema.span.start,
                )
            });
            let canonical = self.choose(all, &group);
            let rest: Vec<usize> = group.iter().copied().filter(|&i| i != canonical).collect();
            let k = &all[canonical];
            for &i in &rest {
                let copy = &all[i];
                let others: Vec<&Found<'_>> =
                    rest.iter().filter(|&&j| j != i).map(|&j| &all[j]).collect();
                // `importable`, with the dependency path the advice needs searched once.
                let path = self.path(copy, k);
                if k.canonical || !matches!(path, Path::None(_)) {
                    copies[i] = true;
                    out.push(advice.exact(copy, k, &others, &path));
                } else if self.unrelated_packages {
                    out.push(advice.unrelated(copy, k).at_most(Severity::Warning));
                }
            }
        }
        self.near_copies(&advice, all, &copies, out);
    }

    /// The group's canonical definition: the first under a `canonical` glob; else the one
    /// the most other copies can import (the lowest package), then an exported one, then a
    /// zod schema (it can derive the type), then the first by path.
    fn choose(&self, all: &[Found<'_>], group: &[usize]) -> usize {
        if all[group[0]].canonical {
            return group[0];
        }
        let reached_by = |k: usize| {
            group
                .iter()
                .filter(|&&i| i != k && self.importable(&all[i], &all[k]))
                .count()
        };
        let mut best = group[0];
        let mut most = reached_by(best);
        for &k in &group[1..] {
            let n = reached_by(k);
            if n > most {
                (best, most) = (k, n);
            }
        }
        best
    }

    /// Strict subsets and supersets of the schemas under `canonical` globs, as warnings. An
    /// index from field to canonical schemas keeps this far from comparing every pair.
    fn near_copies(
        &self,
        advice: &Advice<'_>,
        all: &[Found<'_>],
        copies: &[bool],
        out: &mut Vec<Diagnostic>,
    ) {
        let family = |s: &Found<'_>| -> (bool, String) {
            (s.schema.kind.is_rust(), s.schema.container.clone())
        };
        let mut by_field: HashMap<((bool, String), String), Vec<usize>> = HashMap::new();
        for (i, s) in all.iter().enumerate().filter(|(_, s)| s.canonical) {
            for signature in s.schema.fingerprint() {
                by_field.entry((family(s), signature)).or_default().push(i);
            }
        }
        for (i, s) in all.iter().enumerate() {
            if s.canonical || copies[i] || !derivable(s.schema) {
                continue;
            }
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for signature in s.schema.fingerprint() {
                for &c in by_field.get(&(family(s), signature)).into_iter().flatten() {
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
                .filter(|&(c, _)| derivable(all[c].schema))
                .filter(|&(c, _)| own > all[c].schema.fields.len() || !uniform(s.schema))
                .max_by_key(|&(c, n)| {
                    (
                        n,
                        std::cmp::Reverse((all[c].path, all[c].schema.span.start)),
                    )
                });
            if let Some((c, _)) = best {
                let path = self.path(s, &all[c]);
                out.push(advice.near(s, &all[c], &path).at_most(Severity::Warning));
            }
        }
    }
}

/// Rounds of [`unify`]: a copy nested this deep in another is still seen.
const UNIFY_ROUNDS: usize = 4;

/// Reads a field typed with a copy as typed with the copy's group: once `Line` is replaced by
/// the canonical `LineSchema`, an `Invoice` with `lines: Line[]` is a copy of one with
/// `lines: LineSchema[]`. Only shapes that are reported as copies themselves count.
pub(crate) fn unify<'s>(schemas: impl Iterator<Item = &'s mut Schema>, min_fields: usize) {
    let mut schemas: Vec<&mut Schema> = schemas.collect();
    for _ in 0..UNIFY_ROUNDS {
        let mut groups: HashMap<(bool, &str, Vec<String>), Vec<&str>> = HashMap::new();
        for s in schemas.iter().filter(|s| s.is_comparable(min_fields)) {
            groups
                .entry((s.kind.is_rust(), s.container.as_str(), s.fingerprint()))
                .or_default()
                .push(s.identity.as_str());
        }
        let mut same: HashMap<String, String> = HashMap::new();
        for mut members in groups.into_values().filter(|g| g.len() > 1) {
            members.sort_unstable();
            for other in &members[1..] {
                if other != &members[0] {
                    same.insert(other.to_string(), members[0].to_string());
                }
            }
        }
        if same.is_empty() {
            return;
        }
        let mut changed = false;
        for field in schemas.iter_mut().flat_map(|s| s.fields.iter_mut()) {
            let ty = map_names(&field.ty, |name| same.get(name).cloned());
            changed |= ty != field.ty;
            field.ty = ty;
        }
        if !changed {
            return;
        }
    }
}

/// Whether every field has one primitive type (`{ x, y, width, height }`, all numbers):
/// points, rectangles and ranges have such shapes in unrelated data, so one being part of a
/// larger shape says nothing about where it comes from.
fn uniform(schema: &Schema) -> bool {
    let mut types = schema.fields.iter().map(|f| f.ty.as_str());
    types.next().is_some_and(|first| {
        matches!(first, "string" | "number" | "boolean") && types.all(|t| t == first)
    })
}

/// Whether a shape's members can be named in a `Pick<>`, `.pick({…})` or `extends`: every key
/// is a property name (not an index, call or construct signature).
fn derivable(schema: &Schema) -> bool {
    schema.fields.iter().all(|f| {
        !f.key().starts_with(['[', '(']) && !f.key().starts_with("new(") && !f.key().is_empty()
    })
}
