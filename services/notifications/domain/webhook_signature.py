"""The `Soho-Signature` header of a webhook: `t=<unix seconds>,v1=<hex>` where the hex is
HMAC-SHA256, keyed with the committee's secret, of `<t>.<raw body>`. The receiver
recomputes it, compares in constant time, and refuses a `t` too far from its own clock
(a replayed request)."""

import hashlib
import hmac

HEADER = "Soho-Signature"


def sign(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(secret: str, header: str, body: bytes, now: int, tolerance: int = 300) -> bool:
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).rpartition("v1=")[2]
    return hmac.compare_digest(expected.encode(), parts.get("v1", "").encode())
