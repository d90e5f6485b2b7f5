#!/usr/bin/env python3
"""Every scenario validates against docs/netsim.schema.json, read as an editor
reads it (yaml-language-server: YAML 1.2's core schema, so 02:00:00:00:00:01 is
a string and `yes` is not a boolean). Usage: schema_check.py SCHEMA FILE...
Exit 77 (skipped) without python3-jsonschema or python3-yaml."""
import json
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:
    print(f"skipped: {e} (apt-get install python3-jsonschema python3-yaml)")
    sys.exit(77)


class Core12Loader(yaml.SafeLoader):
    """YAML 1.2 core schema: only true/false, null, decimal/octal/hex ints and floats."""


Core12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]:
    Core12Loader.add_implicit_resolver(tag, re.compile(pattern), first)
# 0o17 and 0x1f as PyYAML's 1.1 int constructor does not read them.
Core12Loader.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 0)
                             if re.match(r"^0[ox]", loader.construct_scalar(node)) else int(loader.construct_scalar(node)))


def as_json(value):
    """Map keys are strings in JSON (and to editors): vlans' 10: is "10"."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


schema = json.load(open(sys.argv[1], encoding="utf-8"))
validator = jsonschema.Draft7Validator(schema)
jsonschema.Draft7Validator.check_schema(schema)
problems = 0
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        doc = as_json(yaml.load(f, Loader=Core12Loader))
    for error in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path)
        print(f"FAIL {path}: at /{where}: {error.message[:300]}")
        problems += 1
print(f"{len(sys.argv) - 2} scenarios: {problems} schema errors")
sys.exit(1 if problems else 0)
