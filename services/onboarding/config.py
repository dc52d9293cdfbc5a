from pydantic import AliasChoices, Field

from shared.config import ServiceSettings


class OnboardingSettings(ServiceSettings):
    port: int = Field(8002, validation_alias="ONBOARDING_PORT")
    # A committee's webhook URL may be http:// or a private address only when this is set
    # (tests, an intranet); the notifications service reads the same variable.
    allow_private_webhooks: bool = Field(
        False, validation_alias=AliasChoices("ONBOARDING_ALLOW_PRIVATE_WEBHOOKS",
                                             "NOTIFICATIONS_ALLOW_PRIVATE_WEBHOOKS"))
