from pydantic import Field

from shared.config import ServiceSettings


class DashboardSettings(ServiceSettings):
    port: int = Field(8000, validation_alias="DASHBOARD_PORT")
    # The live feed shows an event once the figures include it, or after this long.
    live_feed_wait_seconds: float = Field(3.0, validation_alias="DASHBOARD_LIVE_FEED_WAIT")
    # `soho dashboard rebuild` stops reading the stream after this long without a message.
    rebuild_idle_seconds: float = Field(5.0, validation_alias="DASHBOARD_REBUILD_IDLE")
