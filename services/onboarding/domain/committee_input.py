"""What a welcome committee's contact must be, as the JSON API (PUT .../committee) and the
staff's village page both read it."""

import ipaddress
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, EmailStr, Field, HttpUrl


class CommitteeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(max_length=254)
    locale: Literal["fr", "en"]
    webhook_url: HttpUrl | None = Field(None, description="told of arrivals by a POST")


MAX_WEBHOOK_URL = 2000
LOOPBACK_NAMES = ("localhost", "localhost.localdomain")


def webhook_refusal(url: str, *, allow_private: bool) -> str | None:
    """Why a committee may not give this webhook URL (a key the page words), or None.
    https only, no credentials in it, never a loopback or private address, unless private
    webhooks are allowed (a test or an intranet deployment: then http and any host too).
    Notifications checks the addresses a name resolves to again on every call."""
    if len(url) > MAX_WEBHOOK_URL or any(c.isspace() or ord(c) < 32 for c in url):
        return "invalid"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return "invalid"
    scheme = parts.scheme.lower()
    if scheme != "https" and not (allow_private and scheme == "http"):
        return "https"
    if not parts.hostname:
        return "invalid"
    if parts.username is not None or parts.password is not None:
        return "credentials"
    if allow_private:
        return None
    host = parts.hostname.lower().rstrip(".")
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return "private"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return None if address.is_global and not address.is_multicast else "private"
