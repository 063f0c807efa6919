//! The module facts as tree-sitter's tree gives them: where the lexer cannot follow the text.

use structlint_core::FileContext;
use structlint_core::NodeNames;
use structlint_core::tree_sitter::Node;

use super::{ModuleFacts, Name, RefKind};

impl ModuleFacts {
    /// The facts as tree-sitter's tree gives them: where the lexer cannot follow the text.
    pub(super) fn from_tree(cx: &FileContext<'_>) -> ModuleFacts {
        let mut facts = ModuleFacts::default();
        let Some(tree) = cx.tree() else {
            return facts;
        };
        let root = tree.root_node();
        let mut cursor = root.walk();
        for node in root.named_children(&mut cursor) {
            match node.kind_name() {
                "import_statement" => facts.import(cx, node),
                "export_statement" => facts.export(cx, node),
                _ => {}
            }
        }
        facts.calls(cx, root);
        facts
    }

    fn import(&mut self, cx: &FileContext<'_>, node: Node<'_>) {
        let text = cx.text();
        let statement_type = has_token(node, "type");
        let (source, names, kind) =
            if let Some(clause) = child_of_kind(node, "import_require_clause") {
                let alias =
                    child_of_kind(clause, "identifier").map(|n| text[n.byte_range()].to_string());
                (
                    clause.field("source"),
                    vec![Name {
                        name: "*".into(),
                        alias,
                        type_only: false,
                    }],
                    RefKind::Import,
                )
            } else if let Some(clause) = child_of_kind(node, "import_clause") {
                (
                    node.field("source"),
                    import_names(clause, text, statement_type),
                    RefKind::Import,
                )
            } else {
                (node.field("source"), Vec::new(), RefKind::SideEffect)
            };
        self.push(cx, node, source, kind, names, statement_type);
    }

    fn export(&mut self, cx: &FileContext<'_>, node: Node<'_>) {
        let text = cx.text();
        let statement_type = has_token(node, "type");
        if let Some(source) = node.field("source") {
            let (kind, names) = match (
                child_of_kind(node, "export_clause"),
                child_of_kind(node, "namespace_export"),
            ) {
                (Some(clause), _) => (
                    RefKind::ExportFrom,
                    specifiers(clause, "export_specifier", text, statement_type),
                ),
                (None, Some(ns)) => {
                    let alias = child_of_kind(ns, "identifier")
                        .or_else(|| child_of_kind(ns, "string"))
                        .map(|n| text[n.byte_range()].to_string());
                    (
                        RefKind::ExportFrom,
                        vec![Name {
                            name: "*".into(),
                            alias,
                            type_only: statement_type,
                        }],
                    )
                }
                (None, None) => (RefKind::ExportAll, Vec::new()),
            };
            self.push(cx, node, Some(source), kind, names, statement_type);
        } else if let Some(clause) = child_of_kind(node, "export_clause") {
            let names = specifiers(clause, "export_specifier", text, statement_type);
            self.exports
                .extend(names.into_iter().map(|n| n.alias.unwrap_or(n.name)));
        } else if has_token(node, "default") {
            self.exports.push("default".into());
        } else if let Some(declaration) = node.field("declaration") {
            declared_names(declaration, text, &mut self.exports);
        }
    }

    /// `import("m")` and `require("m")` anywhere in the tree, found by their text and then
    /// confirmed in the tree: each hit costs the depth of the tree at it, where a walk of
    /// every node cost a twentieth of the whole check.
    fn calls(&mut self, cx: &FileContext<'_>, root: Node<'_>) {
        let text = cx.text();
        for (word, kind) in [("require", RefKind::Require), ("import", RefKind::Dynamic)] {
            for at in memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()) {
                let end = at + word.len();
                let Some(callee) = root.named_descendant_for_byte_range(at, end) else {
                    continue;
                };
                let callee_kind = match kind {
                    RefKind::Require => "identifier",
                    _ => "import",
                };
                if callee.start_byte() != at
                    || callee.end_byte() != end
                    || callee.kind_name() != callee_kind
                {
                    continue;
                }
                let Some(call) = callee
                    .parent()
                    .filter(|p| p.kind_name() == "call_expression")
                    .filter(|p| p.field("function") == Some(callee))
                else {
                    continue;
                };
                // `import(/* webpackChunkName: "c" */ "./c")`: the comment is not the argument.
                let argument = call.field("arguments").and_then(|a| {
                    let mut cursor = a.walk();
                    a.named_children(&mut cursor)
                        .find(|n| n.kind_name() != "comment")
                });
                if let Some(argument) = argument
                    && matches!(argument.kind_name(), "string" | "template_string")
                    && child_of_kind(argument, "template_substitution").is_none()
                {
                    self.push(cx, call, Some(argument), kind, Vec::new(), false);
                }
            }
        }
        // Static references came first; keep all of them in source order.
        self.refs.sort_by_key(|r| r.span.start);
    }

    fn push(
        &mut self,
        cx: &FileContext<'_>,
        node: Node<'_>,
        source: Option<Node<'_>>,
        kind: RefKind,
        names: Vec<Name>,
        statement_type: bool,
    ) {
        let Some(source) = source else {
            return;
        };
        self.push_ref(
            cx,
            node.byte_range(),
            source.byte_range(),
            kind,
            names,
            statement_type,
        );
    }
}

fn child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).find(|c| c.kind_name() == kind)
}

/// Whether `node` has the anonymous token `token` (`type`, `default`) among its children.
fn has_token(node: Node<'_>, token: &str) -> bool {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .any(|c| !c.is_named() && c.kind_name() == token)
}

fn import_names(clause: Node<'_>, text: &str, statement_type: bool) -> Vec<Name> {
    let mut names = Vec::new();
    let mut cursor = clause.walk();
    for part in clause.named_children(&mut cursor) {
        match part.kind_name() {
            "identifier" => names.push(Name {
                name: "default".into(),
                alias: Some(text[part.byte_range()].into()),
                type_only: statement_type,
            }),
            "namespace_import" => {
                let alias =
                    child_of_kind(part, "identifier").map(|n| text[n.byte_range()].to_string());
                names.push(Name {
                    name: "*".into(),
                    alias,
                    type_only: statement_type,
                });
            }
            "named_imports" => {
                names.extend(specifiers(part, "import_specifier", text, statement_type))
            }
            _ => {}
        }
    }
    names
}

fn specifiers(list: Node<'_>, kind: &str, text: &str, statement_type: bool) -> Vec<Name> {
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter(|s| s.kind_name() == kind)
        .filter_map(|s| {
            let name = s.field("name")?;
            Some(Name {
                name: text[name.byte_range()]
                    .trim_matches(['"', '\''])
                    .to_string(),
                alias: s.field("alias").map(|a| text[a.byte_range()].to_string()),
                type_only: statement_type || has_token(s, "type"),
            })
        })
        .collect()
}

/// The names a declaration introduces: `export const a = 1, b = 2` → a, b.
fn declared_names(declaration: Node<'_>, text: &str, out: &mut Vec<String>) {
    if let Some(name) = declaration.field("name") {
        out.push(text[name.byte_range()].to_string());
        return;
    }
    let mut cursor = declaration.walk();
    for child in declaration.named_children(&mut cursor) {
        match child.kind_name() {
            "variable_declarator" => {
                if let Some(name) = child
                    .field("name")
                    .filter(|n| n.kind_name() == "identifier")
                {
                    out.push(text[name.byte_range()].to_string());
                }
            }
            "lexical_declaration"
            | "variable_declaration"
            | "function_signature"
            | "class_declaration"
            | "function_declaration" => declared_names(child, text, out),
            _ => {}
        }
    }
}
