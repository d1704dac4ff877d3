#!/usr/bin/env python3
"""Validates plan files against the JSON Schema of plan format 1.

Usage: validate.py SCHEMA PLAN...   prints "PLAN ok" or "PLAN invalid: WHY"
for each plan; exits 0 (the verdicts are the output) or 2 for a schema
that is not a valid draft 2020-12 schema.  Plans are read as editors read
them (YAML 1.2 core schema): an unquoted date stays a string.  A file that
is not YAML at all is "invalid: not YAML".
"""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    """PyYAML's safe loader without the YAML 1.1 timestamp type."""


Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        print("schema invalid:", e.message)
        return 2
    validator = jsonschema.Draft202012Validator(schema)
    for path in sys.argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                doc = yaml.load(f, Loader=Loader)
        except (yaml.YAMLError, UnicodeDecodeError, ValueError):
            print(path, "invalid: not YAML")
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path)
            print(path, "invalid: %s at /%s" % (errors[0].message[:120], where))
        else:
            print(path, "ok")
    return 0


sys.exit(main())
