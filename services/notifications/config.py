from pydantic import Field

from shared.config import ServiceSettings


class NotificationsSettings(ServiceSettings):
    port: int = Field(8004, validation_alias="NOTIFICATIONS_PORT")
