from pydantic import Field

from shared.config import ServiceSettings


class ProspectsSettings(ServiceSettings):
    port: int = Field(8001, validation_alias="PROSPECTS_PORT")
