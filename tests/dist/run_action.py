#!/usr/bin/env python3
"""Runs a composite action's steps the way a GitHub runner does, as far as that can happen
without GitHub: `run` steps in bash with the runner's flags, `${{ }}` expressions over inputs
and step outputs, `if:` conditions, GITHUB_OUTPUT and GITHUB_PATH files. `uses:` steps are
not run: they are reported with their evaluated `with:`, for the test to check.

    run_action.py ACTION_DIR INPUTS_JSON REPORT  ->  writes {"steps": [...], "outputs": {...}}

Needs PyYAML (pre-commit brings it). Exits with the first failing step's code, as a job would.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def evaluate(expr: str, inputs: dict, steps: dict) -> object:
    """The few expression forms actions use: contexts, literals, ==/!=, &&, ||, ! and
    status functions (a step that ran without failure so far means success())."""
    def context(m: re.Match) -> str:
        parts = m.group(0).split(".")
        if parts[0] == "inputs":
            return repr(inputs[parts[1]])
        if parts[0] == "steps" and parts[2] == "outputs":
            return repr(steps.get(parts[1], {}).get(parts[3], ""))
        raise ValueError(f"unsupported context {m.group(0)}")

    py = re.sub(r"\b(inputs|steps)(\.[A-Za-z0-9_-]+)+", context, expr)
    py = py.replace("!cancelled()", "True").replace("always()", "True").replace("success()", "True")
    py = py.replace("&&", " and ").replace("||", " or ").replace("!=", " != ")
    py = re.sub(r"!(?!=)", " not ", py)
    return eval(py, {"__builtins__": {}}, {"True": True})  # noqa: S307 (our own action.yml)


def substitute(text: str, inputs: dict, steps: dict) -> str:
    return EXPR.sub(lambda m: str(evaluate(m.group(1), inputs, steps)), str(text))


def main() -> None:
    action_dir = Path(sys.argv[1]).resolve()
    action = yaml.safe_load((action_dir / "action.yml").read_text())
    given = json.loads(sys.argv[2])
    unknown = set(given) - set(action["inputs"])
    if unknown:
        sys.exit(f"run_action.py: inputs the action does not declare: {sorted(unknown)}")
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update(given)
    steps: dict = {}
    report = []
    path_dirs: list = []
    for step in action["runs"]["steps"]:
        condition = step.get("if")
        if condition is not None and not evaluate(EXPR.sub(r"\1", str(condition)), inputs, steps):
            report.append({"name": step["name"], "skipped": True})
            continue
        if "uses" in step:
            with_ = {k: substitute(v, inputs, steps) for k, v in step.get("with", {}).items()}
            report.append({"name": step["name"], "uses": step["uses"], "with": with_})
            continue
        assert step.get("shell") == "bash", f"{step['name']}: only bash steps are run here"
        with tempfile.TemporaryDirectory() as files:
            output, gh_path = Path(files, "output"), Path(files, "path")
            output.touch()
            gh_path.touch()
            env = dict(os.environ, GITHUB_ACTION_PATH=str(action_dir), GITHUB_OUTPUT=str(output), GITHUB_PATH=str(gh_path))
            env.update({k: substitute(v, inputs, steps) for k, v in step.get("env", {}).items()})
            env["PATH"] = os.pathsep.join([*path_dirs, env["PATH"]])
            cwd = substitute(step.get("working-directory", "."), inputs, steps)
            script = substitute(step["run"], inputs, steps)
            run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=env)
            outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
            path_dirs = [*reversed(gh_path.read_text().split()), *path_dirs]
        if "id" in step:
            steps[step["id"]] = outputs
        report.append({"name": step["name"], "exit": run.returncode, "outputs": outputs})
        if run.returncode != 0:
            break
    final = {name: substitute(spec["value"], inputs, steps) for name, spec in action.get("outputs", {}).items()}
    Path(sys.argv[3]).write_text(json.dumps({"steps": report, "outputs": final}, indent=2))
    failed = [s["exit"] for s in report if s.get("exit")]
    sys.exit(failed[0] if failed else 0)


if __name__ == "__main__":
    main()
