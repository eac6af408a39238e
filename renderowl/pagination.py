"""Keyset pagination: newest first by (created_at, id), opaque cursors."""
import base64
import datetime
import json
import uuid

import marshmallow as ma

from .errors import ValidationError


class ListArgsSchema(ma.Schema):
    """`limit` (1-100, default 20) and an opaque `cursor`."""

    class Meta:
        unknown = ma.EXCLUDE

    limit = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))
    cursor = ma.fields.String(load_default=None)


def encode_cursor(row):
    raw = json.dumps([row.created_at.isoformat(), str(row.id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor):
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created, ident = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return datetime.datetime.fromisoformat(created), uuid.UUID(ident)
    except (ValueError, TypeError, json.JSONDecodeError):
        raise ValidationError({"cursor": "Invalid cursor."})


def paginate(query, model, args):
    """One page of `query`, newest first; a row inserted meanwhile never shifts the pages."""
    limit = args.get("limit", 20)
    if args.get("cursor"):
        created, ident = decode_cursor(args["cursor"])
        query = query.where((model.created_at < created)
                            | ((model.created_at == created) & (model.id < ident)))
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
