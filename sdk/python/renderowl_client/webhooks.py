"""Renderowl-Signature: `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (Stripe's scheme).

The one implementation: the server signs and checks its public automation triggers with it too.
"""
import hashlib
import hmac
import json
import time

SIGNATURE_HEADER = "Renderowl-Signature"
DEFAULT_TOLERANCE = 300


class WebhookVerificationError(ValueError):
    """`construct_event` was given a payload whose signature does not verify."""


def compute_signature(secret, timestamp, payload):
    """Hex HMAC-SHA256 of `"<timestamp>.<payload>"`, keyed with the whole secret (`whsec_` included)."""
    if isinstance(payload, str):
        payload = payload.encode()
    return hmac.new(secret.encode(), f"{int(timestamp)}.".encode() + bytes(payload), hashlib.sha256).hexdigest()


def sign_payload(payload, secrets, timestamp=None):
    """The header value signing `payload` with each secret (two during a rotation).

    Also handy to test your own webhook endpoint with a correctly signed request.
    """
    if isinstance(secrets, str):
        secrets = [secrets]
    if not secrets:
        raise ValueError("at least one secret is needed to sign")
    t = int(time.time()) if timestamp is None else int(timestamp)
    return ",".join([f"t={t}"] + [f"v1={compute_signature(s, t, payload)}" for s in secrets])


def parse_signature(signature):
    """(timestamp, [v1 hex digests]) from a header value, or None when it is malformed."""
    if not isinstance(signature, str) or len(signature) > 4096:
        return None
    timestamp, digests = None, []
    for item in signature.split(","):
        key, sep, value = item.strip().partition("=")
        if not sep:
            return None
        if key == "t":
            if timestamp is not None or not value.isascii() or not value.isdigit():
                return None
            timestamp = int(value)
        elif key == "v1" and value:
            digests.append(value)
        # Other schemes (v0, a future v2) are ignored so senders can add them safely.
    if timestamp is None or not digests:
        return None
    return timestamp, digests


def verify_webhook(payload, signature, secret, tolerance=DEFAULT_TOLERANCE, now=None):
    """True when `signature` is a fresh, valid Renderowl-Signature of the raw `payload` under `secret`.

    Any `v1` value may match (during a secret rotation the header carries two); timestamps more
    than `tolerance` seconds away from now, in either direction, are refused.
    """
    try:
        parsed = parse_signature(signature)
        if parsed is None or not isinstance(secret, str) or not secret:
            return False
        timestamp, digests = parsed
        now = int(time.time()) if now is None else int(now)
        if abs(now - timestamp) > tolerance:
            return False
        expected = compute_signature(secret, timestamp, payload).encode()
        # Compare against every v1 without stopping early, so timing says nothing.
        matched = False
        for digest in digests:
            matched |= hmac.compare_digest(expected, digest.encode())
        return matched
    except Exception:  # garbage in must never turn into a 500 in the caller
        return False


def construct_event(payload, signature, secret, tolerance=DEFAULT_TOLERANCE):
    """Verify, then parse: the event dict `{id, type, createdAt, projectId, data}`.

    Raises WebhookVerificationError when the signature does not verify or the body is not an event.
    """
    if not verify_webhook(payload, signature, secret, tolerance):
        raise WebhookVerificationError("Renderowl-Signature does not verify for this payload and secret")
    try:
        event = json.loads(payload)
    except ValueError:
        raise WebhookVerificationError("The payload is not JSON") from None
    if not isinstance(event, dict) or not isinstance(event.get("type"), str):
        raise WebhookVerificationError("The payload is not a Renderowl event")
    return event
