"""The rules every piece of client input obeys before any schema or database sees it.

One place, applied to every request: JSON bodies (parsed once, by the request class),
query strings and path segments. A string never carries NUL (PostgreSQL cannot store it, and
no legitimate field needs it), JSON nests at most MAX_DEPTH levels, and numbers are finite
(`1e400` parses as infinity). How big a number may be is each field's own Range, which every
numeric request field has. Each refusal is a 400 VALIDATION_ERROR naming the field, never a 500.
"""
import json
import math

from flask import request
from flask.wrappers import Request

from .errors import ApiError, ValidationError

MAX_DEPTH = 32
MAX_REPORTED = 20  # problems listed in one answer; the first ones are enough to fix a client
NUL_MESSAGE = "Must not contain NUL (\\u0000) characters."


def _shown(part):
    return str(part).replace("\x00", "\\u0000")


def problems(value, path=""):
    """{field path: message} for every string with NUL, non-finite number and too-deep
    nesting in `value` (parsed JSON, or any dict/list of strings)."""
    found = {}
    stack = [(value, path, 0)]
    while stack and len(found) < MAX_REPORTED:
        item, where, depth = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                found[where or "_schema"] = NUL_MESSAGE
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, (int, float)):
            # Magnitudes are each numeric field's own Range (test_numeric_fields_are_bounded).
            if isinstance(item, float) and not math.isfinite(item):
                found[where or "_schema"] = "Must be a finite number (no NaN or Infinity)."
        elif isinstance(item, (dict, list)):
            if depth >= MAX_DEPTH:
                found[where or "_schema"] = "Nested deeper than %d levels." % MAX_DEPTH
                continue
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in pairs:
                child_path = "%s.%s" % (where, _shown(key)) if where else _shown(key)
                if isinstance(key, str) and "\x00" in key:
                    found[child_path] = NUL_MESSAGE
                    continue
                stack.append((child, child_path, depth + 1))
    return found


def strict_loads(text):
    """Parse JSON text, refusing what `problems` refuses (400 VALIDATION_ERROR)."""
    try:
        value = json.loads(text)
    except RecursionError:
        # The C parser gives up near the interpreter's recursion limit; far past MAX_DEPTH anyway.
        raise ValidationError({"_schema": "Nested deeper than %d levels." % MAX_DEPTH}) from None
    found = problems(value)
    if found:
        raise ValidationError(found)
    return value


class _RequestJSON:
    """What a request parses its JSON body with (responses keep Flask's own JSON)."""

    loads = staticmethod(strict_loads)
    dumps = staticmethod(json.dumps)


class ApiRequest(Request):
    """A request whose JSON body obeys the input rules; unparseable JSON is 400 INVALID_JSON."""

    @property
    def json_module(self):
        return _RequestJSON

    @json_module.setter
    def json_module(self, value):
        # Flask's request context assigns app.json here; request bodies keep the strict parser,
        # while responses (and everything else) use Flask's JSON as usual.
        pass

    def on_json_loading_failed(self, e):
        if e is None:  # not a JSON content type: callers that care say so themselves
            return super().on_json_loading_failed(e)
        raise ApiError("INVALID_JSON", "Request body is not valid JSON", 400)


def check_request():
    """before_request: refuse NUL in path segments and query values before any lookup uses them.

    JSON bodies are checked when they are parsed (after authentication), by ApiRequest.
    """
    found = {}
    for name, value in (request.view_args or {}).items():
        if isinstance(value, str) and "\x00" in value:
            found[name] = NUL_MESSAGE
    for name, value in request.args.items(multi=True):
        if "\x00" in name or "\x00" in value:
            found[_shown(name)] = NUL_MESSAGE
    if found:
        raise ValidationError(found)


def init_app(app):
    """Install the request class and the up-front check."""
    app.request_class = ApiRequest
    app.before_request(check_request)
