#!/usr/bin/env node
// Lays out the npm packages of one structlint version: the `structlint` launcher, and one
// `@structlint/cli-<target>` package per binary given.
//
//   node npm/build.mjs --out DIR [--version X.Y.Z] [--target linux-x64-gnu --binary PATH]...
//
// The version defaults to the workspace's (Cargo.toml). Run `npm pack` in each folder of DIR
// to get the tarballs to publish (platform packages first).
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const targets = JSON.parse(readFileSync(path.join(here, "targets.json"), "utf8"));
const { packageName } = createRequire(import.meta.url)("./structlint/bin/structlint.js");

function fail(message) {
  process.stderr.write(`npm/build.mjs: ${message}\n`);
  process.exit(2);
}

const args = { binaries: [] };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const [flag, value] = [argv[i], argv[i + 1]];
  if (value === undefined) fail(`${flag} needs a value`);
  if (flag === "--out") args.out = value;
  else if (flag === "--version") args.version = value;
  else if (flag === "--target") args.binaries.push({ target: value });
  else if (flag === "--binary" && args.binaries.length && !args.binaries.at(-1).binary) args.binaries.at(-1).binary = value;
  else fail(`unexpected ${flag} (see the usage at the top of this file)`);
}
if (!args.out) fail("--out DIR is required");
const cargo = readFileSync(path.join(here, "..", "Cargo.toml"), "utf8");
const version = args.version ?? cargo.match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)?.[1];
if (!version) fail("no version: pass --version");

// The launcher must look for exactly the packages published: check both agree.
for (const [target, t] of Object.entries(targets)) {
  const name = packageName(t.os, t.cpu, t.libc === "glibc");
  if (name !== `@structlint/cli-${target}`) fail(`the launcher looks for ${name} on ${target}`);
}

const launcher = JSON.parse(readFileSync(path.join(here, "structlint", "package.json"), "utf8"));
launcher.version = version;
launcher.optionalDependencies = Object.fromEntries(
  Object.keys(targets).map((target) => [`@structlint/cli-${target}`, version]),
);
const launcherDir = path.join(args.out, "structlint");
mkdirSync(path.join(launcherDir, "bin"), { recursive: true });
writeFileSync(path.join(launcherDir, "package.json"), JSON.stringify(launcher, null, 2) + "\n");
copyFileSync(path.join(here, "structlint", "bin", "structlint.js"), path.join(launcherDir, "bin", "structlint.js"));
chmodSync(path.join(launcherDir, "bin", "structlint.js"), 0o755);
copyFileSync(path.join(here, "structlint", "README.md"), path.join(launcherDir, "README.md"));

for (const { target, binary } of args.binaries) {
  const t = targets[target];
  if (!t) fail(`unknown target ${target}; known: ${Object.keys(targets).join(", ")}`);
  if (!binary) fail(`--target ${target} needs --binary PATH after it`);
  const manifest = JSON.parse(readFileSync(path.join(here, "platform", "package.json"), "utf8"));
  manifest.name = `@structlint/cli-${target}`;
  manifest.version = version;
  manifest.description = manifest.description.replace("TARGET", `${target} (${t.rust})`);
  manifest.os = [t.os];
  manifest.cpu = [t.cpu];
  if (t.libc) manifest.libc = [t.libc];
  const dir = path.join(args.out, `cli-${target}`);
  mkdirSync(path.join(dir, "bin"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  const exe = t.os === "win32" ? "structlint.exe" : "structlint";
  copyFileSync(binary, path.join(dir, "bin", exe));
  chmodSync(path.join(dir, "bin", exe), 0o755);
}
process.stdout.write(`structlint ${version}: ${launcherDir}${args.binaries.map((b) => `, cli-${b.target}`).join("")}\n`);
