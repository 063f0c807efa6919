"""Validates SARIF logs against the official 2.1.0 schema with Python's jsonschema: a second,
independent validator beside the Rust test suite's."""

import json
import sys

import jsonschema

schema_path, *logs = sys.argv[1:]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
failed = False
for path in logs:
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for error in errors:
        print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
    failed |= bool(errors)
    results = sum(len(run.get("results", [])) for run in log["runs"])
    print(f"{path}: {'INVALID' if errors else 'valid'} SARIF 2.1.0 ({results} results)")
sys.exit(1 if failed else 0)
