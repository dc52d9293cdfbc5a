"""Identity's emails on real PostgreSQL and a real SMTP server: queued in the caller's
transaction, sent by the worker with the platform's headers, retried after a "later",
given up after a "never", their bodies (a live link) cleared once sent, and each sent once
however many workers run."""

import asyncio
import contextlib
import uuid

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
    assert stored["message_id"].startswith("<")
    assert stored["message_id"].endswith("@mail.soho-test.example.org>")
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
