"""Work identity does in the background while it runs (app.py lists WORKERS and
PERIODIC): the mail worker, which sends the emails queued by queue_mail, and the hourly
forgetting of ended sessions, expired links, old rate-limit windows and old mail."""

import asyncpg

from shared.service import PeriodicJob, Worker

from .config import IdentitySettings
from .use_cases.housekeeping import forget_expired
from .use_cases.mail import MailSender


async def send_mail(pool: asyncpg.Pool, settings: IdentitySettings) -> None:
    """Sends due mail until the service stops; if it stops on an error (the database went
    away), it is started again a second later."""
    await MailSender(pool, settings).run()


WORKERS = [Worker("identity-mail", run=send_mail, restart_after=1.0)]


async def forget(pool: asyncpg.Pool, settings: IdentitySettings) -> None:
    await forget_expired(pool)


PERIODIC = [PeriodicJob("identity-forget-expired", every_seconds=3600, run=forget)]
