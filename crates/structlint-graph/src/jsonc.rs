//! JSON with comments and trailing commas, as `tsconfig.json` allows.

use serde_json::Value;

/// Parses JSONC: `//` and `/* */` comments and trailing commas are accepted. Comments are
/// blanked rather than removed, so error positions are those of the original text.
pub fn parse_jsonc(text: &str) -> Result<Value, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(&strip(text)).map_err(|e| e.to_string())
}

fn strip(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i);
                out.extend_from_slice(&bytes[i..end]);
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| i + p);
                out.resize(out.len() + end - i, b' ');
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |p| i + 2 + p + 2);
                out.extend(
                    bytes[i..end]
                        .iter()
                        .map(|&b| if b == b'\n' { b'\n' } else { b' ' }),
                );
                i = end;
            }
            b',' if next_significant(bytes, i + 1).is_some_and(|b| b == b'}' || b == b']') => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("only ASCII bytes were replaced, and with ASCII")
}

/// One past the closing quote of the string that starts at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The next byte that is not whitespace or inside a comment.
fn next_significant(bytes: &[u8], mut i: usize) -> Option<u8> {
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| i + p)
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = bytes[i + 2..]
                    .windows(2)
                    .position(|w| w == b"*/")
                    .map_or(bytes.len(), |p| i + 2 + p + 2)
            }
            b => return Some(b),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_trailing_commas_are_accepted() {
        let text = "{\n  // line\n  \"a\": [1, 2,], /* block\n spans */ \"b\": \"// not a comment, \\\" /* nor this */\",\n  \"c\": { \"d\": true, },\n}\n";
        let value = parse_jsonc(text).unwrap();
        assert_eq!(value["a"], serde_json::json!([1, 2]));
        assert_eq!(value["b"], "// not a comment, \" /* nor this */");
        assert_eq!(value["c"]["d"], true);
    }

    #[test]
    fn errors_keep_original_positions() {
        let err = parse_jsonc("{\n  // comment\n  \"a\": 1\n  \"b\": 2\n}").unwrap_err();
        assert!(err.contains("line 4"), "{err}");
        assert!(parse_jsonc("\u{feff}{}").is_ok());
    }
}
