"""The signature every delivery carries, and how a receiver checks it.

    X-Babelwire-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">

keyed with the subscription's secret. The time is inside what is signed, so
a receiver that also refuses old `t` (say, over five minutes) cannot be
replayed a captured delivery.
"""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-Babelwire-Signature"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The header's value for `body` sent at `timestamp`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(secret: str, header: str, body: bytes) -> bool:
    """Whether `header` signs `body` with `secret` (what a receiver does)."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    if not parts.get("t", "").isdigit() or "v1" not in parts:
        return False
    expected = signature(secret, int(parts["t"]), body).split("v1=")[1]
    return hmac.compare_digest(expected, parts["v1"])
