"""The storage interface every provider implements, and the rules on keys and link lifetimes."""
import abc
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone


class ObjectNotFound(LookupError):
    """The key names no stored object."""


@dataclass(frozen=True)
class UploadTarget:
    """Where and how a client sends an object's bytes, and until when."""

    url: str
    headers: dict = field(default_factory=dict)
    expires_at: datetime = None
    method: str = "PUT"


@dataclass(frozen=True)
class ObjectInfo:
    """What the store knows of an object: its size and, where the store keeps one, its type."""

    size: int
    content_type: str = None


def check_key(key, prefix=False):
    """Return `key` if it is a safe relative object key, else raise ValueError."""
    if not isinstance(key, str) or not key:
        raise ValueError("Storage key must be a non-empty string")
    # Keys become file paths for the local provider, so anything that could
    # climb out of the root or name a directory is refused up front.
    if key.startswith("/") or ".." in key or "\\" in key or "\x00" in key:
        raise ValueError("Storage key %r is not allowed" % key)
    if not prefix and key.endswith("/"):
        raise ValueError("Storage key %r names a folder, not an object" % key)
    return key


# Link lifetimes, in seconds: the one place they are set. Upload links are short (the client
# PUTs right away); download links last long enough for a slow client or webhook consumer.
UPLOAD_LINK_SECONDS = 15 * 60
DOWNLOAD_LINK_SECONDS = 60 * 60
# FFmpeg reads a stored input through a link that only has to outlive opening it.
MEDIA_SOURCE_SECONDS = 5 * 60


def expiry(expires_in):
    """The UTC expiry `expires_in` seconds from now, whole seconds like the signed claim."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    return now + timedelta(seconds=int(expires_in))


class Storage(abc.ABC):
    """An object store addressed by keys like `projects/<p>/assets/<a>/original`."""

    # True when `move` is a rename that costs nothing whatever the size (a request may do it).
    instant_move = False

    @abc.abstractmethod
    def upload_target(self, key, size_bytes, content_type, expires_in=UPLOAD_LINK_SECONDS, claims=None):
        """A URL the client PUTs exactly `size_bytes` of `content_type` to."""

    @abc.abstractmethod
    def head(self, key):
        """The stored size in bytes, or None when there is no object."""

    def stat(self, key):
        """ObjectInfo of the object, or None when there is none."""
        size = self.head(key)
        return None if size is None else ObjectInfo(size)

    @abc.abstractmethod
    def download_url(self, key, expires_in=DOWNLOAD_LINK_SECONDS, filename=None, content_type=None):
        """An expiring URL that serves the object as an attachment (named `filename`, else the
        key's last part) of `content_type`, so a browser never renders it in place."""

    @abc.abstractmethod
    def move(self, source, target):
        """Put the object `source` at `target` (replacing it) and remove `source`."""

    @abc.abstractmethod
    def list_keys(self, prefix):
        """Every key that starts with `prefix` (for sweeps; not for request paths)."""

    @abc.abstractmethod
    def put_file(self, key, path, content_type):
        """Store the local file at `path` under `key`."""

    @abc.abstractmethod
    def fetch_to_file(self, key, path):
        """Copy the object to the local `path`; ObjectNotFound when absent."""

    def media_source(self, key, expires_in=MEDIA_SOURCE_SECONDS):
        """Where FFmpeg can read the object, seeking without fetching it all: a short-lived URL."""
        return self.download_url(key, expires_in=expires_in)

    @abc.abstractmethod
    def delete(self, key):
        """Remove the object; absent objects are not an error."""

    @abc.abstractmethod
    def delete_prefix(self, prefix):
        """Remove every object whose key starts with `prefix`."""
