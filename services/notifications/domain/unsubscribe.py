"""Unsubscribe links: a token naming the address and the kind of message ("stream"),
signed so that nobody can unsubscribe someone else. The address is never stored in
clear by the suppression list, only its hash."""

import base64
import hashlib
import hmac
import json

PURPOSE = b"soho-notifications-unsubscribe"


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), PURPOSE, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_token(secret: str, address: str, stream: str) -> str:
    body = _b64(json.dumps({"a": address, "s": stream}, separators=(",", ":")).encode())
    signature = _b64(hmac.new(_key(secret), body.encode(), hashlib.sha256).digest()[:16])
    return f"{body}.{signature}"


def read_token(secret: str, token: str) -> tuple[str, str] | None:
    """(address, stream), or None when the token is malformed or not ours."""
    body, _, signature = token.partition(".")
    expected = _b64(hmac.new(_key(secret), body.encode(), hashlib.sha256).digest()[:16])
    if not signature or not hmac.compare_digest(expected.encode(), signature.encode()):
        return None
    try:
        claims = json.loads(_unb64(body))
        return str(claims["a"]), str(claims["s"])
    except (ValueError, KeyError, TypeError):
        return None


def address_hash(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()
