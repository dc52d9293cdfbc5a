"""What an attempt's outcome means for an identity email, and how long to wait before the
next one: first_backoff, doubling, capped; a "never" (5xx) or the last attempt fails it.
What an SMTP reply or exception means is shared.mail's (tests/unit/test_shared_mail.py)."""

from services.identity.config import IdentitySettings
from services.identity.domain.mail import Decision, decide, language
from shared.mail.failures import Failure, FailureKind
from shared.mail.retries import RetryPolicy

POLICY = RetryPolicy(max_attempts=15, first_backoff=2.0, max_backoff=1800.0)
LATER = Failure(FailureKind.TRANSIENT, "SMTP 451: try later")
NEVER = Failure(FailureKind.PERMANENT, "SMTP 550: no such mailbox")
AWAY = Failure(FailureKind.UNREACHABLE, "mail server unreachable: ConnectionRefusedError")


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


def test_an_unreachable_server_is_tried_again_like_any_not_now():
    assert decide(AWAY, 1, POLICY) == Decision("retry", retry_in=2.0, failure=AWAY)
    assert decide(AWAY, 15, POLICY) == Decision("failed", failure=AWAY)


def test_languages():
    assert [language(x) for x in ("fr", "en", "EN_us", "de", None, "")] == [
        "fr", "en", "en", "fr", "fr", "fr"]
