from pydantic import Field

from shared.config import ServiceSettings


class OnboardingSettings(ServiceSettings):
    port: int = Field(8002, validation_alias="ONBOARDING_PORT")
