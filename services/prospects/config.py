from limits import parse
from pydantic import Field, field_validator

from shared.config import ServiceSettings


class ProspectsSettings(ServiceSettings):
    port: int = Field(8001, validation_alias="PROSPECTS_PORT")
    # Public intake (web form and POST /api/contacts): attempts allowed per client address,
    # in the `limits` library's notation ("10 per 10 minutes", "1000/second").
    contact_rate_limit: str = Field("10 per 10 minutes",
                                    validation_alias="PROSPECTS_CONTACT_RATE_LIMIT")
    # A human needs a few seconds to fill the form; a faster submission is a bot.
    form_min_seconds: float = Field(3.0, ge=0, validation_alias="PROSPECTS_FORM_MIN_SECONDS")
    # Prospects with no contact for this long are anonymised by `soho prospects retention`
    # (CNIL: three years after the last contact from the person).
    retention_days: int = Field(3 * 365, ge=1, validation_alias="PROSPECTS_RETENTION_DAYS")
    # How long an Idempotency-Key answers with its first response.
    idempotency_days: int = Field(7, ge=1, validation_alias="PROSPECTS_IDEMPOTENCY_DAYS")

    @field_validator("contact_rate_limit")
    @classmethod
    def _a_rate_limit(cls, value: str) -> str:
        parse(value)  # ValueError names what it cannot read
        return value
