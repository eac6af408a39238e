"""Background tasks: huey tasks that run with the app's context and a pooled connection.

Tasks take ids and re-read rows, are safe to run twice, and are enqueued only after the
transaction that made their rows has committed (a worker must never see a row before it exists).
"""
import logging
from functools import wraps

from flask import current_app, has_app_context
from huey import crontab

from .extensions import database, huey

log = logging.getLogger(__name__)
_state = {"app": None}


def bind_app(app):
    """create_app binds the app it built, so tasks run in that process get its config and extensions."""
    _state["app"] = app


def current():
    """The app a task runs for: the request's in immediate mode, else the one create_app bound.

    The consumer loads `wsgi.huey`; importing wsgi builds the app, which binds itself here.
    """
    if has_app_context():
        return current_app._get_current_object()
    if _state["app"] is None:
        raise RuntimeError("No app is bound: build one with create_app() before running tasks")
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


def recovery_task(fn):
    """Every minute, and once as each worker starts: pick up what a killed worker left behind."""
    periodic = periodic_task(crontab(minute="*"))(fn)

    def on_startup():
        try:
            periodic.call_local()
        except Exception:  # the minute run will try again; a worker must still start
            log.exception("%s failed at worker startup", fn.__name__)

    huey.on_startup(name="%s.%s" % (fn.__module__, fn.__name__))(on_startup)
    return periodic


def setting(name):
    """A knob from the config of the app this code runs for (config.py reads RENDEROWL_*)."""
    return current().config[name]


def storage():
    """The configured storage provider."""
    return current().extensions["renderowl_storage"]
