//! An editor we did not write: headless Neovim's built-in LSP client drives `structlint lsp`.
//! The `nvim` on PATH (Debian's 0.7) runs tests/data/neovim-lsp.lua: diagnostics arrive, a
//! quick fix applies, edits clear them. A current Neovim, named by STRUCTLINT_NVIM_CURRENT,
//! runs tests/data/neovim-current.lua: no duplicates, positions after an edit, a broken config
//! shown and recovered, the quick fix's placeholder. `.ci/run` installs both; elsewhere a test
//! is skipped when its Neovim is missing, unless STRUCTLINT_REQUIRE_NVIM is set.

mod common;

use std::path::Path;
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
    run_script(Path::new("nvim"), dir.path(), "tests/data/neovim-lsp.lua");
}

#[test]
fn a_current_neovim_shows_each_finding_once_at_its_place_and_sees_config_changes() {
    let Some(nvim) = std::env::var_os("STRUCTLINT_NVIM_CURRENT") else {
        assert!(
            std::env::var_os("STRUCTLINT_REQUIRE_NVIM").is_none(),
            "STRUCTLINT_NVIM_CURRENT must name a current nvim here"
        );
        eprintln!("skipped: STRUCTLINT_NVIM_CURRENT is not set");
        return;
    };
    let dir = workspace(&[
        ("structlint.toml", b"rule-files = [\"rules/*.toml\"]\n[rules]\n"),
        ("rules/team.toml", b"[[rule]]\nid = \"no-sleep\"\nlanguage = \"typescript\"\nmessage = \"no sleep\"\npattern = \"sleep($X)\"\n"),
        ("pnpm-workspace.yaml", b"packages:\n  - packages/*\n"),
        ("packages/a/package.json", br#"{ "name": "@x/a", "dependencies": { "@x/b": "workspace:*" } }"#),
        ("packages/a/src/index.ts", b"import { y } from '@x/b/src/internal';\nexport async function poll() {\n  sleep(1);\n}\nexport const z = y;\n"),
        ("packages/b/package.json", br#"{ "name": "@x/b" }"#),
        ("packages/b/src/index.ts", b"export const x = 1;\n"),
        ("packages/b/src/internal.ts", b"export const y = 1;\n"),
    ]);
    run_script(
        Path::new(&nvim),
        dir.path(),
        "tests/data/neovim-current.lua",
    );
}

fn run_script(nvim: &Path, dir: &Path, script: &str) {
    let script = repo().join(script);
    let output = Command::new(nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(dir)
        .env("STRUCTLINT", env!("CARGO_BIN_EXE_structlint"))
        .env("XDG_STATE_HOME", dir.join(".state"))
        .output()
        .expect("nvim runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("OK"),
        "stdout: {stdout}\nstderr: {stderr}"
    );
}
