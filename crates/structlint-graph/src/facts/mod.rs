//! What a TypeScript or JavaScript module says about other modules: every reference to one
//! (imports, re-exports, `import()`, `require`) and the names it exports itself.

use structlint_core::{FileContext, Span};

/// How a module refers to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RefKind {
    /// `import x from "m"`, `import { a } from "m"`, `import * as ns from "m"`, `import x = require("m")`.
    Import,
    /// `import "m"`: for its side effects only.
    SideEffect,
    /// `export { a } from "m"`, `export * as ns from "m"`.
    ExportFrom,
    /// `export * from "m"`.
    ExportAll,
    /// `import("m")` with a string literal.
    Dynamic,
    /// `require("m")` with a string literal.
    Require,
}

impl RefKind {
    /// Re-exports make the target's names part of this module's API.
    pub fn is_reexport(self) -> bool {
        matches!(self, RefKind::ExportFrom | RefKind::ExportAll)
    }
}

/// One imported or re-exported name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Name {
    /// The name in the target module: an identifier, `default`, or `*` for a namespace.
    pub name: String,
    /// The name it gets here (`b` in `import { a as b }`, `ns` in `import * as ns`).
    pub alias: Option<String>,
    pub type_only: bool,
}

/// One reference to another module.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ModuleRef {
    pub specifier: String,
    pub kind: RefKind,
    pub names: Vec<Name>,
    /// `import type`/`export type`, or every name marked `type`: erased at run time.
    pub type_only: bool,
    /// The whole statement or call.
    pub span: Span,
    /// The string literal, quotes included: what a fix rewrites.
    pub specifier_span: Span,
    /// The literal's quote (`"`, `'` or a backtick), so a rewrite keeps the file's style.
    pub quote: char,
}

/// The facts of one module.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ModuleFacts {
    pub refs: Vec<ModuleRef>,
    /// Names this module declares and exports (`default` for a default export); names it
    /// re-exports from elsewhere are in `refs`.
    pub exports: Vec<String>,
}

impl ModuleFacts {
    /// Extracts the facts of a TS/TSX/JS file. Static imports and exports are top-level; the
    /// calls are looked up where their text is.
    pub fn extract(cx: &FileContext<'_>) -> ModuleFacts {
        let mut facts = tokens::extract(cx).unwrap_or_else(|| ModuleFacts::from_tree(cx));
        // Every module's facts are kept for the whole run: lists pushed to hold room to grow.
        facts.refs.shrink_to_fit();
        facts.exports.shrink_to_fit();
        for r in &mut facts.refs {
            r.names.shrink_to_fit();
        }
        facts
    }

    /// A reference of the statement or call at `bytes` to the module its string literal at
    /// `source` names.
    fn push_ref(
        &mut self,
        cx: &FileContext<'_>,
        bytes: std::ops::Range<usize>,
        source: std::ops::Range<usize>,
        kind: RefKind,
        names: Vec<Name>,
        statement_type: bool,
    ) {
        let literal = &cx.text()[source.clone()];
        let specifier = literal
            .trim_matches(|c| c == '"' || c == '\'' || c == '`')
            .to_string();
        let quote = literal
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
            .unwrap_or('"');
        let type_only = statement_type || (!names.is_empty() && names.iter().all(|n| n.type_only));
        self.refs.push(ModuleRef {
            specifier,
            kind,
            names,
            type_only,
            span: cx.span(bytes),
            specifier_span: cx.span(source),
            quote,
        });
    }
}

mod tokens;
mod tree;

#[cfg(test)]
mod tests;
