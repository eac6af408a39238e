"""`Authorization: Bearer <token>`: the one parser, for API keys and for shared secrets alike."""


def bearer_token(headers):
    """The token of an `Authorization: Bearer <token>` header, or None if absent or malformed."""
    scheme, _, token = (headers.get("Authorization") or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token
