"""Webhook signatures, unsubscribe tokens, and which webhook targets may be called."""

import hashlib
import hmac
import ipaddress

import pytest

from services.notifications.domain.unsubscribe import address_hash, make_token, read_token
from services.notifications.domain.webhook_signature import sign, verify
from services.notifications.domain.webhook_targets import (RefusedTarget, address_refusal,
                                                           parse_target)

SECRET = "s" * 40


def test_a_signature_is_hmac_sha256_of_timestamp_dot_body():
    body = b'{"type":"solo.arrival"}'
    header = sign(SECRET, body, 1_700_000_000)
    expected = hmac.new(SECRET.encode(), b"1700000000." + body, hashlib.sha256).hexdigest()
    assert header == f"t=1700000000,v1={expected}"
    assert verify(SECRET, header, body, now=1_700_000_100)


@pytest.mark.parametrize("tamper", ["body", "secret", "old", "garbage"])
def test_a_tampered_stale_or_malformed_signature_does_not_verify(tamper):
    body = b"{}"
    header = sign(SECRET, body, 1_700_000_000)
    now = 1_700_000_000
    if tamper == "body":
        body = b'{"x":1}'
    elif tamper == "secret":
        header = sign("t" * 40, body, now)
    elif tamper == "old":
        now += 3600
    else:
        header = "v1=abc"
    assert not verify(SECRET, header, body, now=now)


def test_an_unsubscribe_token_names_the_address_and_cannot_be_forged():
    token = make_token(SECRET, "alice@example.org", "welcome")
    assert read_token(SECRET, token) == ("alice@example.org", "welcome")
    assert read_token("x" * 40, token) is None
    body, _, signature = token.partition(".")
    forged = make_token(SECRET, "bob@example.org", "welcome").partition(".")[0]
    assert read_token(SECRET, f"{forged}.{signature}") is None
    assert read_token(SECRET, "not-a-token") is None and read_token(SECRET, "") is None
    assert address_hash(" Alice@Example.org ") == address_hash("alice@example.org")


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "javascript:x",
                                 "http://", "https://user:pw@example.org/", "http://[::1"])
def test_only_plain_http_and_https_urls_are_targets(url):
    with pytest.raises(RefusedTarget):
        parse_target(url)


def test_a_target_has_a_default_port():
    assert parse_target("https://hooks.example.org/a").port == 443
    assert parse_target("http://hooks.example.org:8080/a").port == 8080


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.10", "172.16.0.1",
                                     "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1",
                                     "fe80::1", "fd00::1", "::ffff:127.0.0.1", "224.0.0.1"])
def test_loopback_private_link_local_and_reserved_addresses_are_refused(address):
    assert address_refusal(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_are_allowed(address):
    assert address_refusal(ipaddress.ip_address(address)) is None
