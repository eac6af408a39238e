"""Request parsing: 400 VALIDATION_ERROR with field details, 400 INVALID_JSON."""
import flask_smorest
from flask_smorest import Api
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

    def load_json(self, req, schema):
        # A body that isn't JSON at all (wrong Content-Type) must not pass as "no fields".
        if req.get_data(cache=True) and not req.is_json:
            raise ApiError("INVALID_JSON", "Request body must be JSON with Content-Type: application/json", 400)
        return super().load_json(req, schema)


class Blueprint(flask_smorest.Blueprint):
    """Every domain's blueprint: parses with RenderowlParser."""

    ARGUMENTS_PARSER = RenderowlParser()


class RenderowlApi(Api):
    """smorest Api documenting and answering errors with our envelope."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        # errors.init_app installs the one envelope handler; smorest's own is not wanted.
        pass

