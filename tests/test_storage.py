"""Storage providers: local signed links and streaming, and S3 against moto's real HTTP server."""
import io
import os
import uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from renderowl.errors import ApiError
from renderowl.storage import ObjectNotFound, UploadTarget, storage_from_config
from renderowl.storage.local import LocalStorage
from renderowl.storage.s3 import S3Storage
from tests.moto_s3 import start_moto_server

SECRET = "test-signing-secret"
PUBLIC_URL = "http://renderowl.test"
KEY = "projects/p1/assets/a1/original"


@pytest.fixture
def local(tmp_path):
    return LocalStorage(str(tmp_path / "storage"), public_url=PUBLIC_URL, secret=SECRET)


@pytest.fixture(scope="module")
def s3_endpoint():
    endpoint, stop = start_moto_server()
    yield endpoint
    stop()


@pytest.fixture
def s3(s3_endpoint):
    # A bucket per test keeps the shared server's state from leaking between tests.
    storage = S3Storage("bucket-" + uuid.uuid4().hex[:12], prefix="renderowl", endpoint_url=s3_endpoint, region="us-east-1")
    storage.ensure_bucket()
    return storage


def token_of(url, kind):
    prefix = "%s/storage/%s/" % (PUBLIC_URL, kind)
    assert url.startswith(prefix)
    return url[len(prefix):]


def leftovers(root):
    return sorted(os.path.join(d, f) for d, _, files in os.walk(root) for f in files)


def expect_error(code, status, fn, *args, **kwargs):
    with pytest.raises(ApiError) as caught:
        fn(*args, **kwargs)
    assert (caught.value.code, caught.value.status) == (code, status)
    return caught.value


# --- local: signed links ---------------------------------------------------------------


def test_sign_verify_roundtrip(local):
    expires_at = datetime.now(timezone.utc) + timedelta(minutes=5)
    token = local.sign({"key": KEY, "purpose": "upload", "assetId": "a1"}, expires_at)
    claims = local.verify(token)
    assert claims == {"key": KEY, "purpose": "upload", "assetId": "a1", "exp": int(expires_at.timestamp())}


def test_upload_target_binds_key_size_type_and_extra_claims(local):
    target = local.upload_target(KEY, 1234, "video/mp4", expires_in=900, claims={"assetId": "a1"})
    assert isinstance(target, UploadTarget)
    assert target.method == "PUT"
    assert target.headers == {"Content-Type": "video/mp4"}
    remaining = (target.expires_at - datetime.now(timezone.utc)).total_seconds()
    assert target.expires_at.tzinfo is not None and 895 < remaining <= 900
    claims = local.verify(token_of(target.url, "upload"), purpose="upload")
    assert claims["key"] == KEY and claims["size"] == 1234 and claims["contentType"] == "video/mp4"
    assert claims["assetId"] == "a1" and claims["purpose"] == "upload"
    assert claims["exp"] == int(target.expires_at.timestamp())


def test_upload_claims_cannot_override_bound_fields(local):
    with pytest.raises(ValueError):
        local.upload_target(KEY, 10, "video/mp4", claims={"size": 10**12})


def test_tampered_tokens_are_rejected(local):
    token = token_of(local.upload_target(KEY, 10, "video/mp4").url, "upload")
    payload, signature = token.split(".")
    forged = local.sign({"key": KEY, "size": 10**12, "contentType": "video/mp4", "purpose": "upload"},
                        datetime.now(timezone.utc) + timedelta(minutes=5))
    other_secret = LocalStorage("/nonexistent", PUBLIC_URL, "another-secret")
    bad = [
        forged.split(".")[0] + "." + signature,  # payload swapped
        payload + "." + signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB"),  # signature altered
        payload,  # signature dropped
        token + "x",
        "",
        "not-a-token",
        "é." + signature,
        token_of(other_secret.upload_target(KEY, 10, "video/mp4").url, "upload"),
    ]
    for candidate in bad:
        expect_error("UPLOAD_SIGNATURE_INVALID", 403, local.verify, candidate, purpose="upload")


def test_expired_token_is_rejected(local):
    token = local.sign({"key": KEY, "purpose": "upload"}, datetime.now(timezone.utc) - timedelta(seconds=1))
    expect_error("UPLOAD_EXPIRED", 403, local.verify, token, purpose="upload")


def test_signature_is_checked_before_expiry(local):
    token = local.sign({"key": KEY, "purpose": "upload"}, datetime.now(timezone.utc) - timedelta(seconds=1))
    expect_error("UPLOAD_SIGNATURE_INVALID", 403, local.verify, token[:-1] + ("A" if token[-1] != "A" else "B"))


def test_tokens_only_serve_their_own_purpose(local):
    upload_token = token_of(local.upload_target(KEY, 10, "video/mp4").url, "upload")
    expect_error("DOWNLOAD_SIGNATURE_INVALID", 403, local.verify, upload_token, purpose="download")
    download_token = token_of(local.download_url(KEY), "download")
    expect_error("UPLOAD_SIGNATURE_INVALID", 403, local.verify, download_token, purpose="upload")


def test_download_url_roundtrip_and_expiry(local):
    claims = local.verify(token_of(local.download_url(KEY, filename="clip één.mp4"), "download"), purpose="download")
    assert claims["key"] == KEY and claims["filename"] == "clip één.mp4" and claims["purpose"] == "download"
    assert "filename" not in local.verify(token_of(local.download_url(KEY), "download"), purpose="download")
    # Links end on a whole minute, at least their lifetime away (an expiry a minute back is past).
    expired = token_of(local.download_url(KEY, expires_in=-120), "download")
    expect_error("DOWNLOAD_EXPIRED", 403, local.verify, expired, purpose="download")


def test_a_download_link_is_the_same_for_its_minute(local, monkeypatch):
    import renderowl.storage.local as module
    clock = [1_800_000_000.0]  # 08:00:00 UTC, a whole minute
    monkeypatch.setattr(module.time, "time", lambda: clock[0])
    first = local.download_url(KEY, filename="a.mp4", content_type="video/mp4")
    assert local.verify(token_of(first, "download"), purpose="download")["exp"] == 1_800_000_000 + 3600
    clock[0] += 0.5  # 08:00:00.5: the next whole minute at or after an hour from now
    later = local.download_url(KEY, filename="a.mp4", content_type="video/mp4")
    claims = local.verify(token_of(later, "download"), purpose="download")
    assert claims["exp"] == 1_800_000_000 + 3660 and claims["filename"] == "a.mp4"
    clock[0] += 59  # the same minute: the same link, whatever a cache does
    assert local.download_url(KEY, filename="a.mp4", content_type="video/mp4") == later
    # Anything else that differs makes another link: the object, its name, its type, the lifetime.
    assert len({later, local.download_url(KEY, filename="b.mp4", content_type="video/mp4"),
                local.download_url(KEY, filename="a.mp4", content_type="video/webm"),
                local.download_url(KEY + "x", filename="a.mp4", content_type="video/mp4"),
                local.download_url(KEY, filename="a.mp4", content_type="video/mp4", expires_in=600)}) == 5
    clock[0] += 1  # 08:01:00.5: a new expiry minute, a new link
    assert local.download_url(KEY, filename="a.mp4", content_type="video/mp4") != later


# --- local: objects --------------------------------------------------------------------


def test_write_stream_writes_exact_bytes_atomically(local):
    data = os.urandom(300_000)
    assert local.write_stream(KEY, io.BytesIO(data), max_bytes=len(data), chunk_size=64 * 1024) == len(data)
    with open(local.path_for(KEY), "rb") as stored:
        assert stored.read() == data
    assert local.head(KEY) == len(data)
    assert leftovers(local.root) == [local.path_for(KEY)]


def test_write_stream_oversize_raises_413_and_leaves_nothing(local):
    error = expect_error("UPLOAD_TOO_LARGE", 413, local.write_stream, KEY, io.BytesIO(b"x" * 1001), 1000, 256)
    assert error.details == {"maxBytes": 1000}
    assert local.head(KEY) is None
    assert leftovers(local.root) == []


def test_failed_upload_keeps_the_previous_object(local):
    local.write_stream(KEY, io.BytesIO(b"old"), max_bytes=3)
    expect_error("UPLOAD_TOO_LARGE", 413, local.write_stream, KEY, io.BytesIO(b"new and too long"), 3)

    class Disconnecting(io.BytesIO):
        def read(self, size=-1):
            if self.tell():
                raise OSError("client went away")
            return super().read(2)

    with pytest.raises(OSError):
        local.write_stream(KEY, Disconnecting(b"abcdef"), max_bytes=6)
    with open(local.path_for(KEY), "rb") as stored:
        assert stored.read() == b"old"
    assert leftovers(local.root) == [local.path_for(KEY)]


@pytest.mark.parametrize("key", ["../etc/passwd", "projects/../../x", "/abs/key", "", "a\\b", "projects/p1/"])
def test_unsafe_keys_are_refused(local, key):
    with pytest.raises(ValueError):
        local.path_for(key)
    with pytest.raises(ValueError):
        local.upload_target(key, 1, "video/mp4")


def test_local_put_fetch_delete(local, tmp_path):
    source = tmp_path / "in.bin"
    source.write_bytes(b"hello world")
    local.put_file(KEY, str(source), "application/octet-stream")
    assert local.head(KEY) == 11
    local.fetch_to_file(KEY, str(tmp_path / "out.bin"))
    assert (tmp_path / "out.bin").read_bytes() == b"hello world"
    local.delete(KEY)
    local.delete(KEY)  # absent is fine
    assert local.head(KEY) is None
    with pytest.raises(ObjectNotFound):
        local.fetch_to_file(KEY, str(tmp_path / "out2.bin"))
    assert local.head("projects/p1/assets") is None  # a folder is not an object


def test_local_delete_prefix(local):
    keys = ["projects/p1/assets/a1/original", "projects/p1/assets/a1/thumbnail",
            "projects/p1/assets/a10/original", "projects/p2/assets/a1/original"]
    for key in keys:
        local.write_stream(key, io.BytesIO(b"data"), max_bytes=4)
    local.delete_prefix("projects/p1/assets/a1/")
    assert [local.head(k) for k in keys] == [None, None, 4, 4]
    local.delete_prefix("projects/p1/assets/a")  # string-prefix meaning, as on S3
    assert [local.head(k) for k in keys] == [None, None, None, 4]
    local.delete_prefix("projects/nope/")
    with pytest.raises(ValueError):
        local.delete_prefix("")


# --- configuration ---------------------------------------------------------------------


def test_storage_from_config(tmp_path, monkeypatch):
    def config(**values):
        base = dict(PUBLIC_URL=PUBLIC_URL, SIGNING_SECRET=None, MASTER_KEY="master",
                    S3_ENDPOINT_URL="http://127.0.0.1:9", S3_REGION="eu-west-1")
        return dict(base, **values)

    storage = storage_from_config(config(STORAGE_URL="file://" + str(tmp_path / "abs")))
    assert isinstance(storage, LocalStorage) and storage.root == str(tmp_path / "abs")
    # Falls back to the master key: a link signed with it verifies.
    by_master = LocalStorage(storage.root, PUBLIC_URL, "master")
    assert storage.verify(token_of(by_master.download_url(KEY), "download"), purpose="download")["key"] == KEY

    monkeypatch.chdir(tmp_path)
    storage = storage_from_config({"STORAGE_URL": "file://./var/storage", "PUBLIC_URL": PUBLIC_URL,
                                   "SIGNING_SECRET": SECRET})
    assert storage.root == os.path.realpath(str(tmp_path / "var" / "storage"))

    storage = storage_from_config(config(STORAGE_URL="s3://media-bucket/renderowl/prod"))
    assert isinstance(storage, S3Storage)
    assert (storage.bucket, storage.prefix) == ("media-bucket", "renderowl/prod")
    assert storage.client.meta.endpoint_url == "http://127.0.0.1:9"
    assert storage.client.meta.region_name == "eu-west-1"
    assert storage.object_key(KEY) == "renderowl/prod/" + KEY
    assert storage.key_for("renderowl/prod/" + KEY) == KEY and storage.key_for("elsewhere/x") is None

    for bad in ("ftp://host/x", "s3://", "file://"):
        with pytest.raises(ValueError):
            storage_from_config(config(STORAGE_URL=bad))


# --- S3 over moto's HTTP server --------------------------------------------------------


def test_s3_presigned_put_head_get_delete(s3):
    data = os.urandom(50_000)
    target = s3.upload_target(KEY, len(data), "video/mp4", expires_in=900)
    assert target.method == "PUT"
    assert target.headers == {"Content-Type": "video/mp4", "Content-Length": str(len(data))}
    remaining = (target.expires_at - datetime.now(timezone.utc)).total_seconds()
    assert 895 < remaining <= 900
    query = parse_qs(urlsplit(target.url).query)
    # Real S3 enforces what is signed: the length and type are part of the signature.
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert set(query["X-Amz-SignedHeaders"][0].split(";")) >= {"content-length", "content-type", "host"}
    assert urlsplit(target.url).path == "/%s/renderowl/%s" % (s3.bucket, KEY)

    assert s3.head(KEY) is None
    response = requests.put(target.url, data=data, headers=target.headers, timeout=10)
    assert response.status_code == 200, response.text
    assert s3.head(KEY) == len(data)

    response = requests.get(s3.download_url(KEY, expires_in=60), timeout=10)
    assert response.status_code == 200 and response.content == data
    response = requests.get(s3.download_url(KEY, filename='clip "one" é.mp4'), timeout=10)
    assert response.status_code == 200 and response.content == data
    assert response.headers["Content-Disposition"].startswith("attachment;")

    s3.delete(KEY)
    s3.delete(KEY)  # absent is fine
    assert s3.head(KEY) is None


def test_s3_size_mismatch_is_detectable_with_head(s3):
    declared = 1000
    target = s3.upload_target(KEY, declared, "video/mp4")
    headers = dict(target.headers, **{"Content-Length": "10"})
    response = requests.put(target.url, data=b"x" * 10, headers=headers, timeout=10)
    # Real S3 refuses this PUT (the signed length differs); moto, which these tests run on,
    # stores it. So the completion check cannot trust the PUT: `head` shows the mismatch.
    assert response.status_code == 200, response.text
    assert s3.head(KEY) == 10 != declared


def test_s3_put_fetch_and_missing(s3, tmp_path):
    source = tmp_path / "render.mp4"
    source.write_bytes(b"rendered bytes")
    s3.put_file("projects/p1/renders/r1/output.mp4", str(source), "video/mp4")
    assert s3.head("projects/p1/renders/r1/output.mp4") == 14
    head = s3.client.head_object(Bucket=s3.bucket, Key="renderowl/projects/p1/renders/r1/output.mp4")
    assert head["ContentType"] == "video/mp4"
    s3.fetch_to_file("projects/p1/renders/r1/output.mp4", str(tmp_path / "copy.mp4"))
    assert (tmp_path / "copy.mp4").read_bytes() == b"rendered bytes"
    with pytest.raises(ObjectNotFound):
        s3.fetch_to_file("projects/p1/renders/missing", str(tmp_path / "missing.mp4"))
    s3.ensure_bucket()  # idempotent


def test_s3_delete_prefix(s3, tmp_path):
    source = tmp_path / "blob"
    source.write_bytes(b"data")
    keys = ["projects/p1/assets/a1/original", "projects/p1/assets/a1/thumbnail",
            "projects/p1/assets/a10/original", "projects/p2/assets/a1/original"]
    keys += ["projects/p1/assets/a1/extra/%d" % i for i in range(5)]
    for key in keys:
        s3.put_file(key, str(source), "application/octet-stream")
    # Same name outside the configured prefix: must survive.
    s3.client.put_object(Bucket=s3.bucket, Key="projects/p1/assets/a1/original", Body=b"outside")

    s3.delete_prefix("projects/p1/assets/a1/")
    assert [s3.head(k) for k in keys[:4]] == [None, None, 4, 4]
    assert all(s3.head(k) is None for k in keys[4:])
    s3.delete_prefix("projects/p1/")
    assert s3.head("projects/p1/assets/a10/original") is None
    assert s3.head("projects/p2/assets/a1/original") == 4
    outside = s3.client.head_object(Bucket=s3.bucket, Key="projects/p1/assets/a1/original")
    assert outside["ContentLength"] == 7
    with pytest.raises(ValueError):
        s3.delete_prefix("")
