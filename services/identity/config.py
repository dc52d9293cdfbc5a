"""Settings of the identity service (the platform's come from shared.config)."""

from pydantic import Field

from shared.config import ServiceSettings


class IdentitySettings(ServiceSettings):
    port: int = Field(8005, validation_alias="IDENTITY_PORT")
