"""Typed template variables: what a value of each type must look like."""
import math
import re

from ..media.style import COLOR_RE  # the colours libass is given are the colours we accept

KEY_RE = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
TYPES = ("string", "number", "color", "boolean", "select")


def value_error(variable, value):
    """Why `value` does not fit `variable` (a {key, type, options?} dict), or None when it does."""
    kind = variable["type"]
    if kind == "string":
        return None if isinstance(value, str) else "must be a string"
    if kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        return None if ok else "must be a number"
    if kind == "color":
        ok = isinstance(value, str) and COLOR_RE.fullmatch(value)
        return None if ok else "must be a colour like #RRGGBB or #RRGGBBAA"
    if kind == "boolean":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "select":
        options = variable.get("options") or []
        return None if value in options else "must be one of: " + ", ".join(map(str, options))
    return f"unknown variable type {kind!r}"


def resolve_values(variables, given):
    """Declared defaults overlaid with `given`; raise ValueError(details) on unknown/missing/bad values."""
    declared = {v["key"]: v for v in variables}
    details = {}
    for key in given:
        if key not in declared:
            details[f"templateVariables.{key}"] = "is not a variable of this template"
    values = {}
    for key, variable in declared.items():
        if key in given:
            problem = value_error(variable, given[key])
            if problem:
                details[f"templateVariables.{key}"] = problem
            values[key] = given[key]
        elif "default" in variable and variable["default"] is not None:
            values[key] = variable["default"]
        elif variable.get("required"):
            details[f"templateVariables.{key}"] = "is required"
        else:
            values[key] = None  # optional and unset: its placeholder resolves to nothing
    if details:
        raise ValueError(details)
    return values
