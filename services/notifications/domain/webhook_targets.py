"""Which webhook URLs may be called: http(s) only, and never an address inside the
platform's network (loopback, private, link-local, multicast...) unless allowed, so that a
committee's URL cannot be used to reach internal services (SSRF)."""

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2000


class RefusedTarget(ValueError):
    """This URL or address is not one the service will call."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int


def parse_target(url: str) -> Target:
    if len(url) > MAX_URL_LENGTH:
        raise RefusedTarget("URL too long")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RefusedTarget(f"not a valid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise RefusedTarget("only http and https URLs are accepted")
    if not parts.hostname:
        raise RefusedTarget("the URL has no host")
    if parts.username is not None or parts.password is not None:
        raise RefusedTarget("credentials in the URL are not accepted")
    return Target(scheme, parts.hostname, port or (443 if scheme == "https" else 80))


def literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def address_refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why this address may not be called, or None when it is a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_global and not address.is_multicast:
        return None
    return f"{address} is not a public address (loopback, private, link-local or reserved)"
