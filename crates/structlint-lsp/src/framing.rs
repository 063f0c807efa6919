//! The base protocol's framing: a header block with `Content-Length`, a blank line, the body.
//!
//! A header block without a usable length is a framing error: where its body ends is unknown,
//! so the reader logs it to stderr and skips to the next `Content-Length` header, wherever
//! it starts (a body is usually followed by the next header on the same line, as JSON has no
//! newline at its end). Headers are read as bytes, so one that is not UTF-8 is a bad header,
//! not the end of the input.

use std::io::{BufRead, Read};

/// The largest body the server reads; a longer one is a framing error.
pub(crate) const MAX_BODY: usize = 64 << 20;
/// Header lines are short: a longer line is read in pieces of this size, so skipping a body
/// of any length takes constant memory, and a header line longer than this is a framing error.
const MAX_LINE: usize = 8 << 10;
const LENGTH: &[u8] = b"content-length:";

/// The body of the next message, or `None` at the end of the input. Public for the fuzz
/// target of the framing (tests/fuzz).
pub fn read_body(input: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut lines = Lines::default();
    let mut skipping = false;
    loop {
        let mut length = None;
        let mut too_long = false;
        loop {
            let mut line = lines.next(input)?;
            if skipping {
                match find_length(&line) {
                    Some(at) => {
                        line.drain(..at);
                        skipping = false;
                    }
                    None => {
                        // Keep the end: the header may start in this piece of a long line.
                        lines.carry(&line);
                        continue;
                    }
                }
            }
            // The piece may end inside the header line: its rest would read as a line of its
            // own (a lone line break, the end of the headers).
            if !lines.rest_of_line(input, &mut line) {
                too_long = true;
                continue;
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                length = Some(parse_length(value.trim()));
            }
        }
        if too_long {
            length = Some(Err(format!(
                "a header line is longer than {} KiB",
                MAX_LINE >> 10
            )));
        }
        match length.unwrap_or_else(|| Err("a header without `Content-Length`".into())) {
            Ok(length) => {
                let mut body = vec![0; length];
                input.read_exact(&mut body).ok()?;
                return Some(body);
            }
            Err(problem) => {
                eprintln!(
                    "structlint lsp: framing error: {problem}; skipping to the next `Content-Length` header"
                );
                skipping = true;
            }
        }
    }
}

fn parse_length(value: &str) -> Result<usize, String> {
    match value.parse::<u64>() {
        Ok(n) if n <= MAX_BODY as u64 => Ok(n as usize),
        Ok(n) => Err(format!(
            "`Content-Length: {n}` is over the limit of {} MiB",
            MAX_BODY >> 20
        )),
        Err(_) => {
            let shown: String = value.chars().take(40).collect();
            Err(format!(
                "`Content-Length: {shown}` is not a length in bytes"
            ))
        }
    }
}

/// Where `Content-Length:` starts in `line`, in any case.
fn find_length(line: &[u8]) -> Option<usize> {
    line.windows(LENGTH.len())
        .position(|w| w.eq_ignore_ascii_case(LENGTH))
}

/// Lines of at most [`MAX_LINE`] bytes, each with its `\n`.
#[derive(Default)]
struct Lines {
    /// The end of the previous piece of a long line, searched again with the next piece.
    carried: Vec<u8>,
}

impl Lines {
    fn next(&mut self, input: &mut impl BufRead) -> Option<Vec<u8>> {
        let mut line = std::mem::take(&mut self.carried);
        let start = line.len();
        match input
            .by_ref()
            .take(MAX_LINE as u64)
            .read_until(b'\n', &mut line)
        {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line),
        }
        .filter(|line| line.len() > start)
    }

    /// Reads the rest of `line` when a piece ended inside it; `false` when the whole line is
    /// longer than [`MAX_LINE`], in which case the rest is read and dropped.
    fn rest_of_line(&mut self, input: &mut impl BufRead, line: &mut Vec<u8>) -> bool {
        let mut fits = true;
        while !line.ends_with(b"\n") {
            let Some(piece) = self.next(input) else {
                break;
            };
            fits &= line.len() + piece.len() <= MAX_LINE;
            if !fits {
                // Only where the line ends matters now.
                line.clear();
            }
            line.extend_from_slice(&piece);
        }
        fits
    }

    fn carry(&mut self, line: &[u8]) {
        if !line.ends_with(b"\n") {
            let keep = line.len().saturating_sub(LENGTH.len() - 1);
            self.carried = line[keep..].to_vec();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn bodies(input: &[u8]) -> Vec<String> {
        let mut input = Cursor::new(input);
        std::iter::from_fn(|| read_body(&mut input))
            .map(|b| String::from_utf8(b).unwrap())
            .collect()
    }

    #[test]
    fn the_stream_resyncs_on_the_next_content_length_after_a_bad_header() {
        let good = "Content-Length: 4\r\n\r\nGOOD";
        for bad in [
            "Content-Type: x\r\n\r\n{\"id\":1}",
            "Content-Length: abc\r\n\r\n{\"id\":1}",
            "Content-Length: -5\r\n\r\n{\"id\":1}",
            "Content-Length: 1180591620717411303424\r\n\r\n{\"id\":1}",
            "Content-Length: 67108865\r\n\r\n{\"id\":\n1}",
            "Content-Length: \u{ff}\u{fe}\r\n\r\nbody",
        ] {
            let input = format!("{good}{bad}{good}content-length: 2\r\n\r\nok");
            assert_eq!(bodies(input.as_bytes()), ["GOOD", "GOOD", "ok"], "{bad:?}");
        }
    }

    #[test]
    fn headers_that_are_not_utf8_and_bodies_of_any_length_are_skipped() {
        let mut input = b"Content-Length: 5\xff\xfe\r\n\r\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 3 * MAX_LINE + 7));
        input.extend(b"Content-Length: 2\r\n\r\nok");
        assert_eq!(bodies(&input), ["ok"]);
        // A header split across two pieces of a long line is still found.
        let mut input = b"X: 1\r\n\r\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_LINE - 4));
        input.extend(b"Content-Length: 2\r\n\r\nok");
        assert_eq!(bodies(&input), ["ok"]);
    }

    #[test]
    fn a_header_line_cut_where_a_piece_of_a_long_line_ends_is_read_whole() {
        // The body of a bad frame (JSON: no line break) runs into the next header, so the
        // header ends a line longer than a piece; wherever the piece ends in it, the header
        // is the one written. Found by tests/fuzz (framing).
        let next = "Content-Length: 12\r\n";
        for cut in 1..next.len() {
            let mut input = b"Content-Length: abc\r\n\r\n".to_vec();
            input.extend(std::iter::repeat_n(b'x', MAX_LINE - cut));
            input.extend(format!("{next}\r\n{{\"id\":12345}}").bytes());
            assert_eq!(bodies(&input), ["{\"id\":12345}"], "cut after {cut} bytes");
        }
    }

    #[test]
    fn a_header_line_longer_than_a_piece_is_a_framing_error() {
        let mut input = b"Content-Length:".to_vec();
        input.extend(std::iter::repeat_n(b' ', MAX_LINE));
        input.extend(b"2\r\n\r\nnoContent-Length: 2\r\n\r\nok");
        assert_eq!(bodies(&input), ["ok"]);
    }
}
