"""The embedded default: objects as files under one directory, reached through signed links."""
import base64
import binascii
import functools
import hashlib
import hmac
import json
import math
import os
import shutil
import stat
import tempfile
import time

import orjson

from renderowl.errors import ApiError
from .base import (DOWNLOAD_LINK_SECONDS, MEDIA_SOURCE_SECONDS, UPLOAD_LINK_SECONDS, ObjectNotFound, Storage, UploadTarget,
                   check_key, expiry)

CHUNK_SIZE = 256 * 1024  # small enough to keep a worker lean, large enough for disk speed
LINK_MINUTE = 60  # download links expire on a whole minute (see download_url)
LINK_CACHE_SIZE = 4096  # signed download links a process keeps for their minute (~1 MiB)
UPLOAD = "upload"
DOWNLOAD = "download"
# Claims the provider sets itself; callers' extra claims may not shadow them.
RESERVED_CLAIMS = frozenset({"key", "size", "contentType", "purpose", "exp", "filename"})


def _b64encode(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class LocalStorage(Storage):
    """Files under `root`; uploads and downloads go through this server's signed URLs."""

    instant_move = True

    def __init__(self, root, public_url, secret):
        self.root = os.path.realpath(root)
        self.public_url = (public_url or "").rstrip("/")
        # Derive a key of its own so a leaked link never exposes the master key's MAC,
        # and other HMAC uses of the same secret cannot be replayed as storage links.
        self._signing_key = (
            hmac.new(secret.encode("utf-8"), b"renderowl/storage-links/v1", hashlib.sha256).digest()
            if secret
            else None
        )
        # Per instance (an app has one): download links by (key, filename, type, expiry minute).
        self._download_link = functools.lru_cache(maxsize=LINK_CACHE_SIZE)(self._sign_download)

    # --- signed links -------------------------------------------------------------------

    def _mac(self, payload):
        if self._signing_key is None:
            raise RuntimeError("Set RENDEROWL_SIGNING_SECRET or RENDEROWL_MASTER_KEY to sign storage links")
        return hmac.new(self._signing_key, payload, hashlib.sha256).digest()

    def sign(self, claims, expires_at):
        """A compact token `base64url(JSON claims).base64url(HMAC-SHA256)` valid until `expires_at`."""
        return self._token(dict(claims, exp=int(expires_at.timestamp())))

    def _token(self, body):
        # orjson: claims are our own strings and integers, and the MAC covers the text as sent.
        payload = _b64encode(orjson.dumps(body, option=orjson.OPT_SORT_KEYS))
        return payload + "." + _b64encode(self._mac(payload.encode("ascii")))

    def verify(self, token, purpose=UPLOAD):
        """The token's claims if it is authentic, unexpired and minted for `purpose`."""
        code = purpose.upper()
        invalid = ApiError(code + "_SIGNATURE_INVALID", "The %s link's signature is invalid" % purpose, 403)
        try:
            payload, _, signature = token.partition(".")
            expected = _b64encode(self._mac(payload.encode("ascii"))).encode("ascii")
            given = signature.encode("utf-8")
        except (UnicodeError, AttributeError):
            raise invalid from None
        # Signature first: nothing in an unauthenticated payload (exp included) is trusted.
        # Comparing the encoded text, not decoded bytes, keeps one valid spelling per token.
        if not hmac.compare_digest(expected, given):
            raise invalid
        try:
            claims = json.loads(_b64decode(payload))
        except (binascii.Error, ValueError):
            raise invalid from None
        if not isinstance(claims, dict) or claims.get("purpose") != purpose:
            raise invalid
        if not isinstance(claims.get("exp"), int) or time.time() >= claims["exp"]:
            raise ApiError(code + "_EXPIRED", "The %s link has expired" % purpose, 403)
        return claims

    def upload_target(self, key, size_bytes, content_type, expires_in=UPLOAD_LINK_SECONDS, claims=None):
        """A signed `{public_url}/storage/upload/<token>` binding key, size and content type."""
        check_key(key)
        extra = dict(claims or {})
        clash = RESERVED_CLAIMS & extra.keys()
        if clash:
            raise ValueError("Upload claims may not override %s" % ", ".join(sorted(clash)))
        expires_at = expiry(expires_in)
        extra.update(key=key, size=int(size_bytes), contentType=content_type, purpose=UPLOAD)
        token = self.sign(extra, expires_at)
        return UploadTarget(
            url="%s/storage/upload/%s" % (self.public_url, token),
            headers={"Content-Type": content_type},
            expires_at=expires_at,
        )

    def download_url(self, key, expires_in=DOWNLOAD_LINK_SECONDS, filename=None, content_type=None):
        """A signed `{public_url}/storage/download/<token>`; the route serves `path_for(key)`.

        The link expires on the whole minute at or after `expires_in` from now, so an object's
        link stays the same for a minute: a client (or a browser showing thumbnails) polling a
        list gets URLs it can cache, and the worker signs each one once a minute, not per request.
        """
        check_key(key)
        exp = math.ceil((time.time() + int(expires_in)) / LINK_MINUTE) * LINK_MINUTE
        return self._download_link(key, filename or None, content_type or None, exp)

    def _sign_download(self, key, filename, content_type, exp):
        claims = {"key": key, "purpose": DOWNLOAD, "exp": exp}
        if filename:
            claims["filename"] = filename
        if content_type:
            claims["contentType"] = content_type
        return "%s/storage/download/%s" % (self.public_url, self._token(claims))

    # --- objects ------------------------------------------------------------------------

    def path_for(self, key):
        """The absolute file path that holds `key` (whether or not it exists yet)."""
        path = os.path.realpath(os.path.join(self.root, check_key(key)))
        # check_key already refuses "..", this also catches symlinks pointing outside.
        if os.path.commonpath([self.root, path]) != self.root or path == self.root:
            raise ValueError("Storage key %r resolves outside the storage root" % key)
        return path

    def _temp_beside(self, path):
        # Same directory as the target so the final os.replace is an atomic rename.
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, temp_path = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-", suffix=".part")
        return os.fdopen(fd, "wb"), temp_path

    def _commit(self, handle, temp_path, path):
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.replace(temp_path, path)

    def write_stream(self, key, stream, max_bytes, chunk_size=CHUNK_SIZE):
        """Stream `stream` into `key` atomically; 413 UPLOAD_TOO_LARGE past `max_bytes`."""
        path = self.path_for(key)
        handle, temp_path = self._temp_beside(path)
        written = 0
        try:
            while True:
                # Never read more than one byte past the limit: enough to know it was crossed.
                chunk = stream.read(min(chunk_size, max_bytes - written + 1))
                if not chunk:
                    break
                written += len(chunk)
                if written > max_bytes:
                    raise ApiError(
                        "UPLOAD_TOO_LARGE",
                        "The upload is larger than the declared %d bytes" % max_bytes,
                        413,
                        {"maxBytes": max_bytes},
                    )
                handle.write(chunk)
            self._commit(handle, temp_path, path)
        except BaseException:
            # Client disconnects, oversize bodies and crashes alike leave no partial object.
            handle.close()
            _remove(temp_path)
            raise
        return written

    def head(self, key):
        """The stored size, or None."""
        try:
            info = os.stat(self.path_for(key))
        except FileNotFoundError:
            return None
        return info.st_size if stat.S_ISREG(info.st_mode) else None

    def put_file(self, key, path, content_type):
        """Copy a local file in (temp file + rename, so readers never see half of it)."""
        target = self.path_for(key)
        handle, temp_path = self._temp_beside(target)
        try:
            with open(path, "rb") as source:
                shutil.copyfileobj(source, handle, CHUNK_SIZE)
            self._commit(handle, temp_path, target)
        except BaseException:
            handle.close()
            _remove(temp_path)
            raise

    def fetch_to_file(self, key, path):
        """Make the object readable at `path`: a hard link when on the same disk, else a copy.

        Objects are never changed in place (a write is a rename over them), so a link is as safe
        as a copy for a reader, and free for a 1 GiB video. Callers must only read `path`.
        """
        try:
            source = self.path_for(key)
            try:
                os.link(source, path)
            except OSError as exc:
                if isinstance(exc, FileNotFoundError):
                    raise
                shutil.copyfile(source, path)
        except FileNotFoundError:
            if self.head(key) is None:
                raise ObjectNotFound(key) from None
            raise

    def media_source(self, key, expires_in=MEDIA_SOURCE_SECONDS):
        """The object's own file: FFmpeg reads it in place."""
        path = self.path_for(key)
        if self.head(key) is None:
            raise ObjectNotFound(key)
        return path

    def delete(self, key):
        """Remove the object if present."""
        _remove(self.path_for(key))

    def move(self, source, target):
        """A rename: atomic, so a reader of `target` sees the old file or the new, never half."""
        destination = self.path_for(target)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        try:
            os.replace(self.path_for(source), destination)
        except FileNotFoundError:
            raise ObjectNotFound(source) from None

    def list_keys(self, prefix):
        """Keys of the files under `prefix` (temporary upload files excluded)."""
        check_key(prefix, prefix=True)
        folder = os.path.join(self.root, prefix.rsplit("/", 1)[0]) if "/" in prefix else self.root
        keys = []
        for base, _, names in os.walk(folder):
            for name in names:
                key = os.path.relpath(os.path.join(base, name), self.root).replace(os.sep, "/")
                if key.startswith(prefix) and not name.startswith(".tmp-"):
                    keys.append(key)
        return keys

    def delete_prefix(self, prefix):
        """Remove every object whose key starts with `prefix` (S3's string-prefix meaning)."""
        check_key(prefix, prefix=True)
        folder, start = os.path.split(os.path.join(self.root, prefix))
        folder = os.path.realpath(folder)
        if os.path.commonpath([self.root, folder]) != self.root:
            raise ValueError("Prefix %r resolves outside the storage root" % prefix)
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return
        for name in names:
            if not name.startswith(start):
                continue
            path = os.path.join(folder, name)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                _remove(path)


def _remove(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
