"""The delivery signature: what a receiver checks."""

from __future__ import annotations

import hashlib
import hmac

from babelwire.alerts.signing import signature, verify


def test_the_signature_is_hmac_sha256_of_time_dot_body():
    header = signature("s3cret", 1700000000, b'{"id":"dl-1"}')
    expected = hmac.new(b"s3cret", b'1700000000.{"id":"dl-1"}', hashlib.sha256).hexdigest()
    assert header == f"t=1700000000,v1={expected}"


def test_a_receiver_accepts_the_right_secret_and_body_only():
    body = b'{"id": "dl-1", "kind": "event.opened"}'
    header = signature("s3cret", 1700000000, body)
    assert verify("s3cret", header, body)
    assert not verify("other", header, body)
    assert not verify("s3cret", header, body.replace(b"opened", b"merged"))
    assert not verify("s3cret", header.replace("t=1700000000", "t=1700000001"), body)
    assert not verify("s3cret", "garbage", body)
