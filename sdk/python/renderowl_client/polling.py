"""Waiting for background work (asset probing, renders) by polling, with a deadline."""
import time

from .errors import WaitTimeoutError


def poll(fetch, done, timeout, interval, on_progress=None, what="the resource"):
    """Call `fetch()` until `done(result)`; `on_progress(result)` after each poll."""
    deadline = time.monotonic() + timeout
    while True:
        current = fetch()
        if on_progress is not None:
            on_progress(current)
        if done(current):
            return current
        if time.monotonic() + interval > deadline:
            raise WaitTimeoutError("timed out after %ss waiting for %s" % (timeout, what), current)
        time.sleep(interval)
