"""Posting one webhook: signed JSON, short timeouts, and only to public addresses.

The host is resolved here and every address it resolves to is checked; the request then
goes to the address that was checked (the Host header and TLS server name stay the
original host), so a DNS answer that changes between check and connect cannot point the
request inside the network."""

import asyncio
import ipaddress
import socket
import time

import httpx

from shared.mail.failures import Failure, FailureKind

from ..domain.outcomes import http_status_failure
from ..domain.webhook_signature import HEADER, sign
from ..domain.webhook_targets import RefusedTarget, Target, address_refusal, parse_target

USER_AGENT = "SohoSolo-Webhooks/1.0"


def new_client(timeout: float) -> httpx.AsyncClient:
    # No proxies from the environment: a proxy would connect to whatever the name resolves to.
    return httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
                             follow_redirects=False, trust_env=False,
                             headers={"User-Agent": USER_AGENT})


Address = ipaddress.IPv4Address | ipaddress.IPv6Address


async def resolve(target: Target, timeout: float) -> list[Address]:
    infos = await asyncio.wait_for(asyncio.get_running_loop().getaddrinfo(
        target.host, target.port, type=socket.SOCK_STREAM), timeout)
    seen: dict[str, Address] = {}
    for info in infos:
        text = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        seen.setdefault(text, ipaddress.ip_address(text))
    return list(seen.values())


async def post_webhook(client: httpx.AsyncClient, url: str, secret: str, body: bytes, *,
                       delivery_id: str, template: str, allow_private: bool,
                       timeout: float) -> Failure | None:
    """None when the receiver answered 2xx."""
    try:
        target = parse_target(url)
    except RefusedTarget as exc:
        return Failure(FailureKind.PERMANENT, f"refused webhook URL: {exc}")
    try:
        addresses = await resolve(target, timeout)
    except (OSError, asyncio.TimeoutError) as exc:
        return Failure(FailureKind.UNREACHABLE, f"cannot resolve {target.host}: {exc}")
    if not allow_private:
        for address in addresses:
            if reason := address_refusal(address):
                return Failure(FailureKind.PERMANENT,
                               f"refused webhook URL: {target.host}: {reason}")
    if not addresses:
        return Failure(FailureKind.UNREACHABLE, f"{target.host} has no address")
    pinned = httpx.URL(url).copy_with(host=str(addresses[0]))
    default_port = {"http": 80, "https": 443}[target.scheme]
    host_header = f"[{target.host}]" if ":" in target.host else target.host
    if target.port != default_port:
        host_header += f":{target.port}"
    headers = {"Host": host_header, "Content-Type": "application/json",
               HEADER: sign(secret, body, int(time.time())),
               "Soho-Delivery-Id": delivery_id, "Soho-Template": template}
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    try:
        async with client.stream("POST", pinned, content=body, headers=headers,
                                 extensions=extensions) as response:
            return http_status_failure(response.status_code)
    except httpx.TimeoutException as exc:
        return Failure(FailureKind.TRANSIENT, f"webhook timed out: {type(exc).__name__}")
    except httpx.HTTPError as exc:
        return Failure(FailureKind.UNREACHABLE, f"webhook unreachable: {type(exc).__name__}: {exc}")
