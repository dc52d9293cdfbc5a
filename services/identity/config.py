"""Settings of the identity service (the platform's come from shared.config)."""

from email.utils import parseaddr

from pydantic import Field

from shared.config import ServiceSettings


class IdentitySettings(ServiceSettings):
    port: int = Field(8005, validation_alias="IDENTITY_PORT")

    # Sessions end after this long without a request (staff sooner: their pages show
    # everyone's data), and at the latest IDENTITY_SESSION_DAYS after signing in.
    staff_idle_hours: float = Field(8, gt=0, validation_alias="IDENTITY_STAFF_IDLE_HOURS")
    member_idle_days: float = Field(14, gt=0, validation_alias="IDENTITY_MEMBER_IDLE_DAYS")
    session_days: float = Field(30, gt=0, validation_alias="IDENTITY_SESSION_DAYS")

    # Password sign-in attempts per email and per client address, in fixed windows.
    sign_in_per_email: int = Field(10, ge=1, validation_alias="IDENTITY_SIGN_IN_PER_EMAIL")
    sign_in_per_client: int = Field(30, ge=1, validation_alias="IDENTITY_SIGN_IN_PER_CLIENT")
    sign_in_window_seconds: int = Field(900, ge=1,
                                        validation_alias="IDENTITY_SIGN_IN_WINDOW_SECONDS")
    # Requests for a sign-in link or a password reset (each sends an email).
    requests_per_email: int = Field(5, ge=1, validation_alias="IDENTITY_REQUESTS_PER_EMAIL")
    requests_per_client: int = Field(20, ge=1, validation_alias="IDENTITY_REQUESTS_PER_CLIENT")
    requests_window_seconds: int = Field(3600, ge=1,
                                         validation_alias="IDENTITY_REQUESTS_WINDOW_SECONDS")
    # After this many wrong passwords in a row an account is slowed: no attempt for
    # slowing_first_seconds * 2^(failures - slow_after), at most slowing_max_seconds
    # (30 s, 1 min, 2, 4, 8, then 15 min: a first delay of one second would be over
    # before the person, or a script, tried again).
    slow_after: int = Field(5, ge=1, validation_alias="IDENTITY_SLOW_AFTER")
    slowing_first_seconds: float = Field(30, gt=0,
                                         validation_alias="IDENTITY_SLOWING_FIRST_SECONDS")
    slowing_max_seconds: float = Field(900, gt=0, validation_alias="IDENTITY_SLOWING_MAX_SECONDS")

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")

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
