//! Node kinds and field names read from tables instead of the grammar's C strings.
//!
//! `Node::kind` measures and UTF-8-checks a C string on every call, and
//! `Node::child_by_field_name` finds the field's id with one `strncmp` per field of the
//! grammar. The rules ask both questions of nearly every node they look at (the ancestors of
//! every use of a name, every call in a file), which made these conversions a tenth of
//! `fetch-retry-timeout`'s time. The tables are built once per grammar, from the grammar
//! itself, so they answer exactly what the slow calls answer.

use std::sync::OnceLock;

use tree_sitter::{Language, Node};

use crate::Grammar;

/// A grammar's kind names by kind id, and its field ids by name (grouped by length, so a
/// lookup compares a handful of same-length names at most).
struct NameTable {
    language: Language,
    kinds: Vec<Box<str>>,
    fields_by_length: Vec<Vec<(Box<str>, u16)>>,
}

impl NameTable {
    fn of(grammar: Grammar) -> NameTable {
        let language = grammar.language();
        let kinds = (0..language.node_kind_count())
            .map(|id| {
                u16::try_from(id)
                    .ok()
                    .and_then(|id| language.node_kind_for_id(id))
                    .unwrap_or("")
                    .into()
            })
            .collect();
        let mut fields_by_length: Vec<Vec<(Box<str>, u16)>> = Vec::new();
        // Field ids start at 1; 0 means "no field".
        for id in 1..=language.field_count() {
            let Some(name) = u16::try_from(id)
                .ok()
                .and_then(|id| Some((id, language.field_name_for_id(id)?)))
            else {
                continue;
            };
            if fields_by_length.len() <= name.1.len() {
                fields_by_length.resize_with(name.1.len() + 1, Vec::new);
            }
            fields_by_length[name.1.len()].push((name.1.into(), name.0));
        }
        NameTable {
            language,
            kinds,
            fields_by_length,
        }
    }

    fn field_id(&self, name: &str) -> Option<u16> {
        self.fields_by_length
            .get(name.len())?
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|&(_, id)| id)
    }
}

fn tables() -> &'static [NameTable; 3] {
    static TABLES: OnceLock<[NameTable; 3]> = OnceLock::new();
    TABLES.get_or_init(|| {
        [
            NameTable::of(Grammar::TypeScript),
            NameTable::of(Grammar::Tsx),
            NameTable::of(Grammar::Rust),
        ]
    })
}

/// The table of the grammar `node` was parsed with; `None` for a grammar structlint does not
/// ship (a tree built elsewhere), which then takes the slow calls.
fn table_of(node: &Node<'_>) -> Option<&'static NameTable> {
    let language = node.language();
    tables().iter().find(|t| t.language == *language)
}

/// [`Node::kind`] and [`Node::child_by_field_name`] without the string conversions.
pub trait NodeNames<'tree> {
    /// The node's kind (`"call_expression"`), as `Node::kind` gives it.
    fn kind_name(&self) -> &'static str;
    /// The child in field `name`, as `Node::child_by_field_name` gives it.
    fn field(&self, name: &str) -> Option<Node<'tree>>;
}

impl<'tree> NodeNames<'tree> for Node<'tree> {
    fn kind_name(&self) -> &'static str {
        let Some(table) = table_of(self) else {
            return leak_kind(self.kind());
        };
        match table.kinds.get(usize::from(self.kind_id())) {
            Some(kind) => kind,
            None => leak_kind(self.kind()),
        }
    }

    fn field(&self, name: &str) -> Option<Node<'tree>> {
        match table_of(self) {
            Some(table) => self.child_by_field_id(table.field_id(name)?),
            None => self.child_by_field_name(name),
        }
    }
}

/// A kind of a grammar without a table, kept for the life of the process: grammars are few
/// and their kinds finite, and each distinct name is stored once.
fn leak_kind(kind: &str) -> &'static str {
    use std::collections::BTreeSet;
    use std::sync::Mutex;
    static SEEN: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut seen = SEEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&known) = seen.get(kind) {
        return known;
    }
    let stored: &'static str = Box::leak(kind.into());
    seen.insert(stored);
    stored
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_tree;

    /// Every node of a file in each grammar: the tables give what the slow calls give.
    #[test]
    fn the_tables_answer_as_the_grammar_does() {
        let sources = [
            (
                Grammar::TypeScript,
                "export async function f<T>(a: T, { signal }: O) { try { return await fetch(a, { signal }) } catch (e) { for (;;) {} } }\nclass C { m() { this.x = [1, `t${2}`] } }",
            ),
            (
                Grammar::Tsx,
                "const A = () => <div key={1}>{items.map((i) => <B i={i} />)}</div>;\nlet x = a?.b ?? c;",
            ),
            (
                Grammar::Rust,
                "pub fn f<'a>(x: &'a str) -> Result<(), E> { let y = match x { \"a\" => 1, _ => 2 }; g(y)?; Ok(()) }\nimpl T for S { type A = u8; }",
            ),
        ];
        let fields = [
            "name",
            "body",
            "function",
            "arguments",
            "parameters",
            "parameter",
            "pattern",
            "left",
            "right",
            "key",
            "value",
            "object",
            "property",
            "handler",
            "type",
            "no_such_field",
            "",
        ];
        for (grammar, source) in sources {
            let tree = parse_tree(grammar, source).expect("parses");
            assert!(
                table_of(&tree.root_node()).is_some(),
                "{grammar:?} has a table"
            );
            let mut cursor = tree.walk();
            let mut visited = 0;
            'walk: loop {
                let node = cursor.node();
                visited += 1;
                assert_eq!(node.kind_name(), node.kind());
                for field in fields {
                    assert_eq!(
                        node.field(field),
                        node.child_by_field_name(field),
                        "{field}"
                    );
                }
                if cursor.goto_first_child() {
                    continue;
                }
                while !cursor.goto_next_sibling() {
                    if !cursor.goto_parent() {
                        break 'walk;
                    }
                }
            }
            assert!(visited > 40, "{grammar:?}: {visited} nodes");
        }
    }

    #[test]
    fn kinds_outside_the_tables_are_stored_once() {
        assert_eq!(leak_kind("call_expression"), "call_expression");
        assert!(std::ptr::eq(leak_kind("x_kind"), leak_kind("x_kind")));
    }
}
