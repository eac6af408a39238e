"""renderowl-client: the Python client of the Renderowl Platform API.

    from renderowl_client import RenderowlClient, NotFoundError, verify_webhook
"""
from . import types  # noqa: F401
from .client import RenderowlClient
from .errors import (AuthenticationError, BadRequestError, ConflictError, InternalServerError, NetworkError,
                     NotFoundError, PayloadTooLargeError, PermissionDeniedError, RateLimitError, RenderowlError,
                     RequestTimeoutError, WaitTimeoutError)
from .pagination import ListIterator, Page
from .transport import VERSION as __version__
from .webhooks import SIGNATURE_HEADER, WebhookVerificationError, construct_event, sign_payload, verify_webhook

__all__ = [
    "RenderowlClient", "RenderowlError", "BadRequestError", "AuthenticationError", "PermissionDeniedError",
    "NotFoundError", "ConflictError", "PayloadTooLargeError", "RateLimitError", "InternalServerError",
    "NetworkError", "RequestTimeoutError", "WaitTimeoutError", "ListIterator", "Page", "SIGNATURE_HEADER",
    "WebhookVerificationError", "construct_event", "sign_payload", "verify_webhook", "__version__",
]
