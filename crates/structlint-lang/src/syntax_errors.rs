use tree_sitter::{Node, Tree};

/// The syntax errors tree-sitter recovered from in one tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyntaxErrors {
    /// `ERROR` and `MISSING` nodes in the tree.
    pub count: usize,
    /// Byte offset of the first one.
    pub first: Option<usize>,
}

impl SyntaxErrors {
    /// Counts error nodes, descending only into subtrees that contain one, so a clean
    /// tree costs a single check of the root.
    pub fn of(tree: &Tree) -> SyntaxErrors {
        let mut errors = SyntaxErrors::default();
        let root = tree.root_node();
        if root.has_error() {
            visit(root, &mut errors);
        }
        errors
    }
}

fn visit(node: Node<'_>, errors: &mut SyntaxErrors) {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            errors.count += 1;
            let start = node.start_byte();
            errors.first = Some(errors.first.map_or(start, |f| f.min(start)));
            if node.is_missing() {
                continue;
            }
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor).filter(|c| c.has_error()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Grammar, parse_tree};

    #[test]
    fn clean_code_has_no_errors() {
        let tree = parse_tree(Grammar::TypeScript, "export const a = 1;\n").unwrap();
        assert_eq!(SyntaxErrors::of(&tree), SyntaxErrors::default());
    }

    #[test]
    fn broken_code_is_counted_with_the_first_offset() {
        let text = "const ok = 1;\nfunction (( {\nlet x = ;\n";
        let tree = parse_tree(Grammar::TypeScript, text).unwrap();
        let errors = SyntaxErrors::of(&tree);
        assert!(errors.count >= 1, "{errors:?}");
        assert!(errors.first.unwrap() >= text.find("function").unwrap());
    }
}
