"""Identity's emails on real PostgreSQL and a real SMTP server: queued in the caller's
transaction, sent by the worker with the platform's headers, retried after a "later",
given up after a "never", their bodies (a live link) cleared once sent, and each sent once
however many workers run."""

import asyncio
import contextlib
import uuid
from types import SimpleNamespace

from services.identity.use_cases.mail import MailSender, queue_mail
from shared.db import connect
from tests.support.waiting import wait_for

from .mail_fixtures import (address, clean_mail, fast_mail_settings,  # noqa: F401  (fixtures)
                            identity_pool, identity_service, mail_settings, smtp_server)

LINK = "https://soho-solo.example.org/sign-in/link/tok-" + "a" * 40


async def queue(pool, to: str, *, template="sign_in", locale="fr", settings=None,
                context=None) -> uuid.UUID:
    async with pool.acquire() as conn, conn.transaction():
        return await queue_mail(conn, account_id=None, to=to, template=template,
                                locale=locale, context=context or dict(link=LINK, name="Ann"),
                                settings=settings)


async def row(pool, mail_id):
    return await pool.fetchrow("SELECT * FROM outgoing_mail WHERE id = $1", mail_id)


@contextlib.asynccontextmanager
async def senders(pool, settings, copies: int = 1):
    tasks = [asyncio.create_task(MailSender(pool, settings).run()) for _ in range(copies)]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        results = await asyncio.gather(*tasks, return_exceptions=True)
        for result in results:
            assert isinstance(result, asyncio.CancelledError), result


@contextlib.asynccontextmanager
async def listening(database_url, *channels):
    """An event per channel, set when a NOTIFY on it arrives."""
    conn = await connect(database_url, "identity")
    events = {channel: asyncio.Event() for channel in channels}
    try:
        for channel, event in events.items():
            await conn.add_listener(channel, lambda *_, e=event: e.set())
        yield events
    finally:
        await conn.close()


async def test_a_queued_mail_is_stored_with_its_message_id_and_wakes_the_worker(
        database_url, identity_pool):
    settings = mail_settings(database_url, None)
    to = address()
    async with listening(database_url, "identity_mail") as heard:
        mail_id = await queue(identity_pool, to, settings=settings, locale="en")
        await asyncio.wait_for(heard["identity_mail"].wait(), 5)
    stored = await row(identity_pool, mail_id)
    assert stored["to_address"] == to and stored["template"] == "sign_in"
    assert stored["subject"] == "Your Soho Solo sign-in link"
    assert LINK in stored["text_body"] and LINK in stored["html_body"]
    assert stored["message_id"] == f"<{mail_id.hex}@mail.soho-test.example.org>"
    assert stored["attempts"] == 0 and stored["sent_at"] is None


async def test_a_rolled_back_transaction_queues_and_wakes_nothing(database_url, identity_pool):
    async with listening(database_url, "identity_mail", "identity_probe") as heard:
        with contextlib.suppress(RuntimeError):
            async with identity_pool.acquire() as conn, conn.transaction():
                await queue_mail(conn, account_id=None, to=address(), template="reset",
                                 locale="fr", context=dict(link=LINK, name="Ann"))
                raise RuntimeError("the link's transaction fails")
        # Notifications arrive in commit order: once a later one is heard, an earlier one
        # would have been.
        await identity_pool.execute("NOTIFY identity_probe")
        await asyncio.wait_for(heard["identity_probe"].wait(), 5)
        assert not heard["identity_mail"].is_set()
    assert await identity_pool.fetchval("SELECT count(*) FROM outgoing_mail") == 0


async def test_the_service_sends_a_queued_mail_with_the_platform_headers(
        database_url, identity_service, identity_pool, smtp_server):
    to = address()
    async with identity_service(smtp_server.url) as svc:
        mail_id = await queue(identity_pool, to, template="welcome_member", locale="fr",
                              context=dict(link=LINK, first_name="Zoé", village_name="Lectoure"),
                              settings=svc.app.state.settings)
        [mail] = await smtp_server.wait_for_messages(to=to)
        sent = await wait_for(lambda: identity_pool.fetchrow(
            "SELECT * FROM outgoing_mail WHERE id = $1 AND sent_at IS NOT NULL", mail_id),
            message="recorded as sent")
    message = mail.message
    assert message["From"] == "Soho Solo <bonjour@mail.soho-test.example.org>"
    assert mail.mail_from == "bonjour@mail.soho-test.example.org"
    assert message["To"] == to and mail.recipients == [to]
    assert message["Subject"] == "Bienvenue à Lectoure : votre espace Soho Solo est ouvert"
    assert message["X-Soho-Template"] == "identity.welcome_member"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"] == sent["message_id"]
    assert message["Message-ID"].endswith("@mail.soho-test.example.org>")
    assert message["Date"]
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert LINK in text and f'href="{LINK}"' in html
    assert "Bonjour Zoé" in text and "7 jours" in text
    # The stored copy no longer holds the live link.
    assert sent["text_body"] is None and sent["html_body"] is None
    assert sent["attempts"] == 1 and sent["failed_at"] is None and sent["last_error"] is None


async def test_a_later_reply_is_retried_and_the_mail_arrives_once(
        database_url, identity_pool, smtp_server):
    smtp_server.reply_next("451 4.3.0 try again later")
    to = address()
    settings = mail_settings(database_url, smtp_server.url)
    mail_id = await queue(identity_pool, to, settings=settings)
    async with senders(identity_pool, settings):
        await smtp_server.wait_for_messages(to=to)
        sent = await wait_for(lambda: identity_pool.fetchrow(
            "SELECT * FROM outgoing_mail WHERE id = $1 AND sent_at IS NOT NULL", mail_id),
            message="recorded as sent")
    assert len(smtp_server.to(to)) == 1
    assert sent["attempts"] == 2
    assert "451" in sent["last_error"]  # why it took a second attempt
    assert sent["text_body"] is None and sent["html_body"] is None


async def test_a_mail_server_down_for_a_while_gets_the_mail_when_it_is_back(
        database_url, identity_pool, smtp_server):
    smtp_server.stop()
    to = address()
    settings = mail_settings(database_url, smtp_server.url)
    mail_id = await queue(identity_pool, to, settings=settings)
    async with senders(identity_pool, settings):
        waiting = await wait_for(lambda: identity_pool.fetchrow(
            "SELECT * FROM outgoing_mail WHERE id = $1 AND attempts >= 1 "
            "AND last_error IS NOT NULL", mail_id), message="a failed attempt")
        assert "unreachable" in waiting["last_error"] and waiting["failed_at"] is None
        smtp_server.start()
        await smtp_server.wait_for_messages(to=to)
        await wait_for(lambda: identity_pool.fetchval(
            "SELECT sent_at IS NOT NULL FROM outgoing_mail WHERE id = $1", mail_id),
            message="recorded as sent")
    assert len(smtp_server.to(to)) == 1


async def test_a_refused_recipient_fails_the_mail_with_the_error(
        database_url, identity_pool, smtp_server):
    smtp_server.reply_next("550 5.1.1 no such mailbox")
    to = address()
    settings = mail_settings(database_url, smtp_server.url)
    mail_id = await queue(identity_pool, to, settings=settings)
    async with senders(identity_pool, settings):
        failed = await wait_for(lambda: identity_pool.fetchrow(
            "SELECT * FROM outgoing_mail WHERE id = $1 AND failed_at IS NOT NULL", mail_id),
            message="recorded as failed")
        later = address()  # the worker goes on with the next mail
        await queue(identity_pool, later, settings=settings)
        await smtp_server.wait_for_messages(to=later)
    assert smtp_server.to(to) == []
    assert failed["attempts"] == 1 and failed["sent_at"] is None
    assert failed["last_error"].startswith("SMTP 550") and "no such mailbox" in failed["last_error"]
    assert failed["text_body"] is None and failed["html_body"] is None


async def test_a_mail_still_refused_after_the_last_attempt_fails(
        database_url, identity_pool, smtp_server):
    settings = mail_settings(database_url, smtp_server.url, IDENTITY_MAIL_MAX_ATTEMPTS=3)
    smtp_server.reply_next("452 4.2.2 mailbox full", count=3)
    to = address()
    mail_id = await queue(identity_pool, to, settings=settings)
    async with senders(identity_pool, settings):
        failed = await wait_for(lambda: identity_pool.fetchrow(
            "SELECT * FROM outgoing_mail WHERE id = $1 AND failed_at IS NOT NULL", mail_id),
            message="recorded as failed")
    assert failed["attempts"] == 3 and "452" in failed["last_error"]
    assert smtp_server.to(to) == []


async def test_two_workers_send_each_mail_once(database_url, identity_pool, smtp_server):
    settings = mail_settings(database_url, smtp_server.url)
    addresses = [address() for _ in range(40)]
    async with identity_pool.acquire() as conn, conn.transaction():
        for to in addresses:
            await queue_mail(conn, account_id=None, to=to, template="sign_in", locale="en",
                             context=dict(link=LINK, name=""), settings=settings)
    async with senders(identity_pool, settings, copies=2):
        await wait_for(lambda: all(smtp_server.to(a) for a in addresses), timeout=30,
                       message="every mail")
        await wait_for(lambda: identity_pool.fetchval(
            "SELECT count(*) = 0 FROM outgoing_mail WHERE sent_at IS NULL"),
            message="every mail recorded as sent")
    assert all(len(smtp_server.to(a)) == 1 for a in addresses)
    assert await identity_pool.fetchval("SELECT max(attempts) FROM outgoing_mail") == 1


async def test_a_mail_whose_sender_died_goes_when_its_lease_runs_out(
        database_url, identity_pool, smtp_server):
    from services.identity.store import mail as store

    settings = mail_settings(database_url, smtp_server.url)
    to = address()
    mail_id = await queue(identity_pool, to, settings=settings)
    async with identity_pool.acquire() as conn:  # a sender takes it, then dies
        [taken] = await store.lease(conn, 10, 1.0)
    async with senders(identity_pool, settings):
        [mail] = await smtp_server.wait_for_messages(to=to)
        sent = await wait_for(lambda: identity_pool.fetchrow(
            "SELECT * FROM outgoing_mail WHERE id = $1 AND sent_at IS NOT NULL", mail_id),
            message="recorded as sent")
    assert taken["id"] == mail_id
    assert sent["attempts"] == 2  # the lost attempt counts
    assert mail.message["Message-ID"] == taken["message_id"]


async def test_the_outcome_is_recorded_through_a_database_blip(
        database_url, identity_pool, smtp_server, monkeypatch):
    import asyncpg

    from services.identity.store import mail as store

    real_mark_sent, calls = store.mark_sent, []

    async def flaky_mark_sent(conn, mail_id, attempts):
        calls.append(mail_id)
        if len(calls) <= 2:
            raise asyncpg.ConnectionDoesNotExistError("connection was closed in the middle")
        return await real_mark_sent(conn, mail_id, attempts)

    monkeypatch.setattr(store, "mark_sent", flaky_mark_sent)
    settings = mail_settings(database_url, smtp_server.url)
    to = address()
    mail_id = await queue(identity_pool, to, settings=settings)
    async with senders(identity_pool, settings):
        await wait_for(lambda: identity_pool.fetchval(
            "SELECT sent_at IS NOT NULL FROM outgoing_mail WHERE id = $1", mail_id),
            message="recorded as sent")
    assert len(calls) == 3
    assert len(smtp_server.to(to)) == 1


async def test_without_smtp_url_mail_stays_queued_and_says_so(database_url, identity_pool,
                                                              monkeypatch):
    from services.identity.use_cases import mail as mail_module

    # The module's own logger, recorded (structlog caches loggers once an app configured
    # logging, so capture_logs would not see it after another test started a service).
    logs: list[str] = []
    monkeypatch.setattr(mail_module, "log", SimpleNamespace(
        warning=lambda event, **kw: logs.append(event),
        error=lambda event, **kw: logs.append(event)))
    settings = mail_settings(database_url, None)
    mail_id = await queue(identity_pool, address(), settings=settings)
    async with senders(identity_pool, settings):
        await wait_for(lambda: "identity.mail_not_configured" in logs, message="the warning")
    stored = await row(identity_pool, mail_id)
    assert stored["attempts"] == 0 and stored["sent_at"] is None and stored["failed_at"] is None
    assert stored["text_body"] is not None


async def test_a_mail_in_flight_when_the_service_stops_records_its_outcome(
        database_url, identity_pool, smtp_server, monkeypatch):
    from services.identity.use_cases import mail as mail_module

    real_send, entered, release = mail_module.smtp.send, asyncio.Event(), asyncio.Event()

    async def slow_send(*args, **kwargs):
        entered.set()
        await release.wait()
        return await real_send(*args, **kwargs)

    monkeypatch.setattr(mail_module.smtp, "send", slow_send)
    settings = mail_settings(database_url, smtp_server.url)
    to = address()
    mail_id = await queue(identity_pool, to, settings=settings)
    task = asyncio.create_task(MailSender(identity_pool, settings).run())
    await wait_for(entered.is_set, message="the mail handed to the server")
    task.cancel()
    release.set()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert task.cancelled()
    stored = await row(identity_pool, mail_id)
    assert stored["sent_at"] is not None and stored["attempts"] == 1
    assert len(smtp_server.to(to)) == 1


async def test_the_mail_worker_stopped_as_it_wakes_stops(database_url, smtp_server,
                                                         identity_pool):
    """Cancelled in the very tick a NOTIFY wakes it, the worker stops (asyncio.wait_for on
    Python 3.11 would return as if woken, and the worker went on for ever)."""
    settings = mail_settings(database_url, smtp_server.url, IDENTITY_MAIL_POLL_INTERVAL=30.0)
    for _ in range(5):
        sender = MailSender(identity_pool, settings)
        task = asyncio.create_task(sender.run())
        await wait_for(lambda: sender.wake._waiters, message="the worker waiting")
        sender.wake.set()
        task.cancel()
        done, _ = await asyncio.wait({task}, timeout=5)
        assert task in done, "the mail worker did not stop when cancelled as it woke"
