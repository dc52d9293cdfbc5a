"""One attempt at one message: send it on its channel, then record the outcome and its
event (notification.sent / notification.failed) in one transaction.

The attempt was recorded when the message was claimed. If the process dies after the
server accepted the message but before the outcome is committed, the lease runs out and
the message is sent again: at-least-once at the SMTP/HTTP boundary, for that window only
(the email keeps its Message-ID and the webhook its Soho-Delivery-Id, so the receiving
end can tell)."""

import asyncio
import json
import time
from dataclasses import dataclass

import asyncpg
import httpx
import structlog
from prometheus_client import Counter, Histogram

from shared.db import DATABASE_UNAVAILABLE
from shared.events import NotificationFailed, NotificationSent, new_event
from shared.mail.failures import Failure, FailureKind
from shared.mail.messages import InvalidMessage
from shared.mail.retries import RetryPolicy
from shared.mail.smtp_url import parse_smtp_url
from shared.outbox import stage_event

from ..adapters.smtp import SmtpConnections
from ..adapters.webhooks import post_webhook
from ..config import NotificationsSettings
from ..domain.email_message import build_email, envelope_sender
from ..domain.outcomes import Decision, decide
from ..store import committees, deliveries

SOURCE = "/soho/notifications"
log = structlog.get_logger("soho.notifications")

ATTEMPTS = Counter("soho_notifications_attempts_total",
                   "Delivery attempts by channel and result (sent, retry, failed)",
                   ["channel", "result"])
SEND_SECONDS = Histogram("soho_notifications_send_seconds",
                         "Time to hand one message to its server", ["channel"])


@dataclass
class Courier:
    pool: asyncpg.Pool
    settings: NotificationsSettings
    http: httpx.AsyncClient
    smtp: SmtpConnections | None = None
    smtp_was_unreachable: bool = False

    @property
    def policy(self) -> RetryPolicy:
        s = self.settings
        return RetryPolicy(s.max_attempts, s.first_backoff, s.max_backoff)

    async def deliver(self, row: asyncpg.Record) -> Decision:
        started = time.perf_counter()
        target = None
        if row["attempts"] > self.settings.max_attempts:  # its senders kept dying mid-send
            failure: Failure | None = Failure(FailureKind.PERMANENT,
                                              f"gave up after {row['attempts'] - 1} attempts")
        else:
            try:
                failure, target = await self._send(row)
            except Exception as exc:  # a bug must not stop the other messages
                log.exception("notifications.send_crashed", notification_id=str(row["id"]))
                failure = Failure(FailureKind.TRANSIENT, f"internal error: {type(exc).__name__}")
        SEND_SECONDS.labels(row["channel"]).observe(time.perf_counter() - started)
        decision = decide(failure, row["attempts"], self.policy)
        await self._record(row, decision, target)
        return decision

    async def _send(self, row: asyncpg.Record) -> tuple[Failure | None, str | None]:
        if row["channel"] == "email":
            return await self._email(row), None
        async with self.pool.acquire() as conn:
            hook = await committees.webhook(conn, row["village"])
        if hook is None:
            return Failure(FailureKind.PERMANENT, "the committee has no webhook any more"), None
        if row["payload"] is None:
            return Failure(FailureKind.PERMANENT, "the message's content was erased"), None
        url, secret = hook
        body = json.dumps({**json.loads(row["payload"]), "notification_id": str(row["id"])},
                          ensure_ascii=False, separators=(",", ":")).encode()
        failure = await post_webhook(
            self.http, url, secret, body, delivery_id=str(row["id"]), template=row["template"],
            allow_private=self.settings.allow_private_webhooks,
            timeout=self.settings.webhook_timeout)
        return failure, url

    async def _email(self, row: asyncpg.Record) -> Failure | None:
        if self.smtp is None:
            if not self.settings.smtp_url:
                return Failure(FailureKind.UNREACHABLE, "SMTP_URL is not set")
            try:
                server = parse_smtp_url(self.settings.smtp_url)
            except ValueError as exc:  # a malformed SMTP_URL: fixable, so not permanent
                return Failure(FailureKind.UNREACHABLE, str(exc))
            self.smtp = SmtpConnections(server, self.settings.smtp_timeout)
        try:
            message = build_email(row, self.settings)
        except InvalidMessage as exc:
            return Failure(FailureKind.PERMANENT, str(exc))
        if row["last_error_kind"] == FailureKind.UNREACHABLE:
            self.smtp_was_unreachable = True
        failure = await self.smtp.send(message, envelope_sender(self.settings),
                                       str(message["To"]))
        if failure is not None and failure.kind is FailureKind.UNREACHABLE:
            self.smtp_was_unreachable = True
        return failure

    async def _record(self, row: asyncpg.Record, decision: Decision, target: str | None) -> None:
        failure = decision.failure
        for pause in (0.5, 1, 2, 4, 8, 15, None):  # ride out a database blip
            try:
                async with self.pool.acquire() as conn, conn.transaction():
                    mine = await deliveries.settle(
                        conn, row, decision.status, retry_in=decision.retry_in,
                        error=failure and failure.error, error_kind=failure and failure.kind,
                        target=target)
                    if mine and decision.status != "pending":
                        await stage_event(conn, _event(row, failure))
                    if mine and decision.status == "sent" and row["channel"] == "email" \
                            and self.smtp_was_unreachable:
                        self.smtp_was_unreachable = False
                        await deliveries.hurry_email_retries(conn)
                break
            except (asyncpg.PostgresError, *DATABASE_UNAVAILABLE) as exc:
                if pause is None:  # the lease will bring it back
                    log.error("notifications.outcome_lost", notification_id=str(row["id"]),
                              error=str(exc))
                    return
                await asyncio.sleep(pause)
        result = {"sent": "sent", "pending": "retry", "failed": "failed"}[decision.status]
        ATTEMPTS.labels(row["channel"], result).inc()
        if failure is not None:
            log.warning(f"notifications.{result}", notification_id=str(row["id"]),
                        channel=row["channel"], template=row["template"],
                        attempts=row["attempts"], error=failure.error)


def _event(row: asyncpg.Record, failure: Failure | None):
    fields = dict(notification_id=row["id"], event_id=row["event_id"], channel=row["channel"],
                  recipient=row["recipient"], template=row["template"])
    data = (NotificationSent(**fields) if failure is None
            else NotificationFailed(**fields, error=failure.error))
    return new_event(data, source=SOURCE, subject=str(row["id"]))
