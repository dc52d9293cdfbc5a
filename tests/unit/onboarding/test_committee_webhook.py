"""Which webhook URL a committee may give on its own page: https only, no credentials,
never a loopback or private address, unless private webhooks are allowed (tests, an
intranet), then http and any host as well."""

import pytest

from services.onboarding.domain.committee_input import webhook_refusal


@pytest.mark.parametrize("url", ["https://hooks.example.org/soho",
                                 "https://hooks.example.org:8443/a?b=c",
                                 "https://93.184.216.34/hook"])
def test_a_public_https_address_is_accepted(url):
    assert webhook_refusal(url, allow_private=False) is None


@pytest.mark.parametrize("url, why", [
    ("http://hooks.example.org/soho", "https"),
    ("ftp://hooks.example.org/", "https"),
    ("hooks.example.org/soho", "https"),
    ("https://user:secret@hooks.example.org/", "credentials"),
    ("https://127.0.0.1/hook", "private"),
    ("https://10.1.2.3/hook", "private"),
    ("https://192.168.1.10/hook", "private"),
    ("https://[::1]/hook", "private"),
    ("https://[::ffff:127.0.0.1]/hook", "private"),
    ("https://localhost/hook", "private"),
    ("https://api.localhost./hook", "private"),
    ("https://", "invalid"),
    ("https://hooks.example.org:port/", "invalid"),
    ("https://hooks.example.org/a b", "invalid"),
    ("https://hooks.example.org/" + "a" * 2000, "invalid"),
])
def test_a_refused_address_says_why(url, why):
    assert webhook_refusal(url, allow_private=False) == why


def test_private_webhooks_allowed_accept_http_and_private_hosts_not_credentials():
    assert webhook_refusal("http://127.0.0.1:8080/hook", allow_private=True) is None
    assert webhook_refusal("https://localhost/hook", allow_private=True) is None
    assert webhook_refusal("http://a:b@127.0.0.1/", allow_private=True) == "credentials"
    assert webhook_refusal("ftp://127.0.0.1/", allow_private=True) == "https"
