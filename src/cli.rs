use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::adopt_args::{AdoptArgs, BaselineArgs};

/// A structural linter for TypeScript and Rust workspaces. Every finding says what is wrong,
/// why, and how to fix it.
#[derive(Debug, Parser)]
#[command(name = "structlint", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and directories (default: the current directory).
    ///
    /// Exit codes: 0 no errors (warnings allowed), 1 errors found or more warnings than
    /// --max-warnings, 2 usage, configuration or internal error.
    Check(CheckArgs),
    /// Write structlint-baseline.json, the findings `check` leaves out: adopt structlint on
    /// code that has findings today, and let no new one in. The baseline only shrinks:
    /// `--prune` drops fixed findings, `--update` accepts new ones.
    Baseline(BaselineArgs),
    /// Look at the workspace and write a commented structlint.toml that works on the first
    /// run (packages, layer folders, network wrappers, schemas), then run the check and print
    /// the findings per rule. Never overwrites a config.
    Init(crate::commands::InitArgs),
    /// List the rules with their default level and a one-line description.
    Rules,
    /// Print the JSON Schema of structlint.toml, with which Taplo and Even Better TOML
    /// complete and check the config (`structlint init` writes the `#:schema` line).
    Schema,
    /// Print the import graph of a TypeScript workspace, marking the edges rules reject.
    Graph(GraphArgs),
    /// Run the tests of TOML rules: inline valid/invalid cases, `// expect:` fixtures, and
    /// the snapshots of their prompts. Exit 1 when a test fails.
    Test(TestArgs),
    /// Print the matches of a tree-sitter query in a file, with the tree around each match:
    /// for writing and debugging the `query` of a TOML rule.
    Query {
        /// The query, e.g. '(call_expression function: (identifier) @f (#eq? @f "fetch")) @match'.
        query: String,
        /// The file to run it on; its extension decides the grammar.
        file: PathBuf,
    },
    /// Serve editors over the Language Server Protocol on stdin/stdout: the same findings as
    /// `check`, as you type, with quick fixes and hovers.
    Lsp,
    /// Print a rule's full documentation.
    Explain {
        /// The rule id, e.g. max-file-lines.
        rule: String,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check. The config is the nearest structlint.toml at or above
    /// the first path.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Use this config file instead of the nearest structlint.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Report errors only.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also print notes about files checked best-effort (syntax errors).
    #[arg(long, short)]
    pub verbose: bool,
    /// Exit with 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// With --format agent, show at most N findings per rule (0: all).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub max_per_rule: usize,
    /// Write at most N findings, saying how many were left out (GitHub code scanning keeps
    /// 25,000 per run). The exit code still counts every finding.
    #[arg(long, value_name = "N")]
    pub max_results: Option<usize>,
    /// Write the output to FILE (atomically: a temporary file, then a rename).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also show findings suppressed by a structlint-disable comment.
    #[arg(long)]
    pub include_suppressed: bool,
    /// When to use colours: auto uses them on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Same as --color never.
    #[arg(long)]
    pub no_color: bool,
    #[command(flatten)]
    pub adopt: AdoptArgs,
    #[command(flatten)]
    pub fixes: crate::commands::FixArgs,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Rule files or directories of rule files (default: the `rule-files` of the nearest
    /// structlint.toml, else `rules/`).
    pub paths: Vec<PathBuf>,
    /// Rewrite the prompt snapshots (`__snapshots__/<rule>.md`) instead of comparing them.
    #[arg(long)]
    pub update: bool,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The workspace (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Text)]
    pub format: GraphFormat,
    /// One node per file instead of one per package.
    #[arg(long)]
    pub files: bool,
    /// Draw only this node, its direct dependencies and its direct dependents (repeatable):
    /// a package name (`@acme/billing`) or folder (`packages/billing`, `apps`); with --files
    /// also a file or a folder of files.
    #[arg(long, value_name = "PKG")]
    pub focus: Vec<String>,
    /// Draw only the edges a rule rejects and the nodes at their ends (with --focus: those
    /// around the focused nodes).
    #[arg(long)]
    pub rejected: bool,
    /// Draw every node of a graph of more than 100, which is otherwise drawn as one node per
    /// folder.
    #[arg(long)]
    pub all: bool,
    /// Use this config file instead of the nearest structlint.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Write the output to FILE (atomically).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// One line per node and edge.
    Text,
    /// Graphviz: `structlint graph --format dot | dot -Tsvg > graph.svg`.
    Dot,
    /// A Mermaid flowchart, for Markdown that renders it (GitHub does).
    Mermaid,
    /// Nodes and edges as JSON.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Snippets, labels and fix steps for people (plain text when not a terminal).
    Human,
    /// One JSON document; schema in docs/json-format.md.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// Markdown for coding agents: what to fix, in which order, with edits as diffs.
    Agent,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// JUnit XML: a test suite per rule, a failing test case per finding.
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}
