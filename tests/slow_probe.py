"""`huey_consumer tests.slow_probe.huey`: the real consumer, each probe held first for
$SLOW_PROBE_SECONDS, so a fault test can kill a worker while an asset is `processing`.

The hook lives here, in the tests: production code carries none.
"""
import os
import time

from renderowl.assets import tasks
from wsgi import app, huey  # noqa: F401  (the consumer loads `huey` from here)

_probe = tasks.probe


def _slow_probe(path):
    time.sleep(float(os.environ.get("SLOW_PROBE_SECONDS", "60")))
    return _probe(path)


tasks.probe = _slow_probe
