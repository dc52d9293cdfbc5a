"""Settings of the notifications service (the platform's come from shared.config)."""

import json
from email.utils import parseaddr
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import NoDecode

from shared.config import ServiceSettings


class NotificationsSettings(ServiceSettings):
    port: int = Field(8004, validation_alias="NOTIFICATIONS_PORT")

    # Who the staff alerts and notes go to: comma-separated (or a JSON list).
    staff_emails: Annotated[list[str], NoDecode] = Field(
        ["equipe@soho-solo.example.org"], validation_alias="NOTIFICATIONS_STAFF_EMAILS")
    staff_locale: Literal["fr", "en"] = Field("fr", validation_alias="NOTIFICATIONS_STAFF_LOCALE")
    sender: str = Field("Soho Solo <bonjour@soho-solo.example.org>",
                        validation_alias="NOTIFICATIONS_SENDER")
    reply_to: str | None = Field(None, validation_alias="NOTIFICATIONS_REPLY_TO")
    # Right-hand side of every Message-ID; by default the sender address's domain.
    message_id_domain: str | None = Field(None, validation_alias="NOTIFICATIONS_MESSAGE_ID_DOMAIN")
    # Base of the unsubscribe links; by default SOHO_PUBLIC_URL + /unsubscribe.
    unsubscribe_url: str | None = Field(None, validation_alias="NOTIFICATIONS_UNSUBSCRIBE_URL")

    smtp_timeout: float = Field(15.0, gt=0, validation_alias="NOTIFICATIONS_SMTP_TIMEOUT")
    webhook_timeout: float = Field(5.0, gt=0, validation_alias="NOTIFICATIONS_WEBHOOK_TIMEOUT")
    # Webhooks to loopback, private or link-local addresses are refused unless this is set
    # (tests, or a committee server on the programme's own network).
    allow_private_webhooks: bool = Field(
        False, validation_alias="NOTIFICATIONS_ALLOW_PRIVATE_WEBHOOKS")

    # Retries of a transient failure: first_backoff, doubling, at most max_backoff apart;
    # the defaults ride out a mail server down for about three hours.
    max_attempts: int = Field(15, ge=1, validation_alias="NOTIFICATIONS_MAX_ATTEMPTS")
    first_backoff: float = Field(2.0, gt=0, validation_alias="NOTIFICATIONS_FIRST_BACKOFF")
    max_backoff: float = Field(1800.0, gt=0, validation_alias="NOTIFICATIONS_MAX_BACKOFF")
    # Messages in flight at once per process, and how long one may take before another
    # copy of the service considers its sender dead and tries again.
    send_concurrency: int = Field(20, ge=1, validation_alias="NOTIFICATIONS_SEND_CONCURRENCY")
    send_lease: float = Field(120.0, gt=0, validation_alias="NOTIFICATIONS_SEND_LEASE")
    poll_interval: float = Field(5.0, gt=0, validation_alias="NOTIFICATIONS_POLL_INTERVAL")

    # Weekly digests of arrivals go out after this moment of the week (Europe/Paris).
    digest_weekday: int = Field(0, ge=0, le=6, validation_alias="NOTIFICATIONS_DIGEST_WEEKDAY")
    digest_hour: int = Field(8, ge=0, le=23, validation_alias="NOTIFICATIONS_DIGEST_HOUR")

    @field_validator("staff_emails", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("staff_emails")
    @classmethod
    def _normalised(cls, value: list[str]) -> list[str]:
        return sorted({address.strip().lower() for address in value if address.strip()})

    @property
    def sender_domain(self) -> str:
        return self.message_id_domain or parseaddr(self.sender)[1].rpartition("@")[2] or "localhost"

    @property
    def unsubscribe_base(self) -> str:
        return (self.unsubscribe_url or self.public_url.rstrip("/") + "/unsubscribe").rstrip("/")
