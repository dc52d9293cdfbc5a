from typing import Literal

from .envelope import EventData


class CommitteeChanged(EventData):
    """Staff set, changed or removed a village's welcome committee (onboarding owns them).
    Identity opens, updates or disables the committee's account from it."""

    event_type = "committee.changed"
    personal = frozenset({"email"})  # a committee's address may be a volunteer's own

    insee_code: str
    village_name: str
    email: str | None = None  # None when removed
    locale: Literal["fr", "en"] = "fr"
    removed: bool = False
