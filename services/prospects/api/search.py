"""Staff search over prospects as JSON: names, email, phone, town of origin, typo-tolerant,
best first, 20 a page (the page /staff/prospects/search calls the same use case)."""

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from shared.auth import StaffPrincipal
from shared.http.deps import DbPool

from ..domain.field_types import Line
from ..domain.vocabulary import Stage
from ..use_cases import search
from ..use_cases.errors import BadCursor

router = APIRouter(prefix="/api", tags=["prospects"])


class SearchHit(BaseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    email: str
    phone: str | None
    origin_city: str | None
    origin_country: str | None
    stage: Stage
    created_at: datetime
    rank: float  # how well it matches: higher is closer


class SearchPage(BaseModel):
    items: list[SearchHit]
    next_cursor: str | None  # pass as `after` for the next page; null on the last one


@router.get("/prospects/search", response_model=SearchPage,
            summary="Search prospects by name, email, phone or town, best match first")
async def search_prospects(
    pool: DbPool, staff: StaffPrincipal,
    q: Annotated[Line(search.MAX_QUERY, min_length=search.MIN_LETTERS), Query(
        description="Names or a town (typos allowed), the beginning of an email address "
                    "or a complete one, a phone number however spaced (6 digits or more)")],
    after: Annotated[str | None, Query(max_length=200, description="next_cursor")] = None,
) -> SearchPage:
    try:
        found = await search.search(pool, q, after)
    except BadCursor as exc:
        raise HTTPException(422, [{"loc": ["query", "after"], "msg": str(exc),
                                   "type": "cursor_invalid"}]) from None
    return SearchPage(items=found.items, next_cursor=found.next_cursor)
