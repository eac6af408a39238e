"""Requests gunicorn refuses before the app sees them answer the JSON envelope too.

gunicorn writes its own HTML page for a request line over `limit_request_line` (414), headers
over their limits (431) or a malformed request (400). The contract promises the envelope on
every answer, so `gunicorn.conf.py` swaps gunicorn's one writer of those pages for this one.
"""
import json

from gunicorn import util

from .errors import GUNICORN_CODES


def write_json_error(sock, status_int, reason, mesg):
    """gunicorn's `util.write_error`, answering `{"error": {code, message}}`."""
    body = json.dumps({"error": {"code": GUNICORN_CODES.get(status_int, "BAD_REQUEST" if status_int < 500 else "INTERNAL_ERROR"),
                                 "message": reason + (": " + mesg if mesg else "")}}).encode()
    head = ("HTTP/1.1 %d %s\r\nConnection: close\r\nContent-Type: application/json\r\n"
            "Content-Length: %d\r\n\r\n" % (status_int, reason, len(body))).encode("latin1")
    util.write_nonblock(sock, head + body)


def install():
    util.write_error = write_json_error
