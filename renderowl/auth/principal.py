"""Who is calling: the auth table of the contract, checked in its order."""
import collections
import hmac
import logging
import threading
import time
import weakref
from dataclasses import dataclass, field
from functools import wraps

from flask import current_app, g, request
from flask_smorest.utils import load_info_from_docstring

from ..db import is_postgres, utcnow
from ..errors import ApiError, NotFound
from ..projects.models import Project
from ..queue import setting
from .bearer import bearer_token
from . import throttle
from .models import SCOPES, ApiKey, hash_key, looks_like_key

log = logging.getLogger(__name__)

LAST_USED_INTERVAL = 60.0  # seconds between lastUsedAt writes per key


@dataclass
class Principal:
    """The authenticated caller: the master key, or one project's key."""

    is_master: bool
    scopes: frozenset = field(default_factory=frozenset)
    api_key: ApiKey = None
    project: Project = None

    @property
    def ident(self):
        return "master" if self.is_master else "key:%s" % self.api_key.id


def authenticate():
    """Resolve the bearer token to a Principal, or raise the contract's 401/403."""
    if "principal" in g:
        return g.principal
    token = bearer_token(request.headers)
    if token is None:
        raise ApiError("UNAUTHENTICATED", "Missing or malformed Authorization header; expected 'Bearer <token>'", 401)
    master = setting("MASTER_KEY")
    if master and hmac.compare_digest(token.encode(), master.encode()):
        g.principal = Principal(is_master=True, scopes=frozenset(SCOPES))
        return g.principal
    if not looks_like_key(token):
        raise ApiError("INVALID_API_KEY", "Invalid API key", 401)
    row = _key_with_project(hash_key(token))
    if row is None:
        raise ApiError("INVALID_API_KEY", "Invalid API key", 401)
    if row.revoked_at is not None:
        raise ApiError("API_KEY_REVOKED", "This API key has been revoked", 401)
    project = row.project
    project.ensure_active()
    _touch_later(row)
    g.principal = Principal(is_master=False, scopes=frozenset(row.scopes), api_key=row, project=project)
    return g.principal


_LOOKUP_SQL = {}
_PREPARED = weakref.WeakSet()  # PostgreSQL connections holding the prepared lookup
_STATEMENT = "renderowl_key_lookup"


def _lookup_sql(db):
    """(sql, params) of the key+project lookup, compiled by peewee once per database kind."""
    compiled = _LOOKUP_SQL.get(type(db))
    if compiled is None:
        query = ApiKey.select(ApiKey, Project).join(Project).where(ApiKey.key_hash == "").limit(1)
        compiled = _LOOKUP_SQL.setdefault(type(db), query.sql())
    return compiled


def _execute_lookup(db, key_hash):
    sql, params = _lookup_sql(db)
    if not is_postgres(db):
        return db.execute_sql(sql, [key_hash] + list(params[1:])).fetchone()
    # On PostgreSQL a prepared statement skips planning: ~40% of this query's cost.
    conn = db.connection()
    if conn not in _PREPARED:
        with conn.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")  # a pooled connection may carry an old one
            cursor.execute("PREPARE %s(text) AS %s" % (
                _STATEMENT, sql.replace("%s", "$1", 1).replace("%s", str(int(params[-1])))))
        _PREPARED.add(conn)
    return db.execute_sql("EXECUTE %s(%%s)" % _STATEMENT, [key_hash]).fetchone()


def _key_with_project(key_hash):
    """The key row with its project, in one query.

    This runs on every request, and building the SQL with peewee costs more than running it.
    The lookup is by hash: equality on a digest leaks nothing about the key itself.
    """
    from ..extensions import database
    values = _execute_lookup(database.obj, key_hash)
    if values is None:
        return None
    width = len(ApiKey._meta.sorted_fields)
    row = ApiKey.from_row(values[:width])
    row.project = Project.from_row(values[width:])
    return row


class _LastUsed:
    """Coalesces lastUsedAt writes: at most one per key per interval, after the response.

    Remembers only keys seen within the interval (oldest first, so expiry is a pop from the
    front), and at most `max_keys` of them: a process serving millions of keys stays small.
    """

    def __init__(self, interval=LAST_USED_INTERVAL, max_keys=100_000):
        self.interval, self.max_keys = interval, max_keys
        self._seen = collections.OrderedDict()
        self._lock = threading.Lock()

    def due(self, key_id):
        now = time.monotonic()
        with self._lock:
            while self._seen and (now - next(iter(self._seen.values())) >= self.interval
                                  or len(self._seen) >= self.max_keys):
                self._seen.popitem(last=False)
            if key_id in self._seen:
                return False
            self._seen[key_id] = now
            return True


_last_used = _LastUsed()


def _touch_later(row):
    if not _last_used.due(row.id):
        return
    g.touch_key_id = row.id


def flush_last_used(response):
    """Write lastUsedAt once the response has gone out (never blocks the request)."""
    key_id = g.pop("touch_key_id", None)
    if key_id is None:
        return response

    def write():
        from ..extensions import database
        try:
            with database.connection_context():
                ApiKey.update(last_used_at=utcnow()).where(ApiKey.id == key_id).execute()
        except Exception:  # a busy database must not turn a served request into an error
            # This runs after the response, outside the app context: no current_app here.
            log.warning("lastUsedAt update skipped for key %s", key_id, exc_info=True)

    response.call_on_close(write)
    return response


def guarded_authenticate():
    """authenticate(), with a failure counted against the client address (see throttle.py)."""
    try:
        return authenticate()
    except ApiError as error:
        throttle.failed(error)
        raise


def admit(principal, scope=None, master_only=False, weight=1):
    """The contract's checks after authentication, in its order: master-only and scope (403),
    then the key's rate limit (429), with the address throttle riding on the same limiter call.

    A request of `weight` counts as that many requests (all of a limit smaller than that, so
    such a key still gets one heavy request per window rather than none).
    """
    denial = None
    if master_only and not principal.is_master:
        denial = ApiError("MASTER_KEY_REQUIRED", "This route requires the master key", 403)
    elif scope and scope not in principal.scopes:
        denial = ApiError("UNAUTHORIZED_SCOPE", f"Key lacks '{scope}' scope", 403)
    if principal.is_master or denial is not None:
        throttle.admit()
        if denial is not None:
            raise denial
        return
    limit = principal.api_key.rate_limit_rpm
    _enforce(throttle.admit(str(principal.api_key.id), limit, max(1, min(weight, limit))))


def enforce_rate_limit(bucket, limit, weight=1, message="Rate limit exceeded; retry later"):
    """Count a request of `weight` against `bucket`'s `limit` per window; 429 with Retry-After when over.

    The answer carries X-RateLimit-Limit/Remaining for this bucket.
    """
    _enforce(current_app.extensions["renderowl_rate_limiter"].hit(bucket, limit, weight), message)


def _enforce(decision, message="Rate limit exceeded; retry later"):
    g.rate_limit = decision
    if not decision.allowed:
        raise ApiError("RATE_LIMIT_EXCEEDED", message, 429,
                       details={"limit": decision.limit, "retryAfterSeconds": decision.retry_after},
                       headers={"Retry-After": str(decision.retry_after)})


def rate_limit_headers(response):
    """X-RateLimit-Limit/Remaining on every keyed response."""
    decision = g.get("rate_limit")
    if decision is not None:
        response.headers["X-RateLimit-Limit"] = str(decision.limit)
        response.headers["X-RateLimit-Remaining"] = str(decision.remaining)
    return response


def resolve_project(ident, principal):
    """The project named in the URL, if this caller may see it; else 404 (no existence leak)."""
    if principal.is_master:
        return Project.lookup(ident)
    own = principal.project
    if str(ident) in (str(own.id), own.slug):
        return own
    raise NotFound("PROJECT_NOT_FOUND", "Project not found")


AUTH_RESPONSES = {
    "401": {"$ref": "#/components/responses/Unauthenticated"},
    "403": {"$ref": "#/components/responses/Forbidden"},
    "429": {"$ref": "#/components/responses/RateLimited"},
}


def authorize(scope=None, master_only=False, weight=1):
    """Decorator: authenticate, check master/scope, rate limit, then resolve `project_id`.

    The view receives `project` (a Project) in place of the URL's `project_id`. A route of
    `weight` counts as that many requests against the key's rate limit.
    """
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            principal = guarded_authenticate()
            admit(principal, scope, master_only, weight)
            if "project_id" in kwargs:
                kwargs["project"] = resolve_project(kwargs.pop("project_id"), principal)
            return view(*args, **kwargs)

        apidoc = dict(getattr(wrapper, "_apidoc", {}))
        manual = dict(apidoc.get("manual_doc", {}))
        manual["security"] = [{"bearerAuth": []}]
        # A status the route documents itself (say, a 429 for its quota) keeps its own text.
        own = {str(status) for status in apidoc.get("response", {}).get("responses", {})}
        shared = {status: ref for status, ref in AUTH_RESPONSES.items() if status not in own}
        manual["responses"] = {**shared, **manual.get("responses", {})}
        # The manual description replaces the docstring's, so it starts from it.
        manual.setdefault("description", load_info_from_docstring(view.__doc__ or "").get("description") or "")
        if master_only:
            manual["description"] = (manual.get("description", "") + "\n\nRequires the master key.").strip()
        elif scope:
            manual["description"] = (manual.get("description", "") + f"\n\nRequires scope `{scope}`.").strip()
        if weight > 1:
            manual["description"] = (manual.get("description", "")
                                     + f" Counts as {weight} requests against the key's rate limit.").strip()
        apidoc["manual_doc"] = manual
        wrapper._apidoc = apidoc
        return wrapper
    return decorator


def init_app(app):
    """Install the rate limiter and the response hooks."""
    from .ratelimit import make_limiter
    app.extensions["renderowl_rate_limiter"] = make_limiter(
        app.config.get("REDIS_URL"), app.config.get("RATE_LIMIT_WINDOW_SECONDS", 60))
    throttle.init_app(app)
    app.after_request(rate_limit_headers)
    app.after_request(flush_last_used)
