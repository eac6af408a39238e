"""Generate renderowl_client/types.py (TypedDicts) from sdk/openapi.json.

    python sdk/python/generate_types.py      # after `python -m renderowl openapi > sdk/openapi.json`

Every component schema becomes a TypedDict (required keys in a base class), enums become
Literals, and `ErrorCode` is the Literal of every error code the spec lists.
"""
import json
import keyword
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "..", "openapi.json")
TARGET = os.path.join(HERE, "renderowl_client", "types.py")
SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}


def annotation(schema):
    """The Python type expression for a JSON schema (names of components as forward refs)."""
    if not schema:
        return "Any"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[1]
    for combinator in ("oneOf", "anyOf"):
        if combinator in schema:
            return union([annotation(s) for s in schema[combinator]])
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return annotation(schema["allOf"][0])
    if "enum" in schema:
        values = [v for v in schema["enum"] if v is not None]
        literal = "Literal[%s]" % ", ".join(json.dumps(v) for v in values)
        return union([literal, "None"]) if None in schema["enum"] else literal
    kinds = schema.get("type", "object")
    if isinstance(kinds, list):
        return union([annotation({**schema, "type": k}) for k in kinds])
    if kinds == "array":
        return "List[%s]" % annotation(schema.get("items", {}))
    if kinds == "object":
        return "Dict[str, Any]"
    return SCALARS.get(kinds, "Any")


def union(parts):
    unique = list(dict.fromkeys(parts))
    if "Any" in unique:
        return "Any"
    return unique[0] if len(unique) == 1 else "Union[%s]" % ", ".join(unique)


def typed_dict(name, schema):
    """Class syntax when every key is an identifier (required keys in a base), else functional."""
    props = schema.get("properties", {})
    required = [k for k in props if k in schema.get("required", [])]
    optional = [k for k in props if k not in required]
    doc = (schema.get("description") or "").strip().splitlines()
    doc = doc[0].replace('"""', "'") if doc else name
    if any(not k.isidentifier() or keyword.iskeyword(k) for k in props):
        fields = ", ".join("%s: %s" % (json.dumps(k), json.dumps(annotation(v))) for k, v in props.items())
        return ['%s = TypedDict("%s", {%s}, total=False)' % (name, name, fields), ""]
    lines = []
    base = "TypedDict"
    if required and optional:
        base = "_%sRequired" % name
        lines += ["class %s(TypedDict):" % base]
        lines += ["    %s: %s" % (k, annotation(props[k])) for k in required] + ["", ""]
    lines += ['class %s(%s%s):' % (name, base, ", total=False" if optional else ""), '    """%s"""' % doc, ""]
    keys = optional if base != "TypedDict" else required + optional
    lines += ["    %s: %s" % (k, annotation(props[k])) for k in keys] or ["    pass"]
    return lines + ["", ""]


def error_codes(spec):
    schemas = spec["components"]["schemas"]
    if "ErrorCode" in schemas:
        return schemas["ErrorCode"]["enum"]
    return schemas["ErrorBody"]["properties"]["code"].get("enum", [])


def generate(spec):
    out = ['"""Types of the Renderowl API, generated from sdk/openapi.json by generate_types.py: do not edit."""',
           "from __future__ import annotations", "",
           "from typing import Any, Dict, List, Literal, TypedDict, Union  # noqa: F401", "", ""]
    codes = error_codes(spec)
    out += ["ErrorCode = Literal[%s]" % ", ".join(json.dumps(c) for c in codes) if codes else "ErrorCode = str",
            '"""Every `error.code` the API answers with."""', "", ""]
    aliases = []  # after every class: a union (`Video = Union[AssetVideo, UrlVideo]`) is evaluated at import
    for name, schema in sorted(spec["components"]["schemas"].items()):
        if name == "ErrorCode":
            continue
        if schema.get("type", "object") == "object" and "properties" in schema:
            out += typed_dict(name, schema)
        else:
            aliases += ["%s = %s" % (name, annotation(schema)), "", ""]
    return "\n".join(out + aliases).rstrip() + "\n"


def main():
    with open(SPEC) as fh:
        text = generate(json.load(fh))
    if "--check" in sys.argv:
        with open(TARGET) as fh:
            return 0 if fh.read() == text else 1
    with open(TARGET, "w") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
