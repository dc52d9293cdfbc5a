"""Settings of the identity service (the platform's come from shared.config)."""

from email.utils import parseaddr

from pydantic import Field

from shared.config import ServiceSettings


class IdentitySettings(ServiceSettings):
    port: int = Field(8005, validation_alias="IDENTITY_PORT")

    # Identity's own emails (invitation, reset, sign-in link, welcome) go to SMTP_URL from
    # this address; Message-IDs are made on its domain.
    sender: str = Field("Soho Solo <bonjour@soho-solo.example.org>",
                        validation_alias="IDENTITY_SENDER")
    smtp_timeout: float = Field(15.0, gt=0, validation_alias="IDENTITY_SMTP_TIMEOUT")
    # Retries of a transient failure: first_backoff, doubling, at most max_backoff apart
    # (the defaults ride out a mail server down for about three hours).
    mail_max_attempts: int = Field(15, ge=1, validation_alias="IDENTITY_MAIL_MAX_ATTEMPTS")
    mail_first_backoff: float = Field(2.0, gt=0, validation_alias="IDENTITY_MAIL_FIRST_BACKOFF")
    mail_max_backoff: float = Field(1800.0, gt=0, validation_alias="IDENTITY_MAIL_MAX_BACKOFF")
    # The mail worker wakes on NOTIFY identity_mail, and at least this often in any case.
    mail_poll_interval: float = Field(5.0, gt=0, validation_alias="IDENTITY_MAIL_POLL_INTERVAL")
    # How long a sender may hold a mail before another copy of the service takes it back
    # (its sender died mid-send).
    mail_lease: float = Field(120.0, gt=0, validation_alias="IDENTITY_MAIL_LEASE")

    @property
    def sender_address(self) -> str:
        return parseaddr(self.sender)[1]

    @property
    def sender_domain(self) -> str:
        return self.sender_address.rpartition("@")[2] or "localhost"
