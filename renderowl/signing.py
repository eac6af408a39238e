"""Renderowl-Signature (Stripe's scheme): the implementation ships in the client package.

The server's one entry to it: outbound webhooks are signed and public automation triggers are
verified through this module, both with `DEFAULT_TOLERANCE` (300 s) as the freshness window.

`renderowl-client` (sdk/python, installed by requirements.txt) holds the one signer and verifier,
so what the server sends and what customers check can never drift apart.
"""
import secrets as _secrets

from renderowl_client.webhooks import (  # noqa: F401  (re-exported for the server's callers)
    DEFAULT_TOLERANCE, SIGNATURE_HEADER, parse_signature, sign_payload, verify_webhook)

SECRET_PREFIX = "whsec_"


def generate_secret(prefix=SECRET_PREFIX):
    """A new signing secret: `prefix` plus 32 URL-safe random characters."""
    # token_urlsafe(24) is 24 random bytes -> exactly 32 base64url characters.
    return prefix + _secrets.token_urlsafe(24)
