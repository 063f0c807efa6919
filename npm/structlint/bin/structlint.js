#!/usr/bin/env node
// The `structlint` command of the npm package: finds the binary of this platform, installed
// as one of the package's optional dependencies (@structlint/cli-<platform>), and runs it
// with the same arguments, stdio and exit code. No download happens at install time.
"use strict";

const { spawnSync } = require("child_process");
const path = require("path");

/** The platform package for `platform`/`arch`, with glibc or not on Linux. */
function packageName(platform, arch, glibc) {
  if (platform === "linux") {
    return glibc ? `@structlint/cli-linux-${arch}-gnu` : null;
  }
  if (platform === "win32") {
    return `@structlint/cli-win32-${arch}-msvc`;
  }
  return `@structlint/cli-${platform}-${arch}`;
}

function hasGlibc() {
  if (process.platform !== "linux") {
    return false;
  }
  const report = process.report && process.report.getReport();
  return Boolean(report && report.header && report.header.glibcVersionRuntime);
}

function binaryPath() {
  const name = packageName(process.platform, process.arch, hasGlibc());
  const where = `${process.platform} ${process.arch}${process.platform === "linux" ? (hasGlibc() ? " (glibc)" : " (musl)") : ""}`;
  if (!name) {
    return { error: `structlint has no prebuilt binary for ${where}. Build it with Rust: cargo install structlint` };
  }
  const exe = process.platform === "win32" ? "structlint.exe" : "structlint";
  try {
    const manifest = require.resolve(`${name}/package.json`);
    return { path: path.join(path.dirname(manifest), "bin", exe) };
  } catch (_) {
    return {
      error:
        `structlint: the binary package ${name} for ${where} is not installed.\n` +
        "It is an optional dependency of structlint: reinstall without --no-optional / --omit=optional,\n" +
        "and make sure your lockfile was not written on another platform only (npm ci keeps optional\n" +
        "dependencies of every platform; pnpm and yarn install the one that matches).",
    };
  }
}

function main() {
  const found = binaryPath();
  if (found.error) {
    process.stderr.write(found.error + "\n");
    process.exit(2);
  }
  const run = spawnSync(found.path, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
  if (run.error) {
    process.stderr.write(`structlint: cannot run ${found.path}: ${run.error.message}\n`);
    process.exit(2);
  }
  if (run.signal) {
    process.kill(process.pid, run.signal);
  }
  process.exit(run.status === null ? 2 : run.status);
}

if (require.main === module) {
  main();
} else {
  module.exports = { packageName };
}
