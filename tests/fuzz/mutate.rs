//! Structure-aware mutation of real inputs: a case is one of our own valid seeds with a few
//! edits at the level of its tokens (a key, a number, a string, a bracket, a line), its bytes,
//! or its layout (line endings, a BOM, nesting), or now and then a splice of two seeds or a
//! soup of the target's words. Valid seeds carry the mutants deep into the code, past the
//! parser, where a purely random input would stop at the first byte.

use fastrand::Rng;

/// What a target's inputs are made of.
pub struct Grammar<'a> {
    /// Valid inputs the mutants start from.
    pub seeds: &'a [Vec<u8>],
    /// Words of the language: keys, kinds, operators, values.
    pub words: &'a [&'a str],
    /// Brackets that nest (`[` and `]`, `(_ ` and `)`).
    pub nests: &'a [(&'a str, &'a str)],
    /// Whether the input may stop being UTF-8 (a file on disk may; a query string may not).
    pub bytes: bool,
    /// Inputs grow no larger: every target reads the whole input, so a case stays fast.
    pub max_len: usize,
}

/// Numbers at the edges of every integer type, and numbers that are not quite numbers.
#[rustfmt::skip]
pub const NUMBERS: &[&str] = &[
    "0", "-1", "1", "-0", "+5", "007", "2147483647", "2147483648", "4294967296",
    "9223372036854775807", "9223372036854775808", "18446744073709551615",
    "18446744073709551616", "99999999999999999999999999999", "1e309", "-1e309", "nan", "inf",
    "0x7fffffffffffffff", "0o777", "0b1", "1_000", "3.14", "1e-9", "67108864", "65536",
];

/// Odd strings: empty, control characters and escapes, bidi and zero-width marks, astral
/// characters, paths that leave the workspace, globs that are barely valid, template syntax.
#[rustfmt::skip]
const STRINGS: &[&str] = &[
    "", " ", "\\u0000", "\\uD800", "\\t\\n", "\\", "\u{7}", "\u{202e}abc", "\u{200b}",
    "e\u{301}", "🦀", "𝕏𝕐", "\u{feff}", "ａ", "\r\n", "\t", "../../../etc/passwd", "/etc/passwd",
    "C:\\\\x", "**", "a\\\\/**", "{a,b", "[!", "*.{ts,tsx}", "**/..", "$$$A", "$A", "{{A}}",
    "{{", "}}", "$", "(_) @a", "((_)?)+ @a", "\\\"", "'", "\"\"\"", "#",
];

/// One mutant of `grammar`'s seeds.
pub fn mutant(rng: &mut Rng, grammar: &Grammar<'_>) -> Vec<u8> {
    if rng.usize(..20) == 0 {
        return soup(rng, grammar);
    }
    let mut text = grammar.seeds[rng.usize(..grammar.seeds.len())].clone();
    // Mostly a few edits, sometimes many: one wrong byte finds other bugs than ten.
    let edits = if rng.bool() { 1 } else { rng.usize(1..=12) };
    for _ in 0..edits {
        edit(rng, grammar, &mut text);
        text.truncate(grammar.max_len);
    }
    if grammar.bytes {
        text
    } else {
        String::from_utf8_lossy(&text).into_owned().into_bytes()
    }
}

fn edit(rng: &mut Rng, grammar: &Grammar<'_>, text: &mut Vec<u8>) {
    let at = rng.usize(..=text.len());
    match rng.usize(..14) {
        0 => {
            let token = token_at(text, at);
            text.drain(token);
        }
        1 => {
            let range = some_range(rng, text, at);
            text.drain(range);
        }
        2 => {
            // Repeats of a token, a line or a run: long lists, duplicate keys, deep input.
            let range = some_range(rng, text, at);
            let piece = text[range.clone()].to_vec();
            let times = pick(rng, &[1, 2, 3, 16, 300, 5000]);
            let copies: Vec<u8> = piece.repeat(times.min(grammar.max_len / piece.len().max(1)));
            text.splice(range.end..range.end, copies);
        }
        3 => {
            let token = token_at(text, at);
            let word = pick(rng, grammar.words).as_bytes().to_vec();
            text.splice(token, word);
        }
        4 => {
            let at = token_at(text, at).start;
            let word = pick(rng, grammar.words);
            let spaced = match rng.usize(..3) {
                0 => format!(" {word} "),
                1 => format!("\n{word}"),
                _ => word.to_string(),
            };
            text.splice(at..at, spaced.into_bytes());
        }
        5 => replace_number(rng, text, at),
        6 => replace_string(rng, text, at, grammar.max_len),
        7 => {
            let (open, close) = pick(rng, grammar.nests);
            let depth = pick(rng, &[1, 2, 8, 63, 64, 65, 200, 3000]);
            let range = token_at(text, at);
            text.splice(range.end..range.end, close.repeat(depth).into_bytes());
            text.splice(range.start..range.start, open.repeat(depth).into_bytes());
        }
        8 => layout(rng, text, at),
        9 => raw_bytes(rng, grammar, text, at),
        10 => {
            let other = &grammar.seeds[rng.usize(..grammar.seeds.len())];
            let from = rng.usize(..=other.len());
            let piece = &other[from..(from + rng.usize(..200)).min(other.len())];
            let range = if rng.bool() {
                at..at
            } else {
                token_at(text, at)
            };
            text.splice(range, piece.iter().copied());
        }
        11 => text.truncate(at),
        12 => {
            // Two tokens trade places: a key where a value was, a `)` before its `(`.
            let (a, b) = (token_at(text, at), token_at(text, rng.usize(..=text.len())));
            if a.end <= b.start {
                let (x, y) = (text[a.clone()].to_vec(), text[b.clone()].to_vec());
                text.splice(b, x);
                text.splice(a, y);
            }
        }
        _ => {
            let line = line_at(text, at);
            let piece = text[line.clone()].to_vec();
            text.drain(line);
            let to = line_at(text, rng.usize(..=text.len())).start;
            text.splice(to..to, piece);
        }
    }
}

/// Words, numbers, strings and punctuation in random order: input no seed resembles.
fn soup(rng: &mut Rng, grammar: &Grammar<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.usize(..80) {
        let piece: &str = match rng.usize(..6) {
            0 => pick(rng, NUMBERS),
            1 => pick(rng, STRINGS),
            2 => pick(
                rng,
                &[" ", "\n", "=", "\"", "[", "]", "{", "}", "(", ")", ",", ":"],
            ),
            3 if grammar.bytes => {
                out.push(rng.u8(..));
                continue;
            }
            _ => pick(rng, grammar.words),
        };
        out.extend_from_slice(piece.as_bytes());
    }
    out
}

fn replace_number(rng: &mut Rng, text: &mut Vec<u8>, at: usize) {
    let Some(start) = (at..text.len()).find(|&i| text[i].is_ascii_digit()) else {
        return;
    };
    let end = (start..text.len())
        .find(|&i| !text[i].is_ascii_digit())
        .unwrap_or(text.len());
    let number = if rng.usize(..8) == 0 {
        "9".repeat(rng.usize(1..400))
    } else {
        pick(rng, NUMBERS).to_string()
    };
    text.splice(start..end, number.into_bytes());
}

/// Replaces the contents of the next `"…"` string: an odd string, one of another key's, or a
/// long one (miette cannot draw a line over 65,535 columns).
fn replace_string(rng: &mut Rng, text: &mut Vec<u8>, at: usize, max_len: usize) {
    let Some(open) = (at..text.len()).find(|&i| text[i] == b'"') else {
        return;
    };
    let mut end = open + 1;
    while end < text.len() && text[end] != b'"' && text[end] != b'\n' {
        end += if text[end] == b'\\' { 2 } else { 1 };
    }
    let end = end.min(text.len());
    let content = match rng.usize(..4) {
        0 => {
            let piece = pick(rng, STRINGS);
            let times = pick(rng, &[2, 5000, 70_000]);
            piece.repeat(times.min(max_len / piece.len().max(1)))
        }
        1 => {
            let c = rng.char(..);
            c.to_string().repeat(rng.usize(1..40))
        }
        _ => pick(rng, STRINGS).to_string(),
    };
    text.splice(open + 1..end, content.into_bytes());
}

/// Line endings (CRLF, a lone CR), a BOM, a missing final newline, trailing NUL.
fn layout(rng: &mut Rng, text: &mut Vec<u8>, at: usize) {
    match rng.usize(..6) {
        0 => *text = replace_all(text, b"\n", b"\r\n"),
        1 => *text = replace_all(text, b"\n", b"\r"),
        2 => {
            text.splice(0..0, "\u{feff}".bytes());
        }
        3 => text.insert(at, b'\r'),
        4 => {
            while text.last().is_some_and(|b| b.is_ascii_whitespace()) {
                text.pop();
            }
        }
        _ => text.push(0),
    }
}

fn raw_bytes(rng: &mut Rng, grammar: &Grammar<'_>, text: &mut Vec<u8>, at: usize) {
    if grammar.bytes && rng.bool() {
        match (rng.usize(..3), at < text.len()) {
            (0, true) => text[at] ^= 1 << rng.u8(..8),
            (1, true) => text[at] = pick(rng, &[0, 0x80, 0xc3, 0xff, 0xfe, b'\\']),
            _ => text.insert(at, rng.u8(..)),
        }
    } else {
        let at = char_start(text, at);
        let c = match rng.usize(..3) {
            0 => rng.char('\u{0}'..'\u{80}'),
            1 => rng.char('\u{80}'..'\u{800}'),
            _ => rng.char(..),
        };
        text.splice(at..at, c.to_string().into_bytes());
    }
}

/// The token around byte `at`: a run of word characters (which keeps a UTF-8 sequence whole),
/// of blanks, of line breaks, or one punctuation byte.
pub fn token_at(text: &[u8], at: usize) -> std::ops::Range<usize> {
    if at >= text.len() {
        return text.len()..text.len();
    }
    let class = |b: u8| match b {
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => 0,
        b'_' | b'-' | b'$' | b'@' | b'#' | b'?' | b'!' | b'.' | 0x80.. => 0,
        b' ' | b'\t' => 1,
        b'\r' | b'\n' => 2,
        _ => 3,
    };
    let c = class(text[at]);
    if c == 3 {
        return at..at + 1;
    }
    let start = (0..at)
        .rev()
        .find(|&i| class(text[i]) != c)
        .map_or(0, |i| i + 1);
    let end = (at..text.len())
        .find(|&i| class(text[i]) != c)
        .unwrap_or(text.len());
    start..end
}

fn line_at(text: &[u8], at: usize) -> std::ops::Range<usize> {
    let at = at.min(text.len());
    let start = text[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = text[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| at + i + 1);
    start..end
}

/// A token, a line, or a short run of bytes, around `at`.
fn some_range(rng: &mut Rng, text: &[u8], at: usize) -> std::ops::Range<usize> {
    match rng.usize(..3) {
        0 => token_at(text, at),
        1 => line_at(text, at),
        _ => at..(at + rng.usize(..64)).min(text.len()),
    }
}

fn char_start(text: &[u8], mut at: usize) -> usize {
    while at > 0 && at < text.len() && text[at] & 0xc0 == 0x80 {
        at -= 1;
    }
    at
}

fn replace_all(text: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(to);
        rest = &rest[i + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

pub fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

/// Smaller versions of a failing input, largest cuts first, to find a short reproduction.
pub fn shrink(text: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut size = text.len() / 2;
    while size > 0 {
        for start in (0..text.len()).step_by(size) {
            let mut smaller = text[..start].to_vec();
            smaller.extend_from_slice(&text[(start + size).min(text.len())..]);
            out.push(smaller);
        }
        size /= 2;
    }
    out
}
