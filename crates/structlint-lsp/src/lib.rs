//! `structlint lsp`: the Language Server Protocol over stdio. One main loop owns the protocol
//! state; a worker lints open documents from the editor's text with the per-file rules, and
//! another runs the workspace rules (import graph, layers, duplicates) over the files on disk
//! in the background, so that a document's findings never wait for a scan.
//!
//! Nothing but protocol goes to stdout; logs go to stderr and `window/logMessage`.

mod convert;
mod document;
mod follow;
mod framing;
mod io;
mod lint;
mod reload;
mod server;
mod state;
mod uri;
mod watch;
mod worker;

pub use framing::read_body;
pub use io::write_message;

/// Serves a client on stdin/stdout until it says `exit`; returns the process exit code.
pub fn run_stdio() -> i32 {
    let (out, incoming, _threads) = io::stdio();
    // The reader and writer threads end with the process: stdin may stay open after `exit`.
    server::serve(out, incoming)
}
