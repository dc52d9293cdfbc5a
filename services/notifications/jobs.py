"""The clock: the service's periodic jobs (app.py lists PERIODIC)."""

import asyncpg

from shared.service import PeriodicJob

from .config import NotificationsSettings
from .use_cases import digest, parking
from .use_cases.sending import Sender


async def send_notifications(pool: asyncpg.Pool, settings: NotificationsSettings) -> None:
    """A periodic job that does not return: if it stops on an error (the database went
    away), the periodic runner starts it again a second later."""
    await Sender(pool, settings).run()


async def digest_job(pool: asyncpg.Pool, settings: NotificationsSettings) -> None:
    """Weekly digests that are due; parked events waiting for too long are forgotten."""
    await digest.compose_due_digests(pool, settings)
    await parking.forget_expired(pool)


PERIODIC = [
    # Runs until the service stops; restarted a second later if it stops on an error.
    PeriodicJob("send-notifications", 1.0, send_notifications),
    PeriodicJob("arrivals-digest", 300.0, digest_job),
]
