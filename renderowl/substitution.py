"""`{{name}}` placeholders: the one set of substitution rules for templates and automations.

Rules (the contract's): a string that is exactly one placeholder, `"{{x}}"`, becomes the
referenced value with its type (`72` stays a number, `true` a boolean, an object an object);
a placeholder inside a longer string is interpolated as text. Names may be dotted paths into
the context: `{{trigger.x}}`, `{{actions.0.output.url}}` (list items by index).
"""
import json
import re

_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*"
PLACEHOLDER_RE = re.compile(r"\{\{\s*(" + _NAME + r")\s*\}\}")
_WHOLE_RE = re.compile(r"^\s*\{\{\s*(" + _NAME + r")\s*\}\}\s*$")

_MISSING = object()  # lookup found nothing
_RAISE = object()  # lookup should raise KeyError


class SubstitutionError(Exception):
    """A placeholder names nothing in the context; `path` is where it sits in the value."""

    def __init__(self, path, name):
        where = f" at {path}" if path else ""
        super().__init__(f"Unknown reference {{{{{name}}}}}{where}")
        self.path = path
        self.name = name


def find_placeholders(value):
    """Every placeholder name used anywhere in `value` (strings inside dicts and lists)."""
    found = set()
    if isinstance(value, str):
        found.update(PLACEHOLDER_RE.findall(value))
    elif isinstance(value, dict):
        for item in value.values():
            found |= find_placeholders(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            found |= find_placeholders(item)
    return found


def lookup(context, name, default=_RAISE):
    """Resolve a dotted name against dicts and lists; `default` (or KeyError) when absent."""
    current = context
    for part in name.split("."):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, (list, tuple)) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            if default is _RAISE:
                raise KeyError(name)
            return default
    return current


def as_text(value):
    """How a value reads when interpolated into a longer string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def substitute(value, context, strict=True, path=""):
    """Return a copy of `value` with placeholders resolved against `context`.

    With `strict`, an unknown reference raises SubstitutionError(path, name); otherwise the
    placeholder is left as written.
    """
    if isinstance(value, dict):
        return {k: substitute(v, context, strict, f"{path}.{k}" if path else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, context, strict, f"{path}.{i}" if path else str(i)) for i, v in enumerate(value)]
    if not isinstance(value, str) or "{{" not in value:
        return value
    whole = _WHOLE_RE.match(value)
    if whole:
        found = lookup(context, whole.group(1), _MISSING)
        if found is _MISSING:
            if strict:
                raise SubstitutionError(path, whole.group(1))
            return value
        return found

    def replace(match):
        found = lookup(context, match.group(1), _MISSING)
        if found is _MISSING:
            if strict:
                raise SubstitutionError(path, match.group(1))
            return match.group(0)
        return as_text(found)

    return PLACEHOLDER_RE.sub(replace, value)
