"""What an attempt's outcome means for an identity email, and how long to wait before the
next one: first_backoff, doubling, capped; a "never" (5xx) or the last attempt fails it."""

import asyncio

import aiosmtplib
import pytest

from services.identity.adapters.smtp import classify, parse_smtp_url
from services.identity.config import IdentitySettings
from services.identity.domain.mail import (Decision, Failure, FailureKind, RetryPolicy, decide,
                                           language, smtp_reply_kind)

POLICY = RetryPolicy(max_attempts=15, first_backoff=2.0, max_backoff=1800.0)
LATER = Failure(FailureKind.TRANSIENT, "SMTP 451: try later")
NEVER = Failure(FailureKind.PERMANENT, "SMTP 550: no such mailbox")


def test_the_delay_starts_at_two_seconds_and_doubles():
    assert [POLICY.backoff(n) for n in range(1, 8)] == [2, 4, 8, 16, 32, 64, 128]


def test_the_delay_never_exceeds_thirty_minutes():
    assert POLICY.backoff(10) == 1024
    assert POLICY.backoff(11) == 1800
    assert POLICY.backoff(12) == 1800
    assert POLICY.backoff(10_000) == 1800  # no overflow however many attempts


def test_the_default_settings_are_the_policy():
    settings = IdentitySettings()
    assert (settings.mail_first_backoff, settings.mail_max_backoff) == (2.0, 1800.0)
    assert settings.mail_max_attempts == 15
    assert settings.sender == "Soho Solo <bonjour@soho-solo.example.org>"
    assert settings.sender_address == "bonjour@soho-solo.example.org"
    assert settings.sender_domain == "soho-solo.example.org"


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("IDENTITY_SENDER", "Équipe <equipe@mairie.example.fr>")
    monkeypatch.setenv("IDENTITY_MAIL_FIRST_BACKOFF", "5")
    monkeypatch.setenv("IDENTITY_MAIL_POLL_INTERVAL", "1.5")
    settings = IdentitySettings()
    assert settings.sender_domain == "mairie.example.fr"
    assert settings.mail_first_backoff == 5 and settings.mail_poll_interval == 1.5


def test_a_sent_mail_is_sent():
    assert decide(None, 1, POLICY) == Decision("sent")


def test_a_transient_failure_is_tried_again_after_the_backoff():
    assert decide(LATER, 1, POLICY) == Decision("retry", retry_in=2.0, failure=LATER)
    assert decide(LATER, 3, POLICY) == Decision("retry", retry_in=8.0, failure=LATER)


def test_a_permanent_failure_or_the_last_attempt_fails_the_mail():
    assert decide(NEVER, 1, POLICY) == Decision("failed", failure=NEVER)
    assert decide(LATER, 15, POLICY) == Decision("failed", failure=LATER)


def test_smtp_replies_4xx_are_later_and_5xx_never():
    assert smtp_reply_kind(421) is FailureKind.TRANSIENT
    assert smtp_reply_kind(451) is FailureKind.TRANSIENT
    assert smtp_reply_kind(550) is FailureKind.PERMANENT
    assert smtp_reply_kind(554) is FailureKind.PERMANENT


@pytest.mark.parametrize("exc, kind", [
    (aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(
        550, "no such mailbox", "x@example.org")]), FailureKind.PERMANENT),
    (aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(
        450, "greylisted", "x@example.org")]), FailureKind.TRANSIENT),
    (aiosmtplib.SMTPDataError(451, "try later"), FailureKind.TRANSIENT),
    (aiosmtplib.SMTPDataError(554, "rejected"), FailureKind.PERMANENT),
    (aiosmtplib.SMTPConnectError("refused"), FailureKind.TRANSIENT),
    (aiosmtplib.SMTPServerDisconnected("gone"), FailureKind.TRANSIENT),
    (aiosmtplib.SMTPTimeoutError("slow"), FailureKind.TRANSIENT),
    (ConnectionRefusedError(111, "Connection refused"), FailureKind.TRANSIENT),
    (asyncio.TimeoutError(), FailureKind.TRANSIENT),
])
def test_smtp_errors_are_classified(exc, kind):
    failure = classify(exc)
    assert failure.kind is kind and failure.error


def test_another_error_is_not_swallowed():
    with pytest.raises(KeyError):
        classify(KeyError("a bug"))


def test_smtp_urls():
    server = parse_smtp_url("smtp://mailer:s%40cret@mail.example.org:2525?starttls=required")
    assert (server.hostname, server.port, server.use_tls, server.start_tls) == (
        "mail.example.org", 2525, False, True)
    assert (server.username, server.password) == ("mailer", "s@cret")
    assert parse_smtp_url("smtps://mail.example.org").port == 465
    assert parse_smtp_url("smtp://127.0.0.1").port == 25
    with pytest.raises(ValueError):
        parse_smtp_url("http://mail.example.org")


def test_languages():
    assert [language(x) for x in ("fr", "en", "EN_us", "de", None, "")] == [
        "fr", "en", "en", "fr", "fr", "fr"]
