"""Ended sessions, long-expired links, old rate-limit windows and mail sent a month ago
are deleted."""

from services.identity.use_cases.housekeeping import forget_expired

from .conftest import invite, link_path, unique_email

PASSWORD = "un chemin de campagne au soleil"


async def test_what_can_no_longer_be_used_is_forgotten(identity, db):
    async with identity() as svc:
        browser = svc.browser()
        await browser.form(link_path(await invite(svc, unique_email())),
                           password=PASSWORD, password_again=PASSWORD)
        await invite(svc, unique_email())
        await db.execute("INSERT INTO throttle (key, window_start, hits) VALUES "
                         "('old', now() - interval '2 days', 3), ('new', now(), 1)")
        assert await forget_expired(svc.app.state.pool) == {"sessions": 0, "links": 0,
                                                             "throttle": 1, "mail": 0}
        await db.execute("UPDATE sessions SET expires_at = now()")
        await db.execute("UPDATE links SET expires_at = now() - interval '2 days' "
                         "WHERE used_at IS NOT NULL")
        await db.execute("UPDATE outgoing_mail SET sent_at = now(), "
                         "created_at = now() - interval '31 days'")
        assert await forget_expired(svc.app.state.pool) == {"sessions": 1, "links": 1,
                                                             "throttle": 0, "mail": 2}
        assert await db.fetchval("SELECT count(*) FROM links") == 1
        assert await db.fetchval("SELECT count(*) FROM outgoing_mail") == 0
