"""The members' network: the directory (staff and members), a member, their card."""

import uuid

from fastapi import HTTPException, status

from shared.auth import Role
from shared.http.deps import DbPool

from ..store import members as store
from ..domain import CaseConflict
from ..use_cases import member_card, staff_members
from ..use_cases.errors import NotFound
from .access import PROTECTED, StaffOrSolo, ensure_own_member
from .errors import BODY, CONFLICT, NOT_FOUND
from .models import InseeCode, Limit, Offset, SearchText
from .models.members import Card, CardIn, Member, card_out, member_out
from .routing import api_router

router = api_router("members")


@router.get("/members", responses=PROTECTED)
async def directory(pool: DbPool, principal: StaffOrSolo, q: SearchText = None,
                    village: InseeCode | None = None, skill: SearchText = None,
                    limit: Limit = 100, offset: Offset = 0) -> list[Card]:
    """Members who opted in; `q` searches names, profession, skills, description, village."""
    async with pool.acquire() as conn:
        rows = await store.search_directory(conn, q or None, village, skill or None, limit,
                                            offset)
    return [card_out(r) for r in rows]


@router.get("/members/{member_id}", responses=PROTECTED | NOT_FOUND)
async def get_member(member_id: uuid.UUID, pool: DbPool, principal: StaffOrSolo) -> Member | Card:
    """Staff and the member themself see everything; other members see a listed card."""
    found = await staff_members.member_with_follow_ups(pool, member_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no member {member_id}")
    row, follow_ups = found.member, found.follow_ups
    if principal.role is Role.STAFF or principal.member == member_id:
        return member_out(row, follow_ups)
    if not row["listed"]:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "this member is not in the directory")
    return card_out(row)


@router.put("/members/{member_id}/card", responses=PROTECTED | NOT_FOUND | CONFLICT | BODY)
async def update_card(member_id: uuid.UUID, card: CardIn, pool: DbPool,
                      principal: StaffOrSolo) -> Member:
    """A member edits their own card (staff may too); `listed` opts in to the directory."""
    ensure_own_member(principal, member_id)
    changes = card.model_dump()
    changes["website"] = str(card.website) if card.website else None
    try:
        row, follow_ups = await member_card.save_card(pool, member_id, changes)
    except NotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no member {member_id}") from None
    except CaseConflict:
        raise HTTPException(status.HTTP_409_CONFLICT, "this member was erased") from None
    return member_out(row, follow_ups)
