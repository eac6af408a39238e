"""Background tasks: huey tasks that run with the app's context and a pooled connection.

Tasks take ids and re-read rows, are safe to run twice, and are enqueued only after the
transaction that made their rows has committed (a worker must never see a row before it exists).
"""
from functools import wraps

from flask import current_app, has_app_context

from .extensions import database, huey

_state = {"app": None}


def bind_app(app):
    """Remember the app so tasks run in the consumer get its config and extensions."""
    _state["app"] = app


def current():
    """The app a task runs for: the request's in immediate mode, else the bound one."""
    if has_app_context():
        return current_app._get_current_object()
    if _state["app"] is None:
        from wsgi import app  # the consumer imports wsgi, so this is only a fallback
        bind_app(app)
    return _state["app"]


def _with_context(fn):
    @wraps(fn)
    def inner(*args, **kwargs):
        if has_app_context():
            with database.connection_context():
                return fn(*args, **kwargs)
        with current().app_context(), database.connection_context():
            return fn(*args, **kwargs)
    return inner


def task(**settings):
    """`@huey.task` with an app context and a database connection around each run."""
    def decorator(fn):
        return huey.task(**settings)(_with_context(fn))
    return decorator


def periodic_task(validate_datetime, **settings):
    """`@huey.periodic_task` with the same context handling."""
    def decorator(fn):
        return huey.periodic_task(validate_datetime, **settings)(_with_context(fn))
    return decorator


def storage():
    """The configured storage provider."""
    return current().extensions["renderowl_storage"]
