"""Telling people from bots on the public form, without tracking anyone or a CAPTCHA.

- a honeypot: a field hidden from people (and from screen readers) that bots fill in;
- a minimum fill time: the form carries a signed token of when it was served; a submission
  faster than a person can type, or with a token that is missing or forged, is a bot.
A bot is answered exactly as a person is (the same confirmation), so it learns nothing."""

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

HONEYPOT_FIELD = "website"
TOKEN_FIELD = "form_token"


@dataclass(frozen=True)
class FormToken:
    served_at: float
    nonce: str  # also names the submission for idempotency (a double click sends once)


def _signature(secret: str, payload: str) -> str:
    digest = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def issue_token(secret: str, now: float | None = None) -> str:
    payload = f"{(now if now is not None else time.time()):.3f}.{secrets.token_urlsafe(12)}"
    return f"{payload}.{_signature(secret, payload)}"


def read_token(secret: str, token: str) -> FormToken | None:
    """The token's contents if we signed it, else None."""
    parts = token.split(".")
    if len(parts) != 4 or len(token) > 200:
        return None
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(_signature(secret, payload), parts[3]):
        return None
    try:
        return FormToken(float(f"{parts[0]}.{parts[1]}"), parts[2])
    except ValueError:
        return None


def looks_like_a_bot(form: dict[str, str], secret: str, min_seconds: float,
                     now: float | None = None) -> bool:
    if form.get(HONEYPOT_FIELD, "").strip():
        return True
    token = read_token(secret, form.get(TOKEN_FIELD, ""))
    if token is None:
        return True
    elapsed = (now if now is not None else time.time()) - token.served_at
    return elapsed < min_seconds
