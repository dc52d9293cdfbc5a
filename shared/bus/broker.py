"""The FastStream broker as every consumer of the platform builds it."""

import logging

from faststream.rabbit import Channel, RabbitBroker

from shared.bus import topology


def create_broker(amqp_url: str, app_id: str | None = None) -> RabbitBroker:
    return RabbitBroker(
        amqp_url, app_id=app_id, graceful_timeout=8,
        default_channel=Channel(prefetch_count=topology.CONSUMER_PREFETCH),
        # FastStream's own lines go through the platform's JSON logging (its default logger
        # writes coloured text to stdout), its per-message ones at DEBUG: the consumer logs
        # each event itself.
        logger=logging.getLogger("faststream"),
        log_level=logging.DEBUG,
    )
