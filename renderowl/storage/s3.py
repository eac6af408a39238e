"""Objects in any S3-compatible service (AWS, MinIO, moto); clients talk to it directly."""
from urllib.parse import quote

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from .base import DOWNLOAD_LINK_SECONDS, UPLOAD_LINK_SECONDS, ObjectInfo, ObjectNotFound, Storage, UploadTarget, check_key, expiry

MISSING_CODES = frozenset({"404", "NoSuchKey", "NotFound", "NoSuchBucket"})
DELETE_BATCH = 1000  # the most keys one DeleteObjects call accepts


def _missing(error):
    return error.response.get("Error", {}).get("Code") in MISSING_CODES


def content_disposition(filename):
    """An `attachment` header value that survives non-ASCII names (RFC 6266)."""
    fallback = filename.encode("ascii", "replace").decode("ascii").replace('"', "'").replace("\\", "_")
    return "attachment; filename=\"%s\"; filename*=UTF-8''%s" % (fallback, quote(filename, safe=""))


class S3Storage(Storage):
    """Objects under `prefix` in `bucket`; uploads and downloads are presigned SigV4 URLs."""

    def __init__(self, bucket, prefix="", endpoint_url=None, region=None, client=None):
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        # Path-style addressing works with MinIO/moto on bare hosts, where bucket
        # subdomains do not resolve; SigV4 is what every current service accepts.
        self.client = client or boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def object_key(self, key):
        """The bucket key for a storage key (the configured prefix prepended)."""
        check_key(key)
        return "%s/%s" % (self.prefix, key) if self.prefix else key

    def key_for(self, object_key):
        """The storage key for a bucket key (as in an S3 event), or None if outside the prefix."""
        if not self.prefix:
            return object_key
        head = self.prefix + "/"
        return object_key[len(head):] if object_key.startswith(head) else None

    def upload_target(self, key, size_bytes, content_type, expires_in=UPLOAD_LINK_SECONDS, claims=None):
        """A presigned PUT whose signature covers the key, Content-Type and Content-Length."""
        # `claims` have nowhere to go in a presigned URL; the server maps the key back instead.
        expires_at = expiry(expires_in)
        url = self.client.generate_presigned_url(
            "put_object",
            Params={
                "Bucket": self.bucket,
                "Key": self.object_key(key),
                "ContentType": content_type,
                "ContentLength": int(size_bytes),
            },
            ExpiresIn=int(expires_in),
            HttpMethod="PUT",
        )
        return UploadTarget(
            url=url,
            headers={"Content-Type": content_type, "Content-Length": str(int(size_bytes))},
            expires_at=expires_at,
        )

    def head(self, key):
        """The stored size, or None."""
        info = self.stat(key)
        return None if info is None else info.size

    def stat(self, key):
        """Size and the Content-Type the object was stored with, or None."""
        try:
            response = self.client.head_object(Bucket=self.bucket, Key=self.object_key(key))
        except ClientError as error:
            if _missing(error):
                return None
            raise
        return ObjectInfo(response["ContentLength"], response.get("ContentType"))

    def download_url(self, key, expires_in=DOWNLOAD_LINK_SECONDS, filename=None, content_type=None):
        """A presigned GET that S3 answers as an attachment of the declared type, whatever the
        object was stored with (the same headers as local links)."""
        params = {"Bucket": self.bucket, "Key": self.object_key(key),
                  "ResponseContentDisposition": content_disposition(filename or key.rsplit("/", 1)[-1])}
        if content_type:
            params["ResponseContentType"] = content_type
        return self.client.generate_presigned_url("get_object", Params=params, ExpiresIn=int(expires_in))

    def move(self, source, target):
        """Server-side copy (multipart for big objects, by boto3), then delete the source."""
        try:
            self.client.copy({"Bucket": self.bucket, "Key": self.object_key(source)}, self.bucket,
                             self.object_key(target))
        except ClientError as error:
            if _missing(error):
                raise ObjectNotFound(source) from None
            raise
        self.delete(source)

    def list_keys(self, prefix):
        """Storage keys (the configured prefix removed) of every object under `prefix`."""
        check_key(prefix, prefix=True)
        full = "%s/%s" % (self.prefix, prefix) if self.prefix else prefix
        keys = []
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=full):
            keys.extend(self.key_for(item["Key"]) for item in page.get("Contents", []))
        return keys

    def put_file(self, key, path, content_type):
        """Upload a local file (multipart for big files, handled by boto3)."""
        self.client.upload_file(path, self.bucket, self.object_key(key), ExtraArgs={"ContentType": content_type})

    def fetch_to_file(self, key, path):
        """Download the object to `path`."""
        try:
            self.client.download_file(self.bucket, self.object_key(key), path)
        except ClientError as error:
            if _missing(error):
                raise ObjectNotFound(key) from None
            raise

    def delete(self, key):
        """Remove the object; S3 itself treats a missing key as success."""
        self.client.delete_object(Bucket=self.bucket, Key=self.object_key(key))

    def delete_prefix(self, prefix):
        """Remove every object whose key starts with `prefix`."""
        check_key(prefix, prefix=True)
        full = "%s/%s" % (self.prefix, prefix) if self.prefix else prefix
        paginator = self.client.get_paginator("list_objects_v2")
        # Each listed page holds at most 1000 keys, exactly one DeleteObjects batch.
        for page in paginator.paginate(Bucket=self.bucket, Prefix=full, PaginationConfig={"PageSize": DELETE_BATCH}):
            objects = [{"Key": item["Key"]} for item in page.get("Contents", [])]
            if not objects:
                continue
            response = self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": objects, "Quiet": True})
            errors = [e for e in response.get("Errors", []) if e.get("Code") != "NoSuchKey"]
            if errors:
                raise RuntimeError("S3 refused to delete %d object(s): %s" % (len(errors), errors[0]))

    def ensure_bucket(self):
        """Create the bucket if it does not exist yet (dev and tests)."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
            return
        except ClientError as error:
            if not _missing(error):
                raise
        region = self.client.meta.region_name
        kwargs = {"Bucket": self.bucket}
        # us-east-1 is the one region that rejects an explicit LocationConstraint.
        if region and region != "us-east-1":
            kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
        self.client.create_bucket(**kwargs)
