"""`assets.upload`: create the asset, PUT its bytes to the signed URL, complete, optionally wait."""
import io
import os

import requests

from .errors import NetworkError, RequestTimeoutError, error_for

CHUNK = 256 * 1024


class _ProgressReader:
    """A file-like body of known length that reports bytes as requests/http.client reads them."""

    def __init__(self, stream, total, on_progress):
        self._stream, self._total, self._on_progress = stream, total, on_progress
        self._loaded = 0

    def __len__(self):
        return self._total - self._loaded

    def read(self, size=-1):
        chunk = self._stream.read(CHUNK if size is None or size < 0 else min(size, CHUNK))
        if chunk:
            self._loaded += len(chunk)
            if self._on_progress:
                self._on_progress({"phase": "uploading", "loaded": self._loaded, "total": self._total})
        return chunk


def open_source(source, size_bytes=None):
    """(binary stream, size, close?) for bytes, a path or a binary file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return io.BytesIO(data), len(data), True
    if isinstance(source, (str, os.PathLike)):
        return open(source, "rb"), os.path.getsize(source), True
    if hasattr(source, "read"):
        if size_bytes is None:
            try:
                start = source.tell()
                size_bytes = source.seek(0, io.SEEK_END) - start
                source.seek(start)
            except (OSError, AttributeError, ValueError):
                data = source.read()  # a pipe or socket: its size is only known once read
                return io.BytesIO(data), len(data), True
        return source, int(size_bytes), False
    raise TypeError("upload takes bytes, a path or a binary file object, not %s" % type(source).__name__)


def put_bytes(created, stream, size, timeout, on_progress=None):
    """PUT the bytes to `uploadUrl` with the `uploadHeaders` the server signed (no API key)."""
    headers = dict(created.get("uploadHeaders") or {})
    headers["Content-Length"] = str(size)
    if on_progress:
        on_progress({"phase": "uploading", "loaded": 0, "total": size})
    try:
        resp = requests.request(created.get("uploadMethod") or "PUT", created["uploadUrl"],
                                data=_ProgressReader(stream, size, on_progress), headers=headers, timeout=timeout)
    except requests.Timeout as exc:
        raise RequestTimeoutError("upload: no answer within %ss" % timeout) from exc
    except requests.RequestException as exc:
        raise NetworkError("upload: %s" % exc) from exc
    if resp.status_code >= 400:
        try:
            body = resp.json()
        except ValueError:
            body = None
        raise error_for(resp.status_code, body, resp.headers.get("X-Request-Id"), resp.headers)
