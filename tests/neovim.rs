//! An editor we did not write: headless Neovim's built-in LSP client drives `structlint lsp`
//! (tests/data/neovim-lsp.lua): diagnostics arrive, a quick fix applies, edits clear them.
//! `.ci/run` installs Neovim; elsewhere the test is skipped when `nvim` is missing, unless
//! STRUCTLINT_REQUIRE_NVIM is set.

mod common;

use std::process::Command;

use common::{repo, workspace};

#[test]
fn neovim_shows_the_findings_applies_the_quick_fix_and_clears_them() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("STRUCTLINT_REQUIRE_NVIM").is_none(),
            "nvim is required here"
        );
        eprintln!("skipped: nvim is not installed");
        return;
    }
    let dir = workspace(&[
        ("structlint.toml", b"[rules]\n"),
        (
            "src/fetch.ts",
            b"export async function load(url: string) {\n  return fetch(url);\n}\n",
        ),
    ]);
    let script = repo().join("tests/data/neovim-lsp.lua");
    let output = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(dir.path())
        .env("STRUCTLINT", env!("CARGO_BIN_EXE_structlint"))
        .env("XDG_STATE_HOME", dir.path().join(".state"))
        .output()
        .expect("nvim runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("OK"),
        "stdout: {stdout}\nstderr: {stderr}"
    );
}
