"""Keyset pagination: newest first by (created_at, id), opaque cursors."""
import base64
import datetime
import json
import uuid

import marshmallow as ma
from peewee import Tuple

from .errors import ValidationError


class ListArgsSchema(ma.Schema):
    """`limit` (1-100, default 20) and an opaque `cursor`."""

    class Meta:
        unknown = ma.EXCLUDE

    limit = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))
    cursor = ma.fields.String(load_default=None, validate=ma.validate.Length(max=200))


def encode_cursor(row):
    raw = json.dumps([row.created_at.isoformat(), str(row.id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor):
    """(created_at, id) from a cursor this server made; anything else is 400, never a 500.

    The cursor is opaque but not signed, so a client may hand back any base64: every part is
    checked for its type before it reaches a query.
    """
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        parts = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not (isinstance(parts, list) and len(parts) == 2 and all(isinstance(p, str) for p in parts)):
            raise ValueError("not [timestamp, id]")
        created = datetime.datetime.fromisoformat(parts[0])
        if created.tzinfo is not None:
            raise ValueError("cursor timestamps are naive UTC")
        return created, uuid.UUID(parts[1])
    except (ValueError, TypeError, RecursionError):
        raise ValidationError({"cursor": "Invalid cursor."}) from None


def paginate(query, model, args):
    """One page of `query`, newest first; a row inserted meanwhile never shifts the pages."""
    limit = args.get("limit", 20)
    if args.get("cursor"):
        created, ident = decode_cursor(args["cursor"])
        # A row-value comparison, not `a < x OR (a = x AND id < y)`: with the (owner, created_at,
        # id) index both databases seek straight to the cursor instead of scanning from the top.
        query = query.where(Tuple(model.created_at, model.id)
                            < Tuple(model.created_at.db_value(created), model.id.db_value(ident)))
    rows = list(query.order_by(model.created_at.desc(), model.id.desc()).limit(limit + 1))
    has_more = len(rows) > limit
    rows = rows[:limit]
    return {"data": rows, "nextCursor": encode_cursor(rows[-1]) if has_more else None, "hasMore": has_more}


def page_schema(item_schema, name):
    """The `{data, nextCursor, hasMore}` envelope for a list of `item_schema`."""
    return ma.Schema.from_dict({
        "data": ma.fields.List(ma.fields.Nested(item_schema)),
        "nextCursor": ma.fields.String(allow_none=True),
        "hasMore": ma.fields.Boolean(),
    }, name=name)
