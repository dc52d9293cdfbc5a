"""shared.mail: SMTP_URL, what a failed attempt means, the doubling delay, and the message
every service builds. Each service's own policy (notifications keeps UNREACHABLE apart,
identity retries it like any "not now") is tested with the service."""

import asyncio

import aiosmtplib
import pytest

from shared.mail.failures import FailureKind, smtp_reply_kind
from shared.mail.messages import InvalidMessage, new_message
from shared.mail.retries import RetryPolicy
from shared.mail.smtp_failures import classify
from shared.mail.smtp_url import parse_smtp_url


@pytest.mark.parametrize(("code", "kind"), [(421, FailureKind.TRANSIENT),
                                            (450, FailureKind.TRANSIENT),
                                            (451, FailureKind.TRANSIENT),
                                            (550, FailureKind.PERMANENT),
                                            (554, FailureKind.PERMANENT)])
def test_smtp_replies_4xx_are_later_and_5xx_never(code, kind):
    assert smtp_reply_kind(code) is kind


@pytest.mark.parametrize("exc, kind", [
    (aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(
        550, "no such mailbox", "x@example.org")]), FailureKind.PERMANENT),
    (aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(
        450, "greylisted", "x@example.org")]), FailureKind.TRANSIENT),
    (aiosmtplib.SMTPDataError(451, "try later"), FailureKind.TRANSIENT),
    (aiosmtplib.SMTPDataError(554, "rejected"), FailureKind.PERMANENT),
    (aiosmtplib.SMTPConnectError("refused"), FailureKind.UNREACHABLE),
    (aiosmtplib.SMTPServerDisconnected("gone"), FailureKind.UNREACHABLE),
    (aiosmtplib.SMTPTimeoutError("slow"), FailureKind.UNREACHABLE),
    (ConnectionRefusedError(111, "Connection refused"), FailureKind.UNREACHABLE),
    (asyncio.TimeoutError(), FailureKind.UNREACHABLE),
    (aiosmtplib.SMTPNotSupported("no AUTH"), FailureKind.TRANSIENT),
])
def test_smtp_errors_are_classified(exc, kind):
    failure = classify(exc)
    assert failure.kind is kind and failure.error


def test_a_refused_recipient_names_the_reply():
    failure = classify(aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(
        550, "no such mailbox", "x@example.org")]))
    assert failure.error == "SMTP 550 refused recipient: no such mailbox"


def test_another_error_is_not_swallowed():
    with pytest.raises(KeyError):
        classify(KeyError("a bug"))


def test_smtp_urls():
    server = parse_smtp_url("smtp://mailer:s%40cret@mail.example.org:2525?starttls=required")
    assert (server.hostname, server.port, server.use_tls, server.start_tls) == (
        "mail.example.org", 2525, False, True)
    assert (server.username, server.password) == ("mailer", "s@cret")
    assert parse_smtp_url("smtp://127.0.0.1").port == 25
    assert parse_smtp_url("smtp://127.0.0.1:1025").port == 1025
    assert parse_smtp_url("smtp://mail.example.org").start_tls is None  # when offered
    assert parse_smtp_url("smtp://mail.example.org?starttls=never").start_tls is False
    secure = parse_smtp_url("smtps://user:p%40ss@mail.example.org")
    assert (secure.use_tls, secure.start_tls, secure.port, secure.password) == (
        True, False, 465, "p@ss")


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "mail.example.org",
                                 "https://mailer:s3cret@mail.example.org"])
def test_a_bad_smtp_url_is_refused_without_repeating_it(url):
    with pytest.raises(ValueError) as refused:
        parse_smtp_url(url)
    assert "SMTP_URL must be" in str(refused.value) and "s3cret" not in str(refused.value)


def test_the_delay_doubles_up_to_its_cap():
    policy = RetryPolicy(max_attempts=4, first_backoff=2, max_backoff=5)
    assert [policy.backoff(n) for n in (0, 1, 2, 3, 4)] == [2, 2, 4, 5, 5]
    assert policy.backoff(10_000) == 5  # no overflow however many attempts


def test_a_message_with_text_and_html_and_the_headers_of_a_good_sender():
    message = new_message(sender="Soho Solo <bonjour@soho.example.org>",
                          to="Ann.Martin@Example.org", subject="Bienvenue",
                          message_id="<abc@soho.example.org>", template="solo.welcome",
                          text="Bonjour\n", html="<p>Bonjour</p>",
                          headers={"Reply-To": "equipe@soho.example.org"})
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain", "text/html"]
    assert message["To"] == "Ann.Martin@example.org"  # the domain part normalised
    assert (message["Message-ID"], message["X-Soho-Template"], message["Auto-Submitted"]) == (
        "<abc@soho.example.org>", "solo.welcome", "auto-generated")
    assert message["Reply-To"] == "equipe@soho.example.org" and message["Date"]


def test_a_message_without_html_is_plain_text():
    message = new_message(sender="a@example.org", to="b@example.org", subject="s",
                          message_id="<m@example.org>", template="t", text="x\n", html=None)
    assert message.get_content_type() == "text/plain"


@pytest.mark.parametrize("changes", [dict(to="not an address"),
                                     dict(to="a@example.org\nBcc: b@example.org"),
                                     dict(subject="Hello\r\nBcc: everyone@example.org"),
                                     dict(headers={"Reply-To": "a@example.org\nBcc: x@y.org"})])
def test_what_cannot_be_sent_is_invalid(changes):
    values = dict(sender="a@example.org", to="b@example.org", subject="s",
                  message_id="<m@example.org>", template="t", text="x\n", html=None)
    with pytest.raises(InvalidMessage):
        new_message(**values | changes)
