"""Keyset pagination: newest first by (created_at, id), opaque cursors."""
import datetime
import re
import uuid

import marshmallow as ma
from peewee import Tuple

from .errors import ValidationError
from .schema_fields import FullMatch, ResponseSchema


# A cursor is the row's created_at (microseconds since 1970, 13 hex digits: until 2112) and its
# id (32 hex digits). Every string of this form decodes, and nothing else does, so the OpenAPI
# pattern is exactly what the server takes.
CURSOR_PATTERN = r"^[0-9a-f]{45}$"
_EPOCH = datetime.datetime(1970, 1, 1)
_MICROSECOND = datetime.timedelta(microseconds=1)


class ListArgsSchema(ma.Schema):
    """`limit` (1-100, default 20) and an opaque `cursor`."""

    class Meta:
        unknown = ma.EXCLUDE

    limit = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))
    cursor = ma.fields.String(validate=FullMatch(CURSOR_PATTERN, error="Invalid cursor."), metadata={
        "description": "`nextCursor` of the previous page, as it was handed out (opaque)."})


def encode_cursor(row):
    micros = (row.created_at - _EPOCH) // _MICROSECOND
    return "%013x%s" % (micros, row.id.hex if isinstance(row.id, uuid.UUID) else uuid.UUID(str(row.id)).hex)


def decode_cursor(cursor):
    """(created_at, id) from a cursor; anything but `CURSOR_PATTERN` is 400, never a 500."""
    if not isinstance(cursor, str) or re.fullmatch(CURSOR_PATTERN, cursor) is None:
        raise ValidationError({"cursor": "Invalid cursor."})
    return _EPOCH + int(cursor[:13], 16) * _MICROSECOND, uuid.UUID(cursor[13:])


def paginate(query, model, args):
    """One page of `query`, newest first; a row inserted meanwhile never shifts the pages."""
    limit = args.get("limit", 20)
    if args.get("cursor"):
        created, ident = decode_cursor(args["cursor"])
        # A row-value comparison, not `a < x OR (a = x AND id < y)`: with the (owner, created_at,
        # id) index both databases seek straight to the cursor instead of scanning from the top.
        query = query.where(Tuple(model.created_at, model.id)
                            < Tuple(model.created_at.db_value(created), model.id.db_value(ident)))
    rows = model.rows(query.order_by(model.created_at.desc(), model.id.desc()).limit(limit + 1))
    has_more = len(rows) > limit
    rows = rows[:limit]
    return {"data": rows, "nextCursor": encode_cursor(rows[-1]) if has_more else None, "hasMore": has_more}


def page_schema(item_schema, name):
    """The `{data, nextCursor, hasMore}` envelope for a list of `item_schema`."""
    return ResponseSchema.from_dict({
        "data": ma.fields.List(ma.fields.Nested(item_schema)),
        "nextCursor": ma.fields.String(allow_none=True),
        "hasMore": ma.fields.Boolean(),
    }, name=name)
