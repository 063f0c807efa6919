//! `structlint graph`: the package (or file) import graph, with rejected edges marked.

mod build;
mod collapse;
mod dot;
mod mermaid;
mod model;
mod render;
mod select;

use std::io::{self, Write};

use structlint::Check;
use structlint_core::write_atomic;
use structlint_graph::{IMPORT_GRAPH, ImportGraphProvider};

use self::collapse::{MAX_NODES, collapse};
use self::model::count;
use self::render::render;
use self::select::select;

use super::{print, report_error};
use crate::EXIT_ERROR;
use crate::cli::GraphArgs;

pub fn run(args: &GraphArgs) -> u8 {
    let mut check = Check::paths(&args.paths);
    if let Some(config) = &args.config {
        check = check.config(config);
    }
    let (report, cx) = match check.run_with_context(&[&IMPORT_GRAPH]) {
        Ok(found) => found,
        Err(error) => return report_error(&error),
    };
    let Some(graph) = cx.artifact::<ImportGraphProvider>() else {
        let _ = writeln!(
            io::stderr(),
            "error: building the import graph failed (this is a bug in structlint; the report above says where)"
        );
        return EXIT_ERROR;
    };
    let model = if args.files {
        build::files(&graph, &report)
    } else {
        build::packages(&graph, &report)
    };
    let mut model = match select(model, &args.focus, args.rejected) {
        Ok(model) => model,
        Err(message) => {
            let _ = writeln!(io::stderr(), "error: {message}");
            return EXIT_ERROR;
        }
    };
    let whole = args.focus.is_empty() && !args.rejected;
    if whole && !args.all && model.nodes.len() > MAX_NODES {
        let nodes = model.nodes.len();
        model = collapse(model);
        let _ = writeln!(
            io::stderr(),
            "note: {} are too many to draw one by one, so each folder is one node ({}). \
             See a {} and its neighbours with --focus NAME, only the rejected edges with \
             --rejected, or every {} with --all.",
            count(nodes, model.kind),
            count(model.nodes.len(), "folder"),
            model.kind,
            model.kind
        );
    }
    let text = render(&model, args.format);
    let written = match &args.output {
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| writeln!(io::stderr(), "error: cannot write {}: {e}", path.display()))
            .is_ok(),
        None => print(&text),
    };
    if written { 0 } else { EXIT_ERROR }
}
