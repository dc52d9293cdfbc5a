"""What the routes need beyond shared's pool and principals: typed settings, the clock,
and the principals of the roles that book."""

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request

from shared.auth import AnyPrincipal, Principal, Role, StaffPrincipal, require_roles
from shared.http.deps import DbPool

from ..config import BookingsSettings

__all__ = ["AnyPrincipal", "Config", "DbPool", "Now", "SoloPrincipal", "StaffOrSolo",
           "StaffPrincipal", "member_scope"]


async def _settings(request: Request) -> BookingsSettings:
    return request.app.state.settings


async def _now(request: Request) -> datetime:
    """The current instant; tests may set `app.state.clock` to travel in time."""
    clock = getattr(request.app.state, "clock", None)
    return clock() if clock is not None else datetime.now(UTC)


Config = Annotated[BookingsSettings, Depends(_settings)]
Now = Annotated[datetime, Depends(_now)]
SoloPrincipal = Annotated[Principal, Depends(require_roles(Role.SOLO))]
StaffOrSolo = Annotated[Principal, Depends(require_roles(Role.STAFF, Role.SOLO))]


def member_scope(principal: Principal) -> uuid.UUID | None:
    """The member a solo acts as, or None for staff (who may act on any booking)."""
    return principal.member if principal.role is Role.SOLO else None
