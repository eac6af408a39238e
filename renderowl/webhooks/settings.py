"""Delivery and engine knobs, from the app config (config.py reads RENDEROWL_* variables)."""
from ..queue import setting


def retry_schedule():
    """Seconds to wait before each retry; its length is the number of retries."""
    return tuple(float(s) for s in setting("WEBHOOK_RETRY_SCHEDULE"))


def delivery_timeout():
    """Seconds an endpoint has to answer one delivery."""
    return float(setting("WEBHOOK_TIMEOUT_SECONDS"))


def delivery_lease():
    """Seconds an in-flight attempt is presumed alive; after that a dead worker's attempt is retried."""
    return float(setting("WEBHOOK_LEASE_SECONDS"))
