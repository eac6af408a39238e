"""The one error type and the JSON envelope every failure is rendered as."""
import logging

from flask import current_app, g, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

# Generic codes for the HTTP errors Flask/Werkzeug raise by themselves.
HTTP_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "RATE_LIMIT_EXCEEDED",
}

# Codes of the answers gunicorn writes itself, before the app sees the request (gunicorn_errors).
GUNICORN_CODES = {400: "BAD_REQUEST", 403: "FORBIDDEN", 414: "URI_TOO_LONG", 417: "EXPECTATION_FAILED",
                  431: "HEADERS_TOO_LARGE", 500: "INTERNAL_ERROR", 501: "NOT_IMPLEMENTED"}

# Every code an answer can carry, in the spec as the `ErrorBody.code` enum (the SDKs' typed
# `ErrorCode`). tests/test_sdk_contract.py fails when a raised code is missing here.
ERROR_CODES = tuple(sorted({
    *HTTP_CODES.values(), *GUNICORN_CODES.values(), "VALIDATION_ERROR", "INVALID_JSON", "INTERNAL_ERROR",
    # authentication and authorization
    "INVALID_API_KEY", "API_KEY_REVOKED", "PROJECT_SUSPENDED", "PROJECT_ARCHIVED", "MASTER_KEY_REQUIRED",
    "UNAUTHORIZED_SCOPE", "INVALID_SIGNATURE",
    # missing resources
    "PROJECT_NOT_FOUND", "API_KEY_NOT_FOUND", "ASSET_NOT_FOUND", "TEMPLATE_NOT_FOUND", "RENDER_NOT_FOUND",
    "AUTOMATION_NOT_FOUND", "RUN_NOT_FOUND", "DELIVERY_NOT_FOUND", "OBJECT_NOT_FOUND",
    # conflicts, quotas, uploads
    "SLUG_TAKEN", "IDEMPOTENCY_KEY_REUSED", "IDEMPOTENCY_KEY_IN_USE", "STORAGE_QUOTA_EXCEEDED",
    "PROJECT_QUOTA_EXCEEDED", "ASSET_TOO_LARGE", "ASSET_NOT_READY", "UPLOAD_INCOMPLETE", "UPLOAD_TOO_LARGE",
    "UPLOAD_ALREADY_COMPLETED", "UPLOAD_SIGNATURE_INVALID", "UPLOAD_EXPIRED", "DOWNLOAD_SIGNATURE_INVALID",
    "DOWNLOAD_EXPIRED", "INVALID_TEMPLATE_VARIABLES", "RENDER_NOT_CANCELLABLE", "AUTOMATION_DISABLED",
    "AUTOMATION_LOOP", "RUN_NOT_FAILED", "PROJECT_REQUIRED", "PREVIEW_BUSY", "PREVIEW_TIMEOUT",
}))


class ApiError(Exception):
    """An error with a contract code; its `response()` is the JSON envelope."""

    def __init__(self, code, message, status=400, details=None, headers=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.details = details
        self.headers = headers or {}

    def to_dict(self):
        body = {"code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return {"error": body}

    def response(self):
        resp = jsonify(self.to_dict())
        resp.status_code = self.status
        for name, value in self.headers.items():
            resp.headers[name] = value
        return resp


class NotFound(ApiError):
    """A missing resource, with the resource's own code (`ASSET_NOT_FOUND`...)."""

    def __init__(self, code="NOT_FOUND", message="Resource not found"):
        super().__init__(code, message, 404)


class ValidationError(ApiError):
    """400 VALIDATION_ERROR; `details` maps field paths to messages."""

    def __init__(self, details, message="Request validation failed"):
        super().__init__("VALIDATION_ERROR", message, 400, details)


def flatten_messages(messages, prefix=""):
    """Turn marshmallow's nested error dict into {"a.b.0.c": "message"}."""
    flat = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            # A nested object's own error (`"s3": "x"` is no object) names the field itself.
            path = (prefix or "_schema") if key == "_schema" else f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten_messages(value, path))
    elif isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
        flat[prefix or "_schema"] = " ".join(messages)
    elif isinstance(messages, list):
        for i, value in enumerate(messages):
            flat.update(flatten_messages(value, f"{prefix}.{i}" if prefix else str(i)))
    else:
        flat[prefix or "_schema"] = str(messages)
    return flat


def _handle_api_error(error):
    return error.response()


def _handle_http_exception(error):
    code = HTTP_CODES.get(error.code, "HTTP_%d" % error.code)
    message = error.description or error.name
    if error.code == 404:
        message = "No route matches this URL"
    elif error.code == 405:
        message = "Method not allowed on this route"
    elif error.code == 413:
        message = "Request body too large"
    api_error = ApiError(code, message, error.code)
    resp = api_error.response()
    if error.code == 405 and getattr(error, "valid_methods", None):
        resp.headers["Allow"] = ", ".join(error.valid_methods)
    return resp


def _handle_unexpected(error):
    if isinstance(error, HTTPException):
        return _handle_http_exception(error)
    request_id = getattr(g, "request_id", None)
    log.exception("Unhandled error (request %s)", request_id)
    details = {"requestId": request_id}
    if current_app.debug:
        details["exception"] = repr(error)
    return ApiError("INTERNAL_ERROR", "Internal server error", 500, details).response()


def init_app(app):
    """Route every error, from any layer, to the JSON envelope."""
    app.register_error_handler(ApiError, _handle_api_error)
    app.register_error_handler(HTTPException, _handle_http_exception)
    app.register_error_handler(Exception, _handle_unexpected)
