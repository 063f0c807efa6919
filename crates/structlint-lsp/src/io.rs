//! Reading and writing LSP messages on stdio. lsp-server's own reader gives up on the first
//! malformed message; this one answers it with a parse error and reads on.

use std::io::{self, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::Message;
use serde_json::Value;

/// A connection over stdin/stdout, and the threads that serve it.
pub(crate) fn stdio() -> (
    Sender<Message>,
    Receiver<Message>,
    Vec<thread::JoinHandle<()>>,
) {
    let (to_client, outgoing) = unbounded::<Message>();
    // A parse error has a null id, which lsp-server's `Response` cannot carry: it is written
    // as a plain JSON value.
    let (errors, raw_errors) = unbounded::<Value>();
    let writer = thread::spawn(move || {
        let mut stdout = io::stdout().lock();
        loop {
            let written = crossbeam_channel::select! {
                recv(outgoing) -> message => match message {
                    Ok(message) => message.write(&mut stdout).is_ok(),
                    Err(_) => false,
                },
                recv(raw_errors) -> value => match value {
                    Ok(value) => write_message(&mut stdout, &value).is_ok(),
                    Err(_) => false,
                },
            };
            if !written {
                break;
            }
        }
    });
    let (incoming, from_client) = bounded::<Message>(64);
    let reader = thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        while let Some(body) = crate::framing::read_body(&mut stdin) {
            let parsed: Option<Message> = serde_json::from_slice::<Value>(&body)
                .ok()
                .and_then(|value| serde_json::from_value(value).ok());
            match parsed {
                Some(message) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if incoming.send(message).is_err() || exit {
                        break;
                    }
                }
                None => {
                    let code = lsp_server::ErrorCode::ParseError as i32;
                    let _ = errors.send(serde_json::json!({ "jsonrpc": "2.0", "id": null, "error": { "code": code, "message": "malformed JSON-RPC message" } }));
                }
            }
        }
    });
    (to_client, from_client, vec![reader, writer])
}

/// Writes one message to `w` (for tests that speak to the server).
pub fn write_message(w: &mut impl Write, value: &Value) -> io::Result<()> {
    let body = serde_json::to_string(value)?;
    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    w.flush()
}
