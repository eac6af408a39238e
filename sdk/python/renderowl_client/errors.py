"""Errors: API answers (RenderowlError and one subclass per status) and network failures (apart)."""


class RenderowlError(Exception):
    """An error answer from the API: `{"error": {"code", "message", "details"?}}`.

    `code` is one of the spec's error codes (`renderowl_client.types.ErrorCode`), `status` the
    HTTP status, `request_id` the `X-Request-Id` to quote to support.
    """

    def __init__(self, code, message, status, details=None, request_id=None, headers=None):
        super().__init__(f"{status} {code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.details = details
        self.request_id = request_id
        self.headers = dict(headers or {})


class BadRequestError(RenderowlError):
    """400: `VALIDATION_ERROR` (details map field paths to messages), `INVALID_JSON`, ..."""


class AuthenticationError(RenderowlError):
    """401: `UNAUTHENTICATED`, `INVALID_API_KEY`, `API_KEY_REVOKED`."""


class PermissionDeniedError(RenderowlError):
    """403: `UNAUTHORIZED_SCOPE`, `MASTER_KEY_REQUIRED`, `PROJECT_SUSPENDED`, `PROJECT_ARCHIVED`, ..."""


class NotFoundError(RenderowlError):
    """404: `PROJECT_NOT_FOUND`, `ASSET_NOT_FOUND`, ... or `NOT_FOUND` for an unknown route."""


class ConflictError(RenderowlError):
    """409: `SLUG_TAKEN`, `ASSET_NOT_READY`, `IDEMPOTENCY_KEY_REUSED`, ..."""


class PayloadTooLargeError(RenderowlError):
    """413: `PAYLOAD_TOO_LARGE`, `UPLOAD_TOO_LARGE`."""


class RateLimitError(RenderowlError):
    """429: `RATE_LIMIT_EXCEEDED` (see `retry_after`), `STORAGE_QUOTA_EXCEEDED`, `PROJECT_QUOTA_EXCEEDED`."""

    @property
    def retry_after(self):
        """Seconds the server asked to wait, or None."""
        from .transport import parse_retry_after
        return parse_retry_after(self.headers.get("Retry-After"))


class InternalServerError(RenderowlError):
    """5xx: `INTERNAL_ERROR` (details carry the request id) or an unavailable server."""


_BY_STATUS = {400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError,
              409: ConflictError, 413: PayloadTooLargeError, 429: RateLimitError}


def error_for(status, body, request_id=None, headers=None):
    """The RenderowlError subclass for an error answer (any body shape; HTML from a proxy included)."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        error = {"code": "HTTP_%d" % status, "message": "HTTP %d without an error envelope" % status}
    cls = _BY_STATUS.get(status) or (InternalServerError if status >= 500 else RenderowlError)
    return cls(error.get("code"), error.get("message"), status, error.get("details"), request_id, headers)


class NetworkError(Exception):
    """The request got no HTTP answer (connection refused or reset, DNS, TLS): not an API error."""


class RequestTimeoutError(NetworkError):
    """No answer within the client's `timeout`."""


class WaitTimeoutError(Exception):
    """`wait_for` / `wait_for_ready` gave up before the resource reached a final state."""

    def __init__(self, message, last=None):
        super().__init__(message)
        self.last = last
