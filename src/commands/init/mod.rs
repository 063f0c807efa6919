//! `structlint init`: look at a workspace and write a commented `structlint.toml` that works
//! on the first run, then run the check and say what to do next.

mod render;
mod survey;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use structlint::{CONFIG_FILE, Check, Config, Engine, builtin_rules};
use structlint_cargo::{CARGO_WORKSPACE, CargoWorkspaceProvider};
use structlint_core::write_atomic;
use structlint_graph::{IMPORT_GRAPH, ImportGraphProvider};

use super::{print, report_error};
use crate::EXIT_ERROR;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The workspace root (default: the current directory).
    pub path: Option<PathBuf>,
    /// Print the config instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: &InitArgs) -> u8 {
    let root = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if !root.is_dir() {
        return fail(&format!("{} is not a directory", root.display()));
    }
    let target = root.join(CONFIG_FILE);
    if target.exists() {
        return fail(&format!(
            "{} already exists; init never overwrites a config (delete it first to start over)",
            target.display()
        ));
    }
    // The defaults, not a config further up: this workspace is the one being set up.
    let config = match structlint_core::normalize(&root)
        .map_err(|e| {
            structlint::ConfigError::plain(format!("cannot resolve {}: {e}", root.display()))
        })
        .and_then(|root| Config::defaults(root, builtin_rules()))
    {
        Ok(config) => config,
        Err(error) => return report_error(&error),
    };
    let mut engine = Engine::new(config);
    engine.provide(&IMPORT_GRAPH);
    engine.provide(&CARGO_WORKSPACE);
    let (_, cx) = match engine.check_with_context(std::slice::from_ref(&root)) {
        Ok(found) => found,
        Err(error) => return report_error(&error),
    };
    let graph = cx.artifact::<ImportGraphProvider>();
    let cargo = cx.artifact::<CargoWorkspaceProvider>();
    let survey = survey::survey(graph.as_deref(), cargo.as_deref());
    let text = render::render(&survey);
    if args.dry_run {
        return if print(&text) { 0 } else { EXIT_ERROR };
    }
    if let Err(e) = write_atomic(&target, text.as_bytes()) {
        return fail(&format!("cannot write {}: {e}", target.display()));
    }
    let _ = writeln!(io::stderr(), "Wrote {}.", target.display());
    counts(&root)
}

/// Runs the check with the new config and prints the findings per rule and the next step.
fn counts(root: &std::path::Path) -> u8 {
    let report = match Check::workspace(root).run() {
        Ok(report) => report.into_report(),
        Err(error) => return report_error(&error),
    };
    let mut per_rule = std::collections::BTreeMap::<&str, usize>::new();
    for d in report.active() {
        *per_rule.entry(d.rule.as_str()).or_default() += 1;
    }
    let mut text = String::new();
    if per_rule.is_empty() {
        text.push_str("structlint check finds nothing: the workspace is clean.\n");
    } else {
        text.push_str("structlint check finds, per rule:\n");
        for (rule, n) in &per_rule {
            text.push_str(&format!("  {rule:<24} {n}\n"));
        }
        let safe = report
            .active()
            .filter(|d| {
                d.edit
                    .as_ref()
                    .is_some_and(|e| e.applicability == structlint_core::Applicability::Safe)
            })
            .count();
        text.push_str("Next: ");
        if safe > 0 {
            text.push_str(&format!(
                "`structlint check --fix` fixes {} mechanically; ",
                structlint_core::plural(safe, "finding")
            ));
        }
        text.push_str("fix the rest, or turn off what does not fit this workspace in [rules] of structlint.toml.\n");
    }
    if print(&text) { 0 } else { EXIT_ERROR }
}

fn fail(message: &str) -> u8 {
    let _ = writeln!(io::stderr(), "error: {message}");
    EXIT_ERROR
}
