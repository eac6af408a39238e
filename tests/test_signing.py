"""Renderowl-Signature signing and verification."""
import hashlib
import hmac
import time

import pytest

from renderowl.signing import generate_secret, sign_payload, verify_webhook

SECRET = "whsec_" + "a" * 32
BODY = b'{"id":"evt_1","type":"render.completed"}'


def test_good_signature_verifies():
    assert verify_webhook(BODY, sign_payload(BODY, [SECRET]), SECRET)


def test_str_payload_verifies():
    assert verify_webhook(BODY.decode(), sign_payload(BODY, [SECRET]), SECRET)


def test_hmac_key_is_whole_secret_including_prefix():
    t = 1_700_000_000
    expected = hmac.new(SECRET.encode(), f"{t}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert sign_payload(BODY, [SECRET], timestamp=t) == f"t={t},v1={expected}"
    without_prefix = hmac.new(SECRET[6:].encode(), f"{t}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert without_prefix != expected


def test_tampered_body_fails():
    header = sign_payload(BODY, [SECRET])
    assert not verify_webhook(BODY.replace(b"completed", b"failed"), header, SECRET)


def test_wrong_secret_fails():
    assert not verify_webhook(BODY, sign_payload(BODY, [SECRET]), "whsec_other")


def test_stale_timestamp_fails():
    header = sign_payload(BODY, [SECRET], timestamp=int(time.time()) - 301)
    assert not verify_webhook(BODY, header, SECRET)
    assert verify_webhook(BODY, header, SECRET, tolerance=600)


def test_timestamp_within_tolerance_passes():
    assert verify_webhook(BODY, sign_payload(BODY, [SECRET], timestamp=int(time.time()) - 290), SECRET)


def test_future_timestamp_beyond_tolerance_fails():
    header = sign_payload(BODY, [SECRET], timestamp=int(time.time()) + 301)
    assert not verify_webhook(BODY, header, SECRET)


def test_rotation_two_secrets_either_verifies():
    old, new = generate_secret(), generate_secret()
    header = sign_payload(BODY, [old, new])
    assert header.count("v1=") == 2
    assert verify_webhook(BODY, header, old)
    assert verify_webhook(BODY, header, new)
    assert not verify_webhook(BODY, header, generate_secret())


def test_unknown_schemes_are_ignored():
    header = sign_payload(BODY, [SECRET]) + ",v0=deadbeef"
    assert verify_webhook(BODY, header, SECRET)


@pytest.mark.parametrize("header", [
    None, "", "garbage", "t=", "v1=abc", "t=abc,v1=abc", "t=1,t=2,v1=ab", ",,,",
    "t=-5,v1=00", "t=１２３,v1=00", "t=123,v1=ü", "t=123,v1=", "=,=", b"t=1,v1=2", 12345,
    "t=" + "9" * 5000 + ",v1=00", "t=99999999999999999999999999,v1=00",
])
def test_garbage_headers_return_false(header):
    assert verify_webhook(BODY, header, SECRET) is False


@pytest.mark.parametrize("secret", [None, "", 123])
def test_bad_secret_returns_false(secret):
    assert verify_webhook(BODY, sign_payload(BODY, [SECRET]), secret) is False


def test_garbage_payload_returns_false():
    assert verify_webhook(object(), sign_payload(BODY, [SECRET]), SECRET) is False


def test_generate_secret_shape():
    secret = generate_secret()
    assert secret.startswith("whsec_") and len(secret) == 6 + 32
    assert set(secret[6:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert generate_secret() != secret
    assert generate_secret(prefix="ras_").startswith("ras_")
