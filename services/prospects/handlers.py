"""What prospects hears from the bus: onboarding installed a household."""

import asyncpg
import structlog

from shared.bus.consumer import EventConsumers
from shared.events import CloudEvent, SoloInstalled

from .use_cases import pipeline

log = structlog.get_logger("soho.prospects")


def subscribe(consumers: EventConsumers) -> None:
    @consumers.on(SoloInstalled)
    async def prospect_installed(conn: asyncpg.Connection,
                                 event: CloudEvent[SoloInstalled]) -> None:
        """Moves the prospect to the installed stage, with the village on its timeline."""
        data = event.data
        found = await pipeline.mark_installed(conn, data.prospect_id, data.household_size,
                                              data.village.model_dump(), event.time)
        if not found:  # erased meanwhile, or never ours: nothing to update
            log.info("prospects.installed_unknown_prospect", prospect_id=str(data.prospect_id))
