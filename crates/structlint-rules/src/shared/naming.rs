//! Naming conventions: the words of an identifier and how a file name spells them.

/// How a file stem spells words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    Kebab,
    Snake,
    Camel,
    Pascal,
}

impl Case {
    /// The convention of an existing file stem; single lowercase words read as kebab-case,
    /// the most common convention of TypeScript file names.
    pub fn of(stem: &str) -> Case {
        if stem.contains('_') {
            Case::Snake
        } else if stem.contains('-') {
            Case::Kebab
        } else if stem.chars().next().is_some_and(char::is_uppercase) {
            Case::Pascal
        } else if stem.chars().any(char::is_uppercase) {
            Case::Camel
        } else {
            Case::Kebab
        }
    }

    pub fn spell(self, name: &str) -> String {
        let words = words(name);
        let capitalised = || words.iter().map(|w| capitalise(w)).collect::<String>();
        match self {
            Case::Kebab => words.join("-"),
            Case::Snake => words.join("_"),
            Case::Pascal => capitalised(),
            Case::Camel => {
                let mut out = capitalised();
                if let Some(first) = out.get(..1) {
                    out.replace_range(..1, &first.to_lowercase());
                }
                out
            }
        }
    }
}

/// Lowercase words of `name`: `formatRow` → format, row; `HTTPClient` → http, client;
/// `fmt::Display for Report` → fmt, display, for, report.
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1);
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_identifiers_into_words() {
        assert_eq!(words("formatRow"), ["format", "row"]);
        assert_eq!(words("HTTPClient"), ["http", "client"]);
        assert_eq!(words("invoice_table"), ["invoice", "table"]);
        assert_eq!(
            words("fmt::Display for Report"),
            ["fmt", "display", "for", "report"]
        );
        assert_eq!(words("v2Api"), ["v2", "api"]);
    }

    #[test]
    fn detects_and_spells_conventions() {
        assert_eq!(Case::of("invoice-table"), Case::Kebab);
        assert_eq!(Case::of("invoice_table"), Case::Snake);
        assert_eq!(Case::of("InvoiceTable"), Case::Pascal);
        assert_eq!(Case::of("invoiceTable"), Case::Camel);
        assert_eq!(Case::of("service"), Case::Kebab);
        assert_eq!(Case::Camel.spell("InvoiceRow"), "invoiceRow");
        assert_eq!(Case::Pascal.spell("format_row"), "FormatRow");
        assert_eq!(Case::Snake.spell("HTTPClient"), "http_client");
        assert_eq!(Case::Kebab.spell("formatRow"), "format-row");
    }
}
