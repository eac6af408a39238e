"""Request parsing: 400 VALIDATION_ERROR with field details, 400 INVALID_JSON."""
from functools import wraps

import marshmallow as ma

import flask_smorest
from flask import request
from flask_smorest import Api
from webargs.core import missing
from webargs.flaskparser import FlaskParser

from .errors import ApiError, ValidationError, flatten_messages
from .schema_fields import ErrorSchema


class RenderowlParser(FlaskParser):
    """webargs parser that speaks the contract's error codes."""

    DEFAULT_VALIDATION_STATUS = 400

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):
        messages = error.messages
        # webargs nests by location ({"json": {...}}); clients care about the field path.
        if isinstance(messages, dict) and len(messages) == 1 and next(iter(messages)) in ("json", "query", "view_args", "headers"):
            messages = next(iter(messages.values()))
        raise ValidationError(flatten_messages(messages))

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        raise ApiError("INVALID_JSON", "Request body is not valid JSON", 400)

    def load_querystring(self, req, schema):
        # A parameter given twice (`limit=1&limit=2`) is not the one integer or string the spec
        # describes: refuse it rather than silently take the first.
        repeated = {name: "Give this parameter once." for name in req.args
                    if len(req.args.getlist(name)) > 1 and not self._is_multiple(schema, name)}
        if repeated:
            raise ValidationError(repeated)
        return super().load_querystring(req, schema)

    @staticmethod
    def _is_multiple(schema, name):
        field = next((f for f in schema.fields.values() if (f.data_key or f.name) == name), None)
        return field is None or isinstance(field, (ma.fields.List, ma.fields.Tuple))

    def _raw_load_json(self, req):
        # ApiRequest parses with the input rules (NUL, NaN, depth, range), once per request.
        if not req.is_json:
            return missing
        if not req.get_data(cache=True).strip():
            return missing
        return req.get_json()

    def load_json(self, req, schema):
        # A body that isn't JSON at all (wrong Content-Type) must not pass as "no fields".
        if req.get_data(cache=True) and not req.is_json:
            raise ApiError("INVALID_JSON", "Request body must be JSON with Content-Type: application/json", 400)
        return super().load_json(req, schema)


class Blueprint(flask_smorest.Blueprint):
    """Every domain's blueprint: parses with RenderowlParser."""

    ARGUMENTS_PARSER = RenderowlParser()

    def arguments(self, schema, *, location="json", required=True, **kwargs):
        """smorest's `arguments` with one schema instance; a required JSON body must be there (a
        bare PATCH is a 400).

        The 400 is documented by `openapi.finish` with the route's own 400 codes, not as
        smorest's generic `BAD_REQUEST`.
        """
        # An instance, made once: given a class, webargs builds (and deep-copies) one per request.
        if isinstance(schema, type):
            schema = schema()
        decorator = super().arguments(schema, location=location, required=required, **kwargs)

        def decorate(func):
            parsed = decorator(func)
            parsed._apidoc["arguments"]["responses"].pop(self.ARGUMENTS_PARSER.DEFAULT_VALIDATION_STATUS, None)
            if location != "json" or not required:
                return parsed

            @wraps(parsed)
            def body_required(*args, **kw):
                if not request.get_data(cache=True):
                    raise ValidationError({"_schema": "A JSON body is required."}, "Request body is required")
                return parsed(*args, **kw)
            return body_required
        return decorate


class RenderowlApi(Api):
    """smorest Api documenting and answering errors with our envelope."""

    ERROR_SCHEMA = ErrorSchema
    # Each operation documents its own error statuses (openapi.finish), no catch-all `default`.
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_error_handlers(self):
        # errors.init_app installs the one envelope handler; smorest's own is not wanted.
        pass

