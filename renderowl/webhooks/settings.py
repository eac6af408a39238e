"""Delivery and engine knobs: app config first, then RENDEROWL_* environment, then defaults.

They are read at use time so a test config (or a consumer's environment) can shrink the
hours-long retry schedule to fractions of a second without touching config.py.
"""
import os

from flask import current_app, has_app_context

# Svix-like: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h after the first failure (about 17.6 h in all).
DEFAULT_RETRY_SCHEDULE = (5, 300, 1800, 7200, 18000, 36000)


def setting(name, default, cast=float):
    """`name` from the app config, else `RENDEROWL_<name>` from the environment, else default."""
    if has_app_context():
        value = current_app.config.get(name)
        if value is not None:
            return value
    raw = os.environ.get("RENDEROWL_" + name)
    if raw not in (None, ""):
        return cast(raw)
    return default


def retry_schedule():
    """Seconds to wait before each retry; its length is the number of retries."""
    return tuple(float(s) for s in setting(
        "WEBHOOK_RETRY_SCHEDULE", DEFAULT_RETRY_SCHEDULE,
        cast=lambda raw: [float(s) for s in raw.split(",") if s.strip()]))


def delivery_timeout():
    """Seconds an endpoint has to answer one delivery."""
    return float(setting("WEBHOOK_TIMEOUT_SECONDS", 15))


def delivery_lease():
    """Seconds an in-flight attempt is presumed alive; after that a dead worker's attempt is retried."""
    return float(setting("WEBHOOK_LEASE_SECONDS", 120))
