"""Failed authentication is throttled per client address, so keys cannot be guessed at speed.

Once an address has failed `AUTH_FAILURES_PER_MINUTE` times in the sliding minute, every
authentication attempt from it answers 429 RATE_LIMIT_EXCEEDED whatever key it sends:
refusing only the failures would still tell a guesser which key was right. Successful calls
are never counted. The check rides on the limiter call every keyed request makes anyway (one
Redis round trip, after the key lookup, whose result the answer then does not depend on). The
address is `request.remote_addr`, which ProxyFix sets from
X-Forwarded-For only through RENDEROWL_TRUSTED_PROXIES hops (see `init_app`).
"""
import math

from flask import current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

from ..errors import ApiError
from .ratelimit import THROTTLED


def _guard():
    """(limiter, this address's failure bucket, failures allowed per window)."""
    return (current_app.extensions["renderowl_rate_limiter"],
            "authfail:%s" % (request.remote_addr or "unknown"), current_app.config["AUTH_FAILURES_PER_MINUTE"])


def _refuse(retry_after):
    return ApiError("RATE_LIMIT_EXCEEDED", "Too many failed authentication attempts from this address; retry later",
                    429, details={"retryAfterSeconds": retry_after}, headers={"Retry-After": str(retry_after)})


def failed(error):
    """An authentication failed with `error`: count a 401 against this address; raise 429 instead
    when the address is (now) throttled, so a throttled address learns nothing from any key."""
    limiter, guard, limit = _guard()
    if error.status == 401:
        decision = limiter.hit(guard, limit)
        if not decision.allowed:
            raise _refuse(decision.retry_after) from None
    elif limiter.admit(guard, limit) is THROTTLED:
        raise _refuse(max(1, math.ceil(limiter.window))) from None


def admit(bucket=None, limit=0, weight=1):
    """An authenticated caller: 429 if this address is throttled; else count the request against
    `bucket`'s `limit` (when given) and return the limiter's Decision. One limiter call."""
    limiter, guard, guard_limit = _guard()
    decision = limiter.admit(guard, guard_limit, bucket, limit, weight)
    if decision is THROTTLED:
        raise _refuse(max(1, math.ceil(limiter.window)))
    return decision


def init_app(app):
    """Trust X-Forwarded-For for exactly the configured number of proxy hops (default none)."""
    hops = app.config.get("TRUSTED_PROXIES") or 0
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops)
