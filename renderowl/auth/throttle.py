"""Failed authentication is throttled per client address, so keys cannot be guessed at speed.

Once an address has failed `AUTH_FAILURES_PER_MINUTE` times in the sliding minute, every
authentication attempt from it answers 429 RATE_LIMIT_EXCEEDED before any key is looked at:
refusing only the failures would still tell a guesser which key was right. Successful calls
are never counted. The address is `request.remote_addr`, which ProxyFix sets from
X-Forwarded-For only through RENDEROWL_TRUSTED_PROXIES hops (see `init_app`).
"""
import math

from flask import current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

from ..errors import ApiError


def _key():
    return "authfail:%s" % (request.remote_addr or "unknown")


def _refuse(retry_after):
    return ApiError("RATE_LIMIT_EXCEEDED", "Too many failed authentication attempts from this address; retry later",
                    429, details={"retryAfterSeconds": retry_after}, headers={"Retry-After": str(retry_after)})


def guarded(check):
    """Run `check()` (an authentication) unless this address is throttled; count its 401s."""
    limit = current_app.config["AUTH_FAILURES_PER_MINUTE"]
    limiter = current_app.extensions["renderowl_rate_limiter"]
    if limiter.count(_key()) >= limit:
        raise _refuse(max(1, math.ceil(limiter.window)))
    try:
        return check()
    except ApiError as error:
        if error.status == 401:
            decision = limiter.hit(_key(), limit)
            if not decision.allowed:
                raise _refuse(decision.retry_after) from None
        raise


def init_app(app):
    """Trust X-Forwarded-For for exactly the configured number of proxy hops (default none)."""
    hops = app.config.get("TRUSTED_PROXIES") or 0
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops)
