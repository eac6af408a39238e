"""Database setup: one model base and one connection policy for SQLite and PostgreSQL."""
import datetime
import os
import uuid
from urllib.parse import urlparse

from flask import g
from peewee import (SQL, BigIntegerField, CharField, DateTimeField, Function, IntegerField, JSONField, Model, Node,
                    PostgresqlDatabase, TextField, UUIDField)
from playhouse.db_url import connect
from peewee import InterfaceError, OperationalError
from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase
from playhouse.shortcuts import ReconnectMixin

from .errors import NotFound
from .extensions import database
from .substitution import PLACEHOLDER_RE

SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("busy_timeout", 10000),
    ("foreign_keys", 1),
    ("synchronous", "normal"),
)


def utcnow():
    """Naive UTC now; every timestamp is stored as UTC."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class PostgresPool(ReconnectMixin, PooledPostgresqlDatabase):
    """Pooled PostgreSQL without a `SELECT 1` round trip on every checkout.

    A connection the server dropped is noticed when a query fails on it, and that query is
    retried once on a fresh connection (only outside a transaction, where that is safe).
    """

    reconnect_errors = (
        (OperationalError, "server closed the connection"),
        (OperationalError, "terminating connection"),
        (OperationalError, "connection already closed"),
        (InterfaceError, "connection already closed"),
    )

    def _is_closed(self, conn):
        return bool(conn.closed) or self._adapter.txn_status(conn) == self._adapter.txn_unknown


def make_database(url, pool_size=8):
    """Build a pooled database from a playhouse.db_url URL.

    SQLite gets WAL, a busy timeout and `BEGIN IMMEDIATE` for every transaction so that
    concurrent writers queue on the lock instead of failing at commit time. PostgreSQL gets
    a connection pool: a request borrows a connection and gives it back, never opens one.
    """
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else parsed.path
        if path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)) or ".", exist_ok=True)
        return PooledSqliteDatabase(path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
                                    max_connections=pool_size, stale_timeout=300, timeout=30,
                                    check_same_thread=False)
    if parsed.scheme in ("postgres", "postgresql", "postgres+pool", "postgresql+pool"):
        base = connect(url.replace("+pool", "", 1))
        # timeout: past max_connections a thread waits for a free connection instead of failing.
        return PostgresPool(base.database, max_connections=pool_size, timeout=30,
                                        stale_timeout=300, **base.connect_params)
    return connect(url)


def is_postgres(db=None):
    """True when the bound database is PostgreSQL."""
    target = db or database.obj
    return isinstance(target, PostgresqlDatabase)


class Timestamp(DateTimeField):
    """UTC datetime stored with fixed microsecond precision, so text order is time order on SQLite."""

    def python_value(self, value):
        # What db_value wrote parses with fromisoformat; peewee's default tries strptime formats
        # one by one, the costliest step of reading a row from SQLite.
        if isinstance(value, str):
            try:
                return datetime.datetime.fromisoformat(value)
            except ValueError:
                pass
        return super().python_value(value)

    def db_value(self, value):
        if isinstance(value, datetime.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
            return value.strftime("%Y-%m-%d %H:%M:%S.%f")
        return super().db_value(value)


# Columns both drivers already hand back as the field's Python type (str, int): `from_row` keeps
# their values as they come instead of calling `python_value` (`str(v)`, `int(v)`) on each.
_DRIVER_TYPED = {CharField, TextField, IntegerField, BigIntegerField}


class BaseModel(Model):
    """UUID primary key and created/updated timestamps for every table."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    created_at = Timestamp(default=utcnow, index=True)
    updated_at = Timestamp(default=utcnow)

    class Meta:
        database = database
        legacy_table_names = False

    # (code, message) of the 404 for a missing row; each resource sets its own.
    NOT_FOUND = ("NOT_FOUND", "Resource not found")

    def save(self, *args, **kwargs):
        self.updated_at = utcnow()
        return super().save(*args, **kwargs)

    @classmethod
    def from_row(cls, values):
        """The model from a row of all its columns in `select()` order, as peewee builds it
        (no defaults, nothing dirty) without peewee's per-field attribute sets."""
        readers = cls.__dict__.get("_readers")
        if readers is None:
            readers = cls._readers = [
                (f.name, None if type(f) in _DRIVER_TYPED else f.python_value) for f in cls._meta.sorted_fields]
        obj = cls.__new__(cls)
        obj.__data__ = {name: v if read is None or v is None else read(v) for (name, read), v in zip(readers, values)}
        obj._dirty, obj.__rel__ = set(), {}
        return obj

    @classmethod
    def rows(cls, query):
        """The models `query` selects. A query of this model's own columns (no join, no chosen
        fields) runs with its column list compiled once per database kind and builds each row
        with `from_row`: peewee's compiling of ~20 columns and its per-row attribute sets are
        most of a list page's cost."""
        if query._joins or not query._is_default or query.model is not cls:
            return list(query)
        sql, params = query.select(_column_list(cls)).sql()
        return [cls.from_row(values) for values in database.execute_sql(sql, params).fetchall()]

    @classmethod
    def fetch(cls, ident):
        """The row with id `ident`, or None; compiled once per model (see Prepared), for hot paths."""
        statement = _BY_ID.get(cls) or _BY_ID.setdefault(cls, Prepared(lambda: cls.select().where(cls.id == Slot(cls.id))))
        rows = statement.rows(cls, id=ident)
        return rows[0] if rows else None

    @classmethod
    def scope(cls):
        """Conditions every scoped read of the model adds (a soft delete's "not deleted")."""
        return ()

    @classmethod
    def get_scoped(cls, ident, *conditions):
        """The row with id `ident` matching `conditions`, else 404 with the model's code.

        Rows of another project are simply not found: no existence leak.
        """
        try:
            ident = uuid.UUID(str(ident))
        except ValueError:
            raise NotFound(*cls.NOT_FOUND)
        row = cls.get_or_none(cls.id == ident, *conditions)
        if row is None:
            raise NotFound(*cls.NOT_FOUND)
        return row

    @classmethod
    def for_project(cls, project, ident):
        """The project's row `ident` (within `scope()`), else 404 with the model's code.

        Every keyed read runs this: a `Prepared` statement per model (compiled once per
        database kind, run with the two ids), its row made a model by `from_row` (building the
        query with peewee cost more than running it).
        """
        try:
            ident = uuid.UUID(str(ident))
        except ValueError:
            raise NotFound(*cls.NOT_FOUND)
        statement = _SCOPED.get(cls) or _SCOPED.setdefault(cls, Prepared(lambda: cls.select().where(
            cls.id == Slot(cls.id), cls.project == Slot(cls.project), *cls.scope()).limit(1)))
        rows = statement.rows(cls, id=ident, project=project.id)
        if not rows:
            raise NotFound(*cls.NOT_FOUND)
        return rows[0]

    @classmethod
    def check_reference(cls, project, ident):
        """An id a client stores for later (a template's `defaultVideo.assetId`, an automation
        action's `templateId`) must name a row of `project` now, else 404 with the model's code.

        Checked when written, so another project's id is refused like in a request that uses it
        at once; a `{{placeholder}}` passes, as it is looked up in the project where it is resolved.
        """
        if isinstance(ident, str) and PLACEHOLDER_RE.search(ident):
            return
        cls.for_project(project, ident)


_COLUMN_LISTS = {}


def _column_list(model):
    """`"t1"."id", "t1"."created_at", ...`: the model's columns as `select()` names them, compiled
    by peewee once per model and database kind."""
    db = database.obj
    compiled = _COLUMN_LISTS.get((model, type(db)))
    if compiled is None:
        sql, _ = db.get_sql_context().sql(model.select()).query()
        assert sql.startswith("SELECT ") and " FROM " in sql, sql
        compiled = _COLUMN_LISTS.setdefault((model, type(db)), SQL(sql[len("SELECT "):sql.index(" FROM ")]))
    return compiled


_SCOPED = {}  # model -> its for_project statement
_BY_ID = {}  # model -> its fetch statement


class Slot(Node):
    """Where a `Prepared` statement takes a value at each run, converted as `field` converts it."""

    def __init__(self, field, name=None):
        super().__init__()
        self.field, self.name = field, name or field.name
        self.convert = self._json if isinstance(field, JSONField) else field.db_value

    def _json(self, value):
        # A JSONField's value on SQLite is the SQL `json(?)` around the dumped text: a prepared
        # statement binds the text (the column is TEXT); on PostgreSQL it is a jsonb adapter.
        value = self.field.db_value(value)
        return value.arguments[0] if isinstance(value, Function) else value

    def __sql__(self, ctx):
        return ctx.value(_SlotParam(self), converter=False)


def row_slots(model, suffix=""):
    """Every column of `model` as a slot named after its field (plus `suffix`), for an INSERT of
    a whole row: run it with `row_values` of an instance (every column set, the defaults included)."""
    return {field: Slot(field, field.name + suffix) for field in model._meta.sorted_fields}


def row_values(instance, suffix=""):
    """The values of `instance`'s columns by the slot names `row_slots(model, suffix)` gives them."""
    return {name + suffix: value for name, value in instance.__data__.items()}


class _SlotParam:
    """A slot's place in a compiled statement's parameters."""

    __slots__ = ("slot",)

    def __init__(self, slot):
        self.slot = slot


class Prepared:
    """A statement built with peewee once and compiled once per database kind; each run binds
    its `Slot`s. Building and compiling a query costs peewee 150-250 us, running it on a local
    database a few: the event consumer's hot path runs a dozen per event.

    `build()` returns the query with a `Slot` wherever a value varies from run to run: anything
    else in it (a default peewee fills in, `utcnow()`) is frozen at the first compile.
    """

    def __init__(self, build):
        self._build = build
        self._compiled = {}

    def sql(self, db):
        """(sql, parameters) on `db`'s kind, the slots' places holding `_SlotParam`s."""
        compiled = self._compiled.get(type(db))
        if compiled is None:
            sql, params = db.get_sql_context().sql(self._build()).query()
            compiled = self._compiled.setdefault(type(db), (sql, params))
        return compiled

    def execute(self, **values):
        """Run with `values` by slot name; the cursor."""
        db = database.obj
        sql, params = self.sql(db)
        return db.execute_sql(sql, [p.slot.convert(values[p.slot.name]) if type(p) is _SlotParam else p
                                    for p in params])

    def rowcount(self, **values):
        """Run an UPDATE or DELETE; how many rows it changed."""
        return self.execute(**values).rowcount

    def rows(self, model, **values):
        """Run a `model.select()` (every column, in order): the rows as models."""
        return [model.from_row(row) for row in self.execute(**values).fetchall()]


def init_app(app):
    """Bind the proxy and borrow a pooled connection around each request."""
    database.initialize(make_database(app.config["DATABASE_URL"], app.config["DB_POOL_SIZE"]))

    @app.before_request
    def _open():
        # A context (not a bare connect) so nested connection_context() calls inside the
        # request, e.g. tasks run in immediate mode, don't close the request's connection.
        context = database.connection_context()
        try:
            context.__enter__()
        except (OperationalError, InterfaceError):
            # The database is down: /healthz reports it (503); other routes fail on first use.
            return
        g.db_context = context

    @app.teardown_request
    def _close(exc):
        ctx = g.pop("db_context", None)
        if ctx is not None:
            ctx.__exit__(None, None, None)


def locked(query):
    """`SELECT ... FOR UPDATE` on PostgreSQL; SQLite's BEGIN IMMEDIATE already serializes writers."""
    return query.for_update() if is_postgres() else query
