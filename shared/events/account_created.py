import uuid
from typing import Literal

from .envelope import EventData


class AccountCreated(EventData):
    """A person can now sign in: identity opened an account (staff invited, a solo
    installed, a village committee set). Carries no address: only who it is for."""

    event_type = "account.created"

    account_id: uuid.UUID
    role: Literal["staff", "solo", "committee"]
    member_id: uuid.UUID | None = None  # solo accounts
    village: str | None = None  # committee accounts: the village's INSEE code
