from typing import Literal

from pydantic import Field

from .envelope import EventData


class CommitteeChanged(EventData):
    """Staff (or the committee itself) set, changed or removed a village's welcome committee
    (onboarding owns them): its address, language or webhook. Identity opens, updates or
    disables the committee's account from it; notifications keeps how to tell the committee
    (an event older than what it holds is ignored)."""

    event_type = "committee.changed"
    personal = frozenset({"email"})  # a committee's address may be a volunteer's own

    insee_code: str
    village_name: str
    email: str | None = None  # None when removed
    locale: Literal["fr", "en"] = "fr"
    removed: bool = False
    # Added (optional: older readers ignore it, older events lack it and read as no webhook).
    webhook_url: str | None = Field(
        None, description="where the committee is told of arrivals by a signed POST; "
                          "absent: no webhook")
