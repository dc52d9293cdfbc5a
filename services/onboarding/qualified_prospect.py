"""`prospect.qualified` as onboarding reads it: the contract's fields, plus an optional
`children` count when the publisher sends one (the contract does not carry it yet)."""

from typing import Any

from pydantic import ValidationError, field_validator

from shared.events import ProspectQualified


class QualifiedProspect(ProspectQualified):
    children: int | None = None

    @field_validator("children", mode="wrap")
    @classmethod
    def _unknown_when_unreadable(cls, value: Any, handler) -> int | None:
        """An unreadable count means "unknown", never a lost qualification."""
        try:
            return handler(value)
        except ValidationError:
            return None
