use std::path::Path;

/// A language of the files structlint checks, decided by the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// `.ts`, `.mts`, `.cts` (including `.d.ts`).
    TypeScript,
    /// `.tsx`.
    Tsx,
    /// `.js`, `.mjs`, `.cjs`, `.jsx`, parsed with the TSX grammar.
    JavaScript,
    /// `.rs`.
    Rust,
}

/// The tree-sitter grammar a file is parsed with. TS and TSX are different grammars: a
/// query compiled for one returns nothing on a tree of the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grammar {
    TypeScript,
    Tsx,
    Rust,
}

impl Language {
    pub const ALL: [Language; 4] = [
        Language::TypeScript,
        Language::Tsx,
        Language::JavaScript,
        Language::Rust,
    ];

    /// The language of `path`, or `None` when structlint does not read such files.
    pub fn from_path(path: &Path) -> Option<Language> {
        let ext = path.extension()?.to_str()?;
        Some(match ext {
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "rs" => Language::Rust,
            _ => return None,
        })
    }

    pub fn grammar(self) -> Grammar {
        match self {
            Language::TypeScript => Grammar::TypeScript,
            Language::Tsx | Language::JavaScript => Grammar::Tsx,
            Language::Rust => Grammar::Rust,
        }
    }

    /// The name used in config files and output: `typescript`, `tsx`, `javascript`, `rust`.
    pub fn name(self) -> &'static str {
        match self {
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::JavaScript => "javascript",
            Language::Rust => "rust",
        }
    }

    pub fn from_name(name: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.name() == name)
    }

    /// True for the TypeScript family (TS, TSX, JS), which share most rules.
    pub fn is_typescript_family(self) -> bool {
        !matches!(self, Language::Rust)
    }
}

impl Grammar {
    pub fn language(self) -> tree_sitter::Language {
        match self {
            Grammar::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Grammar::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Grammar::Rust => tree_sitter_rust::LANGUAGE.into(),
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_map_to_languages() {
        let cases = [
            ("a.ts", Some(Language::TypeScript)),
            ("a.d.ts", Some(Language::TypeScript)),
            ("a.mts", Some(Language::TypeScript)),
            ("a.cts", Some(Language::TypeScript)),
            ("a.tsx", Some(Language::Tsx)),
            ("a.js", Some(Language::JavaScript)),
            ("a.mjs", Some(Language::JavaScript)),
            ("a.cjs", Some(Language::JavaScript)),
            ("a.jsx", Some(Language::JavaScript)),
            ("a.rs", Some(Language::Rust)),
            ("a.json", None),
            ("Makefile", None),
        ];
        for (path, want) in cases {
            assert_eq!(Language::from_path(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn javascript_uses_the_tsx_grammar() {
        assert_eq!(Language::JavaScript.grammar(), Grammar::Tsx);
        assert_eq!(Language::TypeScript.grammar(), Grammar::TypeScript);
    }

    #[test]
    fn names_round_trip() {
        for lang in Language::ALL {
            assert_eq!(Language::from_name(lang.name()), Some(lang));
        }
    }
}
