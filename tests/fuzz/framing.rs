//! The LSP framing: streams of messages with headers written every way the base protocol
//! allows, between frames whose header has no usable `Content-Length` (missing, not a
//! number, too large, not UTF-8) and whose body is garbage. The reader must return exactly the
//! valid messages: it resyncs on the next `Content-Length` after each bad frame. Streams cut
//! and flipped at random must end without a panic, and never yield more bytes than they hold.

use std::io::BufReader;

use fastrand::Rng;
use serde_json::{Value, json};
use structlint_lsp::read_body;

use crate::common::lsp::{Client, initialize};
use crate::common::workspace;
use crate::mutate::{Grammar, mutant, pick};
use crate::runner::{Outcome, Text, fuzz};

/// About 1 ms of CPU each in a debug build: 5 s.
const CI_CASES: usize = 5000;
/// Each starts a language server.
const SESSIONS: usize = 3;

/// Lengths the reader must refuse: not numbers, negative, past u64, over the 64 MiB limit.
const UNUSABLE: &[&[u8]] = &[
    b"abc",
    b"-5",
    b"1180591620717411303424",
    b"67108865",
    b"",
    b"5x",
    b"0x10",
    b"5 5",
    b"\xff\xfe",
    "１２".as_bytes(),
    b"5\x00",
    b"5\xff",
];

/// Header blocks before a body of `n` bytes, as clients write them.
fn header(rng: &mut Rng, n: usize) -> Vec<u8> {
    let block = match rng.usize(..8) {
        0 => format!("content-length:{n}\r\n\r\n"),
        1 => format!("CONTENT-LENGTH:   {n}  \r\n\r\n"),
        2 => format!("Content-Length: {n}\n\n"),
        3 => format!(
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {n}\r\n\r\n"
        ),
        4 => format!("Content-Length: {n}\r\nContent-Type: x\r\n\r\n"),
        5 => format!("Content-Length: 000{n}\r\n\r\n"),
        6 => format!("Content-Length: abc\r\nContent-Length: {n}\r\n\r\n"),
        _ => format!("Content-Length: {n}\r\n\r\n"),
    };
    block.into_bytes()
}

/// A header block without a usable length, then a body of garbage. Nothing in it reads as
/// `Content-Length:` but the start of a header line with an unusable value.
fn bad_frame(rng: &mut Rng) -> Vec<u8> {
    let mut frame = Vec::new();
    for _ in 0..rng.usize(..4) {
        match rng.usize(..5) {
            0 | 1 => {
                let name = pick(
                    rng,
                    &["Content-Length:", "content-length: ", "CONTENT-LENGTH:\t"],
                );
                frame.extend_from_slice(name.as_bytes());
                frame.extend_from_slice(pick(rng, UNUSABLE));
            }
            2 => frame.extend_from_slice(pick(
                rng,
                &[
                    &b"Content-Type: application/json"[..],
                    b"Content-Length 5",
                    b"X-Length: 5",
                    b"\xff\xfe: 1",
                ],
            )),
            3 => frame.extend(std::iter::repeat_n(b'x', rng.usize(..20_000))),
            _ => frame.extend(garbage(rng, 40).into_iter().filter(|&b| b != b'\n')),
        }
        frame.extend_from_slice(pick(rng, &[&b"\r\n"[..], b"\n", b"\r\r\n"]));
    }
    frame.extend_from_slice(pick(rng, &[&b"\r\n"[..], b"\n"]));
    let len = pick(rng, &[0, 10, 200, 9000, 20_000]);
    let body = garbage(rng, len);
    frame.extend(body);
    scrub(frame)
}

/// Random bytes, text or JSON.
fn garbage(rng: &mut Rng, len: usize) -> Vec<u8> {
    let len = rng.usize(..=len);
    match rng.usize(..3) {
        0 => std::iter::repeat_with(|| rng.u8(..)).take(len).collect(),
        1 => std::iter::repeat_with(|| rng.char(..))
            .take(len)
            .collect::<String>()
            .into_bytes(),
        _ => message(rng, len),
    }
}

/// Breaks every `content-length:` that does not start a header line, so the garbage of a bad
/// frame holds no header the reader could resync on.
fn scrub(mut frame: Vec<u8>) -> Vec<u8> {
    const NAME: &[u8] = b"content-length:";
    let mut at = 0;
    while let Some(i) = frame[at..]
        .windows(NAME.len())
        .position(|w| w.eq_ignore_ascii_case(NAME))
    {
        let start = at + i;
        let line_start = start == 0 || frame[start - 1] == b'\n';
        let value = &frame[start + NAME.len()..];
        let usable = std::str::from_utf8(
            &value[..value
                .iter()
                .position(|&b| b == b'\n')
                .unwrap_or(value.len())],
        )
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some();
        if !line_start || usable {
            frame[start + NAME.len() - 1] = b';';
        }
        at = start + NAME.len();
    }
    frame
}

/// A JSON-RPC message of about `len` bytes.
fn message(rng: &mut Rng, len: usize) -> Vec<u8> {
    let text: String = std::iter::repeat_with(|| rng.char(..))
        .take(len / 4)
        .collect();
    let value = match rng.usize(..4) {
        0 => {
            json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": null, "capabilities": {} } })
        }
        1 => {
            json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": "file:///a.ts", "languageId": "typescript", "version": 1, "text": text } } })
        }
        2 => {
            json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": { "contentChanges": [{ "text": "Content-Length: 5\r\n\r\n" }] } })
        }
        _ => {
            json!({ "jsonrpc": "2.0", "id": "x", "method": "textDocument/hover", "params": { "position": { "line": 0, "character": 0 } } })
        }
    };
    serde_json::to_vec(&value).unwrap()
}

#[derive(Debug, Clone)]
struct Case {
    stream: Text,
    /// The bodies the reader must return, unless the stream was mutated at random.
    expected: Option<Vec<Text>>,
    /// The reader's buffer: small buffers split headers across reads.
    buffer: usize,
}

fn stream(rng: &mut Rng) -> (Vec<u8>, Vec<Text>) {
    let (mut stream, mut expected) = (Vec::new(), Vec::new());
    for _ in 0..rng.usize(1..8) {
        if rng.usize(..3) == 0 {
            stream.extend(bad_frame(rng));
        } else {
            let body = if rng.bool() {
                message(rng, 200)
            } else {
                garbage(rng, 300)
            };
            stream.extend(header(rng, body.len()));
            stream.extend_from_slice(&body);
            expected.push(Text(body));
        }
    }
    (stream, expected)
}

#[test]
fn lsp_framing() {
    fuzz(
        "framing",
        CI_CASES,
        |rng| {
            let (stream, expected) = stream(rng);
            let buffer = pick(rng, &[1, 7, 64, 8192]);
            if rng.usize(..3) > 0 {
                return Case {
                    stream: Text(stream),
                    expected: Some(expected),
                    buffer,
                };
            }
            let words = &[
                "Content-Length: ",
                "\r\n",
                "\r\n\r\n",
                "\n",
                "67108864",
                "18446744073709551616",
                "{",
                "}",
            ];
            let grammar = Grammar {
                seeds: &[stream],
                words,
                nests: &[("{", "}")],
                bytes: true,
                max_len: 256 << 10,
            };
            Case {
                stream: Text(mutant(rng, &grammar)),
                expected: None,
                buffer,
            }
        },
        read_all,
        |_| Vec::new(),
    );
}

fn read_all(case: &Case) -> Result<Outcome, String> {
    let stream = &case.stream.0;
    let mut input = BufReader::with_capacity(case.buffer, stream.as_slice());
    let mut bodies = Vec::new();
    while let Some(body) = read_body(&mut input) {
        bodies.push(Text(body));
        if bodies.len() > stream.len() {
            return Err("more messages than bytes: the reader makes no progress".into());
        }
    }
    let read: usize = bodies.iter().map(|b| b.0.len()).sum();
    if read > stream.len() {
        return Err(format!(
            "{read} bytes of bodies out of a stream of {}",
            stream.len()
        ));
    }
    match &case.expected {
        None => Ok("mutated, read"),
        Some(expected)
            if bodies.len() == expected.len()
                && bodies.iter().zip(expected).all(|(a, b)| a.0 == b.0) =>
        {
            Ok(
                if stream.len() > expected.iter().map(|b| b.0.len()).sum::<usize>() * 2 {
                    "resynced"
                } else {
                    "read"
                },
            )
        }
        Some(expected) => Err(format!("read {bodies:?}, expected {expected:?}")),
    }
}

/// The server itself, fed bad frames between requests: it answers each request after them.
#[test]
fn lsp_sessions() {
    let dir = workspace(&[("a.ts", b"export const a = 1;\n")]);
    let root = std::fs::canonicalize(dir.path()).unwrap();
    fuzz(
        "lsp",
        SESSIONS,
        |rng| Text((0..rng.usize(1..6)).flat_map(|_| bad_frame(rng)).collect()),
        move |garbage| {
            let mut client = Client::start(&root);
            initialize(&mut client, &root);
            client.raw(&garbage.0);
            let hover = json!({ "textDocument": { "uri": "file:///nowhere.ts" }, "position": { "line": 0, "character": 0 } });
            let answer = client.request("textDocument/hover", hover);
            if answer["result"] != Value::Null {
                return Err(format!("hover answered {answer}"));
            }
            client.request("shutdown", Value::Null);
            client.notify("exit", Value::Null);
            match client.child.wait().unwrap().code() {
                Some(0) => Ok("answered after the garbage"),
                code => Err(format!(
                    "the server exited with {code:?}: {}",
                    client.stderr()
                )),
            }
        },
        |_| Vec::new(),
    );
}
