"""Test oracle: validates YAML files against `duban schema` with Python's
jsonschema, reading YAML the 1.2 way (no yes/no/on/off booleans, no implicit
dates), as yaml-language-server does. Exit 0 when all are valid, 1 otherwise."""
import json
import pathlib
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    pass


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

schema = json.load(open(sys.argv[1], encoding="utf-8"))
validator = jsonschema.Draft7Validator(schema)
files = []
for arg in sys.argv[2:]:
    p = pathlib.Path(arg)
    files += sorted(p.rglob("*.yaml")) if p.is_dir() else [p]
bad = 0
for f in files:
    errors = list(validator.iter_errors(yaml.load(f.read_text(encoding="utf-8"), Loader=Yaml12Loader)))
    for e in errors:
        print(f"{f}: {e.message}")
    bad += bool(errors)
print(f"valid: {len(files) - bad}, invalid: {bad}")
sys.exit(1 if bad else 0)
