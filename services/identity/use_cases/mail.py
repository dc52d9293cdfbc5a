"""Identity's emails: queued in the transaction that issues their link, sent by the mail
worker.

`queue_mail` renders the email and writes it to outgoing_mail in the caller's transaction:
the link and its email commit together or not at all, and NOTIFY identity_mail wakes the
worker when they do. The worker (`MailSender`) leases due mails FOR UPDATE SKIP LOCKED, so
copies of the service share them, sends each, and records the outcome: sent (the bodies,
which hold a live link, are cleared), tried again after a doubling delay, or failed.

A mail is sent at least once: if the sender dies after the server accepted it but before
the outcome is recorded, its lease runs out and another sender sends it again, with the
same Message-ID."""

import asyncio
import contextlib
import uuid
from functools import cache
from typing import Any

import asyncpg
import structlog
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_delay, wait_exponential

from shared.db import DATABASE_UNAVAILABLE, connect
from shared.mail.failures import Failure, FailureKind
from shared.mail.messages import InvalidMessage
from shared.mail.retries import RetryPolicy
from shared.mail.smtp_url import SmtpServer, parse_smtp_url

from ..adapters import email_templates, smtp
from ..config import IdentitySettings
from ..domain.mail import Decision, build_message, decide
from ..store import mail as store

log = structlog.get_logger("soho.identity")
BATCH = 5  # mails leased (and sent side by side) at once by one sender
STOP_GRACE_SECONDS = 10.0  # when the service stops mid-send
BOOKKEEPING_PATIENCE = 60.0  # seconds of database trouble before an outcome is left to the lease


@cache
def _environment_settings() -> IdentitySettings:
    return IdentitySettings()


async def queue_mail(conn: asyncpg.Connection, *, account_id: uuid.UUID | None, to: str,
                     template: str, locale: str, context: dict[str, Any],
                     settings: IdentitySettings | None = None) -> uuid.UUID:
    """Queues one email in the caller's transaction; returns its id. `template` is one of
    invitation, reset, sign_in, welcome_member (domain.mail.TEMPLATES lists the context
    each needs); `locale` fr or en (anything else: fr). `settings` (the service's,
    app.state.settings) gives the Message-ID's domain; without it, the environment's.
    The Message-ID is the mail's id on the sender's domain: the same on every attempt."""
    rendered = email_templates.render(template, locale, context)
    settings = settings or _environment_settings()
    mail_id = uuid.uuid4()
    await store.insert(conn, mail_id=mail_id, account_id=account_id, to=to.strip(),
                       template=template, subject=rendered.subject, text_body=rendered.text,
                       html_body=rendered.html,
                       message_id=f"<{mail_id.hex}@{settings.sender_domain}>")
    await store.notify(conn)
    return mail_id


class MailSender:
    """Sends due mails until cancelled. Wakes on NOTIFY identity_mail, when a retry falls
    due, and every mail_poll_interval in any case (a lost NOTIFY, a lease run out)."""

    def __init__(self, pool: asyncpg.Pool, settings: IdentitySettings) -> None:
        self.pool = pool
        self.settings = settings
        self.policy = RetryPolicy(settings.mail_max_attempts, settings.mail_first_backoff,
                                  settings.mail_max_backoff)
        self.wake = asyncio.Event()
        self.listening = False

    async def run(self) -> None:
        if not self.settings.smtp_url:
            log.warning("identity.mail_not_configured",
                        detail="SMTP_URL is not set: identity's emails stay queued")
            await asyncio.Event().wait()  # until the service stops
            return
        try:
            server = parse_smtp_url(self.settings.smtp_url)
        except ValueError as exc:
            log.error("identity.mail_not_configured", detail=f"{exc}: emails stay queued")
            await asyncio.Event().wait()
            return
        async with self.pool.acquire() as conn:
            channel = await store.channel(conn)
        listener = await connect(self.settings.database_url)
        try:
            await listener.add_listener(channel, lambda *_: self.wake.set())
            listener.add_termination_listener(self._listener_lost)
            self.listening = True
            while self.listening:
                await self.step(server)
            raise ConnectionError("lost the LISTEN connection; starting again")
        finally:
            with contextlib.suppress(Exception):  # must not replace a cancellation
                await listener.close()

    async def step(self, server: SmtpServer) -> int:
        """Sends what is due now (one batch), or waits for a reason to look again."""
        self.wake.clear()
        async with self.pool.acquire() as conn:
            rows = await store.lease(conn, BATCH, self.settings.mail_lease)
        if rows:
            batch = asyncio.gather(*(self.deliver(server, row) for row in rows))
            try:
                await asyncio.shield(batch)
            except asyncio.CancelledError:
                # Stopping: mails already handed to the server record their outcome (a
                # grace), else their lease would run out and they would go again.
                await asyncio.wait([batch], timeout=STOP_GRACE_SECONDS)
                batch.cancel()
                raise
            return len(rows)
        timeout = self.settings.mail_poll_interval
        async with self.pool.acquire() as conn:
            due_in = await store.seconds_until_due(conn)
        if due_in is not None:
            timeout = min(timeout, max(due_in, 0.01))
        with contextlib.suppress(TimeoutError):  # not wait_for: it can swallow a stop
            async with asyncio.timeout(timeout):
                await self.wake.wait()
        return 0

    def _listener_lost(self, *_: object) -> None:
        self.listening = False
        self.wake.set()

    async def deliver(self, server: SmtpServer, row: asyncpg.Record) -> Decision:
        attempts = row["attempts"]
        if attempts > self.settings.mail_max_attempts:  # its senders kept dying mid-send
            failure: Failure | None = Failure(FailureKind.PERMANENT,
                                              f"gave up after {attempts - 1} attempts")
        else:
            try:
                failure = await self._send(server, row)
            except Exception as exc:  # a bug must not stop the other mails
                log.exception("identity.mail_send_crashed", mail_id=str(row["id"]))
                failure = Failure(FailureKind.TRANSIENT, f"internal error: {type(exc).__name__}")
        decision = decide(failure, attempts, self.policy)
        await self._record(row, decision)
        return decision

    async def _send(self, server: SmtpServer, row: asyncpg.Record) -> Failure | None:
        try:
            message = build_message(row, self.settings.sender)
        except InvalidMessage as exc:
            return Failure(FailureKind.PERMANENT, str(exc))
        return await smtp.send(server, message, sender=self.settings.sender_address,
                               recipient=str(message["To"]), timeout=self.settings.smtp_timeout)

    async def _record(self, row: asyncpg.Record, decision: Decision) -> None:
        """Records the outcome, riding out a database blip; if the database stays away,
        the lease runs out and the mail is tried again."""
        mail_id, attempts, failure = row["id"], row["attempts"], decision.failure
        try:
            async for attempt in AsyncRetrying(
                    retry=retry_if_exception_type((asyncpg.PostgresError, *DATABASE_UNAVAILABLE)),
                    wait=wait_exponential(multiplier=0.25, max=8),
                    stop=stop_after_delay(BOOKKEEPING_PATIENCE), reraise=True):
                with attempt:
                    async with self.pool.acquire() as conn:
                        if decision.status == "sent":
                            mine = await store.mark_sent(conn, mail_id, attempts)
                        elif decision.status == "retry":
                            mine = await store.retry_later(conn, mail_id, attempts,
                                                           failure.error, decision.retry_in)
                        else:
                            mine = await store.mark_failed(conn, mail_id, attempts,
                                                           failure.error)
        except (asyncpg.PostgresError, *DATABASE_UNAVAILABLE) as exc:
            log.error("identity.mail_outcome_lost", mail_id=str(mail_id), error=str(exc))
            return
        fields = dict(mail_id=str(mail_id), template=row["template"], attempts=attempts)
        if not mine:
            log.warning("identity.mail_lease_lost", **fields, outcome=decision.status)
        elif failure is None:
            log.info("identity.mail_sent", **fields)
        else:
            log.warning(f"identity.mail_{decision.status}", **fields, error=failure.error,
                        retry_in=decision.retry_in)
