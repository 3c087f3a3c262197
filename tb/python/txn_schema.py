"""A small JSON Schema validator (Python standard library only) for the subset of draft 2020-12
that docs/txn.schema.json uses, and the loader of that schema.

    from txn_schema import load_schema, validate
    errors = validate(record, load_schema())      # [] if the record is valid

Supported keywords: $ref (local "#/$defs/NAME"), type, const, enum, pattern, minimum, maximum,
maxItems, properties, required, additionalProperties (a boolean), items, oneOf, allOf,
if/then/else, and boolean schemas. Annotations ($schema, $id, $defs, title, description) are
ignored. Any other keyword is an error of the schema itself (check_schema), so the schema cannot
grow a rule that this validator would skip without anyone noticing.

Command line: python3 tb/python/txn_schema.py FILE.jsonl... validates every line (exit 1 on the
first invalid one, naming the line and the problem).
"""
import json
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCHEMA_PATH = os.path.join(ROOT, "docs", "txn.schema.json")

ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description"}
KEYWORDS = {"$ref", "type", "const", "enum", "pattern", "minimum", "maximum", "maxItems",
            "properties", "required", "additionalProperties", "items", "oneOf", "allOf", "if",
            "then", "else"}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def load_schema(path=SCHEMA_PATH):
    with open(path) as f:
        schema = json.load(f)
    problems = check_schema(schema)
    if problems:
        raise ValueError("%s: %s" % (path, "; ".join(problems)))
    return schema


def check_schema(schema, root=None, where="#"):
    """Keywords this validator does not implement, and $refs that lead nowhere."""
    root = schema if root is None else root
    if isinstance(schema, bool):
        return []
    if not isinstance(schema, dict):
        return ["%s: a schema must be an object or a boolean" % where]
    out = []
    for k, v in schema.items():
        if k in ANNOTATIONS:
            if k == "$defs":
                for n, s in v.items():
                    out += check_schema(s, root, "%s/$defs/%s" % (where, n))
            continue
        if k not in KEYWORDS:
            out.append("%s: keyword '%s' is not supported by tb/python/txn_schema.py" % (where, k))
        elif k == "$ref":
            try:
                _resolve(root, v)
            except KeyError:
                out.append("%s: $ref '%s' leads nowhere" % (where, v))
        elif k == "type":
            for t in v if isinstance(v, list) else [v]:
                if t not in TYPES:
                    out.append("%s: unknown type '%s'" % (where, t))
        elif k == "properties":
            for n, s in v.items():
                out += check_schema(s, root, "%s/properties/%s" % (where, n))
        elif k in ("items", "if", "then", "else"):
            out += check_schema(v, root, "%s/%s" % (where, k))
        elif k in ("oneOf", "allOf"):
            for i, s in enumerate(v):
                out += check_schema(s, root, "%s/%s/%d" % (where, k, i))
        elif k == "additionalProperties" and not isinstance(v, bool):
            out.append("%s: additionalProperties must be a boolean here" % where)
    return out


def _resolve(root, ref):
    if not ref.startswith("#/"):
        raise KeyError(ref)
    node = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def _equal(a, b):
    # JSON equality: true is not 1
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b


def validate(value, schema, root=None, path="$"):
    """The list of problems of value against schema ([] if it is valid), each naming the place
    in the record ("$.walk[2].flags")."""
    root = schema if root is None else root
    if schema is True:
        return []
    if schema is False:
        return ["%s: not allowed here" % path]
    errs = []
    if "$ref" in schema:
        errs += validate(value, _resolve(root, schema["$ref"]), root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(TYPES[t](value) for t in types):
            return errs + ["%s: %s is not of type %s" % (path, json.dumps(value), "/".join(types))]
    if "const" in schema and not _equal(value, schema["const"]):
        errs.append("%s: %s is not %s" % (path, json.dumps(value), json.dumps(schema["const"])))
    if "enum" in schema and not any(_equal(value, e) for e in schema["enum"]):
        errs.append("%s: %s is not one of %s" % (path, json.dumps(value), json.dumps(schema["enum"])))
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errs.append("%s: %s does not match %s" % (path, json.dumps(value), schema["pattern"]))
    if TYPES["integer"](value):
        if "minimum" in schema and value < schema["minimum"]:
            errs.append("%s: %d is below %d" % (path, value, schema["minimum"]))
        if "maximum" in schema and value > schema["maximum"]:
            errs.append("%s: %d is above %d" % (path, value, schema["maximum"]))
    if isinstance(value, list):
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errs.append("%s: %d items, at most %d" % (path, len(value), schema["maxItems"]))
        if "items" in schema:
            for i, v in enumerate(value):
                errs += validate(v, schema["items"], root, "%s[%d]" % (path, i))
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for k in schema.get("required", []):
            if k not in value:
                errs.append("%s: required field '%s' is missing" % (path, k))
        for k, v in value.items():
            if k in props:
                errs += validate(v, props[k], root, "%s.%s" % (path, k))
            elif schema.get("additionalProperties", True) is False:
                errs.append("%s: field '%s' is not in the schema" % (path, k))
    if "allOf" in schema:
        for s in schema["allOf"]:
            errs += validate(value, s, root, path)
    if "oneOf" in schema:
        results = [validate(value, s, root, path) for s in schema["oneOf"]]
        ok = [r for r in results if not r]
        if len(ok) != 1:
            if not ok:
                best = min(results, key=len)  # the closest alternative's problems
                errs.append("%s: matches none of the %d alternatives (closest: %s)" % (
                    path, len(results), "; ".join(best)))
            else:
                errs.append("%s: matches %d alternatives, not exactly one" % (path, len(ok)))
    if "if" in schema:
        branch = "then" if not validate(value, schema["if"], root, path) else "else"
        if branch in schema:
            errs += validate(value, schema[branch], root, path)
    return errs


def validate_lines(path, schema=None):
    """(records, problems) of a JSON-lines file: every non-empty line must be a valid record."""
    schema = schema or load_schema()
    records, problems = [], []
    with open(path) as f:
        for no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                problems.append("%s:%d: not JSON: %s" % (path, no, e))
                continue
            records.append(rec)
            problems += ["%s:%d: %s" % (path, no, p) for p in validate(rec, schema)]
    return records, problems


def main(argv):
    schema = load_schema()
    bad = 0
    for path in argv:
        records, problems = validate_lines(path, schema)
        for p in problems[:20]:
            print(p)
        bad += bool(problems)
        print("%s: %d records, %s" % (path, len(records), "%d problems" % len(problems) if problems else "valid"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
