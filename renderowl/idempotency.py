"""Idempotency-Key for creating POSTs: replay the first answer, refuse a changed body."""
import datetime
import hashlib
import json
import uuid
from functools import wraps

from flask import current_app, g, request
from huey import crontab
from peewee import CharField, IntegerField, IntegrityError, TextField

from .db import BaseModel, Timestamp, utcnow
from .errors import ApiError, ValidationError
from .extensions import database
from .queue import periodic_task

TTL = datetime.timedelta(hours=24)
IN_FLIGHT_TIMEOUT = datetime.timedelta(seconds=60)
MAX_KEY_LENGTH = 255
# Namespace of ids derived from an Idempotency-Key (uuid5): fixed, so every process agrees.
DERIVED_ID_NAMESPACE = uuid.UUID("6f1f3f3e-52a4-4d7e-9a0e-2f5b0f7c9b11")


class IdempotencyKey(BaseModel):
    """One remembered request per (caller, key) for 24 h."""

    principal = CharField(max_length=80)
    key = CharField(max_length=MAX_KEY_LENGTH)
    request_hash = CharField(max_length=64)
    status_code = IntegerField(null=True)  # null while the first request is in flight
    response_body = TextField(null=True)
    response_headers = TextField(null=True)
    expires_at = Timestamp(index=True)

    class Meta:
        indexes = ((("principal", "key"), True),)


def _fingerprint():
    body = request.get_data(cache=True) or b""
    parsed = request.get_json(silent=True) if body.strip() else None  # the input rules apply
    if parsed is not None:
        # Same JSON, other spacing or key order, is the same request.
        body = json.dumps(parsed, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(b"%s %s\n%s" % (request.method.encode(), request.path.encode(), body)).hexdigest()


def _replay(row, on_replay=None):
    body = row.response_body
    if on_replay is not None and 200 <= row.status_code < 300:
        body = json.dumps(on_replay(json.loads(body)))
    response = current_app.response_class(body, status=row.status_code, mimetype="application/json")
    for name, value in json.loads(row.response_headers or "{}").items():
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _claim(principal, key, digest):
    """Insert the in-flight marker, or return the existing row for this key."""
    now = utcnow()
    # Expired rows go, and so do in-flight markers whose request died with its process (no
    # request runs for a minute): otherwise the key would answer IN_USE for a whole day.
    IdempotencyKey.delete().where(
        (IdempotencyKey.principal == principal) & (IdempotencyKey.key == key)
        & ((IdempotencyKey.expires_at < now)
           | (IdempotencyKey.status_code.is_null() & (IdempotencyKey.created_at < now - IN_FLIGHT_TIMEOUT)))
    ).execute()
    try:
        with database.atomic():
            IdempotencyKey.create(principal=principal, key=key, request_hash=digest, expires_at=now + TTL)
        return None
    except IntegrityError:
        return IdempotencyKey.get((IdempotencyKey.principal == principal) & (IdempotencyKey.key == key))


def idempotent(view=None, *, on_replay=None):
    """Decorator (inside `authorize`): honour `Idempotency-Key` on a creating POST.

    `on_replay(body) -> body` may freshen a replayed success (e.g. a new upload link).
    """
    if view is None:
        return lambda fn: idempotent(fn, on_replay=on_replay)

    @wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return view(*args, **kwargs)
        if not key or len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
            raise ValidationError({"Idempotency-Key": "Must be 1-255 printable ASCII characters."},
                                  "Idempotency-Key must be 1-255 printable ASCII characters")
        principal = g.principal.ident
        digest = _fingerprint()
        existing = _claim(principal, key, digest)
        if existing is not None:
            if existing.request_hash != digest:
                raise ApiError("IDEMPOTENCY_KEY_REUSED",
                               "This Idempotency-Key was used with a different request", 409)
            if existing.status_code is None:
                raise ApiError("IDEMPOTENCY_KEY_IN_USE",
                               "A request with this Idempotency-Key is still in progress", 409)
            return _replay(existing, on_replay)
        try:
            response = current_app.make_response(view(*args, **kwargs))
        except ApiError as error:
            response = error.response()
        except Exception:
            # Nothing was promised: let the client retry with the same key.
            _release(principal, key)
            raise
        if response.status_code >= 500:
            _release(principal, key)
            return response
        headers = {k: v for k, v in response.headers.items() if k in ("Location",)}
        (IdempotencyKey.update(status_code=response.status_code,
                               response_body=response.get_data(as_text=True),
                               response_headers=json.dumps(headers))
         .where((IdempotencyKey.principal == principal) & (IdempotencyKey.key == key)).execute())
        return response

    apidoc = dict(getattr(wrapper, "_apidoc", {}))
    manual = dict(apidoc.get("manual_doc", {}))
    manual["parameters"] = [*manual.get("parameters", []), IDEMPOTENCY_HEADER]
    conflict = manual.setdefault("responses", {}).get("409", {}).get("description")
    manual["responses"] = {**manual["responses"], "409": {"description": "; ".join(filter(None, (
        conflict, "`IDEMPOTENCY_KEY_REUSED` (same key, other body), `IDEMPOTENCY_KEY_IN_USE` (first still running)")))}}
    apidoc["manual_doc"] = manual
    wrapper._apidoc = apidoc
    return wrapper


IDEMPOTENCY_HEADER = {
    "in": "header", "name": "Idempotency-Key", "required": False,
    # Printable ASCII; HTTP drops a value's outer spaces, so it starts and ends with a visible one.
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH, "pattern": "^[!-~]([ -~]*[!-~])?$"},
    "description": "Replays the first answer (with `Idempotent-Replayed: true`) for 24 h when sent again "
                   "with the same body.",
}


def derived_id():
    """The id the row this request creates must have: one per (caller, Idempotency-Key, request).

    The in-flight marker is reclaimed after a minute, yet a slow request may still be running;
    a retry then derives the same id, and the row's primary key lets only one of them create.
    None without an Idempotency-Key.
    """
    key = request.headers.get("Idempotency-Key")
    if not key:
        return None
    return uuid.uuid5(DERIVED_ID_NAMESPACE, "%s\n%s\n%s" % (g.principal.ident, key, _fingerprint()))


def _release(principal, key):
    IdempotencyKey.delete().where((IdempotencyKey.principal == principal) & (IdempotencyKey.key == key)).execute()


@periodic_task(crontab(minute="7"))
def purge_expired():
    """Hourly: drop remembered requests past their 24 h."""
    return IdempotencyKey.delete().where(IdempotencyKey.expires_at < utcnow()).execute()
