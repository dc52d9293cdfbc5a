from pydantic import Field

from shared.config import ServiceSettings


class BookingsSettings(ServiceSettings):
    port: int = Field(8003, validation_alias="BOOKINGS_PORT")
