"""Where asset and render bytes live: one small interface (base.py), a local and an S3 provider."""
import os
from urllib.parse import urlsplit

from .base import (DOWNLOAD_LINK_SECONDS, UPLOAD_LINK_SECONDS, ObjectInfo, ObjectNotFound, Storage, UploadTarget,
                   check_key, expiry)
from .local import LocalStorage

__all__ = ["DOWNLOAD_LINK_SECONDS", "UPLOAD_LINK_SECONDS", "ObjectInfo", "ObjectNotFound", "Storage", "UploadTarget",
           "check_key", "expiry", "storage_from_config"]


def storage_from_config(config):
    """Build the provider named by `config["STORAGE_URL"]` (`file://...` or `s3://bucket[/prefix]`).

    `config` is the app's config mapping (create_app passes `app.config`)."""
    url = config.get("STORAGE_URL")
    if not url:
        raise ValueError("STORAGE_URL is not set")
    parts = urlsplit(url)
    if parts.scheme == "file":
        # file:///abs/path has an empty netloc; file://./rel puts "." in the netloc.
        root = (parts.netloc + parts.path) if parts.netloc else parts.path
        if not root:
            raise ValueError("STORAGE_URL %r names no directory" % url)
        return LocalStorage(
            os.path.abspath(root),
            public_url=config.get("PUBLIC_URL"),
            secret=config.get("SIGNING_SECRET") or config.get("MASTER_KEY"),
        )
    if parts.scheme == "s3":
        if not parts.netloc:
            raise ValueError("STORAGE_URL %r names no bucket" % url)
        from .s3 import S3Storage  # boto3 loads only where S3 is configured

        return S3Storage(
            parts.netloc,
            prefix=parts.path.strip("/"),
            endpoint_url=config.get("S3_ENDPOINT_URL"),
            region=config.get("S3_REGION"),
        )
    raise ValueError("Unsupported STORAGE_URL scheme %r (use file:// or s3://)" % parts.scheme)
