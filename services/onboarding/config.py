from pydantic import Field

from shared.config import ServiceSettings


class OnboardingSettings(ServiceSettings):
    port: int = Field(8002, validation_alias="ONBOARDING_PORT")
    # A committee's webhook URL is called by the notifications service: onboarding accepts
    # an http:// or private address only when notifications is allowed to call one (tests,
    # an intranet), so both read the same variable.
    allow_private_webhooks: bool = Field(
        False, validation_alias="NOTIFICATIONS_ALLOW_PRIVATE_WEBHOOKS")
