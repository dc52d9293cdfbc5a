"""Work the service does in the background: the sender, a worker that runs while the
service runs, and the periodic digest job (app.py lists WORKERS and PERIODIC)."""

import asyncpg

from shared.service import PeriodicJob, Worker

from .config import NotificationsSettings
from .use_cases import digest, parking
from .use_cases.sending import Sender


async def send_notifications(pool: asyncpg.Pool, settings: NotificationsSettings) -> None:
    """Sends due messages until the service stops; if it stops on an error (the database
    went away), it is started again a second later."""
    await Sender(pool, settings).run()


async def digest_job(pool: asyncpg.Pool, settings: NotificationsSettings) -> None:
    """Weekly digests that are due; parked events waiting for too long are forgotten."""
    await digest.compose_due_digests(pool, settings)
    await parking.forget_expired(pool)


WORKERS = [Worker("send-notifications", send_notifications, restart_after=1.0)]
PERIODIC = [PeriodicJob("arrivals-digest", 300.0, digest_job)]
