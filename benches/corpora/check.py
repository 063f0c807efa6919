#!/usr/bin/env python3
"""The corpus check: structlint on real repositories, the way clippy's lintcheck works.

    benches/corpora/check.py DIR [--binary target/release/structlint] [--out OUT]

DIR holds one checkout per corpus listed in corpora.txt (by name; missing ones are skipped).
Each corpus is checked twice: with no config, and with the config a maintainer would write
(benches/corpora/configs/<name>.toml, copied over the checkout's own structlint.toml for the
run and removed after). For each run it writes, under OUT (default target/corpora):

- <name>.<mode>.findings.tsv: one line per finding (rule, path, line, summary), sorted;
- summary.md: per corpus and mode, findings per rule, CPU time (user + system: what other
  processes on the cores do not inflate) and wall time, peak memory, internal errors, and the
  findings added and removed since the last run (the previous .tsv files).

The sources of the corpora are never committed; the project holds the list, the configs and
this script.
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def corpora():
    for line in open(os.path.join(HERE, "corpora.txt")):
        line = line.split("#", 1)[0].split()
        if line:
            yield line[0], line[1]


def findings(report):
    rows = []
    for d in report.get("diagnostics", []):
        rows.append("\t".join([d["rule"], d["path"], str(d["span"]["start"]["line"]), d["summary"].replace("\t", " ").replace("\n", " ")]))
    return sorted(rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--binary", default="target/release/structlint")
    parser.add_argument("--out", default="target/corpora")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    os.makedirs(args.out, exist_ok=True)
    summary = ["# Corpus check", ""]
    for name, repo in corpora():
        root = os.path.join(args.dir, name)
        if not os.path.isdir(root):
            print(f"skip {name}: no checkout at {root}", file=sys.stderr)
            continue
        config = os.path.join(HERE, "configs", f"{name}.toml")
        target = os.path.join(root, "structlint.toml")
        for mode in ("no-config", "config"):
            if os.path.exists(target):
                os.remove(target)
            if mode == "config":
                if not os.path.exists(config):
                    continue
                shutil.copy(config, target)
            report, seconds, cpu, peak = measure(binary, root)
            if os.path.exists(target) and mode == "config":
                os.remove(target)
            rows = findings(report)
            path = os.path.join(args.out, f"{name}.{mode}.findings.tsv")
            before = open(path).read().splitlines() if os.path.exists(path) else None
            with open(path, "w") as f:
                f.write("".join(r + "\n" for r in rows))
            per_rule = collections.Counter(r.split("\t", 1)[0] for r in rows)
            summary.append(f"## {name} ({repo}), {mode}")
            summary.append("")
            if "error" in report:
                summary.append(f"exit 2: {report['error'].strip()}")
                summary.append("")
                continue
            stats = report.get("summary", {})
            summary.append(
                f"{stats.get('files', '?')} files, {cpu:.2f} s CPU, {seconds:.2f} s wall, peak {peak:.0f} MiB, "
                f"{len(report.get('internalErrors', []) or [])} internal errors, "
                f"{len(report.get('notes', []) or [])} notes"
            )
            summary.append("")
            summary.append("| rule | findings | added | removed |")
            summary.append("| --- | --- | --- | --- |")
            old = collections.Counter(r.split("\t", 1)[0] for r in (before or []))
            old_set, new_set = set(before or []), set(rows)
            for rule in sorted(set(per_rule) | set(old)):
                added = sum(1 for r in new_set - old_set if r.startswith(rule + "\t"))
                removed = sum(1 for r in old_set - new_set if r.startswith(rule + "\t"))
                summary.append(f"| {rule} | {per_rule[rule]} | {added if before is not None else '-'} | {removed if before is not None else '-'} |")
            summary.append("")
    with open(os.path.join(args.out, "summary.md"), "w") as f:
        f.write("\n".join(summary) + "\n")
    print("\n".join(summary))


def measure(binary, root):
    """Runs structlint under /usr/bin/time when present, for the CPU time and peak memory of
    that run."""
    start = time.monotonic()
    cmd = [binary, "check", "--format", "json"]
    timer = os.path.exists("/usr/bin/time")
    if timer:
        cmd = ["/usr/bin/time", "-f", "%U %S %M"] + cmd
    proc = subprocess.run(cmd, cwd=root, capture_output=True)
    seconds = time.monotonic() - start
    err = proc.stderr.decode(errors="replace")
    cpu, peak = 0.0, 0.0
    if timer:
        last = err.strip().splitlines()[-1].split() if err.strip() else []
        try:
            user, system, kb = last[-3:]
            cpu, peak = float(user) + float(system), int(kb) / 1024
        except ValueError:
            pass
    if proc.returncode not in (0, 1):
        return {"error": err[-2000:]}, seconds, cpu, peak
    return json.loads(proc.stdout), seconds, cpu, peak


if __name__ == "__main__":
    main()
