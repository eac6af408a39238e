"""Renderowl-Signature: `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (Stripe's scheme)."""
import hashlib
import hmac
import secrets as _secrets
import time

SIGNATURE_HEADER = "Renderowl-Signature"
DEFAULT_TOLERANCE = 300
SECRET_PREFIX = "whsec_"


def generate_secret(prefix=SECRET_PREFIX):
    """A new signing secret: `prefix` plus 32 URL-safe random characters."""
    # token_urlsafe(24) is 24 random bytes -> exactly 32 base64url characters.
    return prefix + _secrets.token_urlsafe(24)


def _digest(secret, timestamp, body):
    # The key is the whole secret string, prefix included, as the contract and Stripe do.
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign_payload(body, secrets, timestamp=None):
    """The header value signing `body` with each secret (two during a rotation)."""
    if isinstance(body, str):
        body = body.encode()
    if isinstance(secrets, str):
        secrets = [secrets]
    if not secrets:
        raise ValueError("at least one secret is needed to sign")
    t = int(time.time()) if timestamp is None else int(timestamp)
    return ",".join([f"t={t}"] + [f"v1={_digest(s, t, body)}" for s in secrets])


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
        # Other schemes (v0, future v2) are ignored so senders can add them safely.
    if timestamp is None or not digests:
        return None
    return timestamp, digests


def verify_webhook(payload, signature, secret, tolerance=DEFAULT_TOLERANCE, now=None):
    """True when `signature` is a fresh, valid Renderowl-Signature of `payload` under `secret`."""
    try:
        parsed = parse_signature(signature)
        if parsed is None or not isinstance(secret, str) or not secret:
            return False
        timestamp, digests = parsed
        now = int(time.time()) if now is None else int(now)
        # Both directions: a far-future stamp would otherwise stay replayable for longer.
        if abs(now - timestamp) > tolerance:
            return False
        if isinstance(payload, str):
            payload = payload.encode()
        expected = _digest(secret, timestamp, bytes(payload)).encode()
        # Compare against every v1 without stopping early, so timing says nothing.
        matched = False
        for digest in digests:
            matched |= hmac.compare_digest(expected, digest.encode())
        return matched
    except Exception:  # garbage in must never turn into a 500 in the caller
        return False
