"""Welcome committees' channels per village (this service's copy; staff edit it)."""

from typing import Annotated

import asyncpg
from fastapi import APIRouter, HTTPException, Path, Response

from shared.auth import AnyPrincipal, Role, StaffPrincipal
from shared.http.deps import DbPool, Settings

from ..use_cases import committees
from .errors import answering
from .models import Committee, CommitteeIn

router = APIRouter(prefix="/api/committees", tags=["committees"])

InseeCode = Annotated[str, Path(pattern=r"^[0-9][0-9AB][0-9]{3}$",
                                description="The village's INSEE code, e.g. 32013")]


def _committee(row: asyncpg.Record) -> Committee:
    return Committee(**{k: row[k] for k in Committee.model_fields})


@router.get("", summary="Every committee's channels (staff)")
async def list_committees(pool: DbPool, staff: StaffPrincipal) -> list[Committee]:
    return [_committee(r) for r in await committees.every_committee(pool)]


@router.get("/{insee_code}", summary="A committee's channels (staff, or that committee)",
            responses={404: {"description": "No committee for this village"}})
async def get_committee(insee_code: InseeCode, pool: DbPool,
                        principal: AnyPrincipal) -> Committee:
    allowed = principal.role is Role.STAFF or (
        principal.role is Role.COMMITTEE and principal.village == insee_code)
    if not allowed:
        raise HTTPException(403, "only staff or this village's committee")
    with answering():
        return _committee(await committees.committee(pool, insee_code))


@router.put("/{insee_code}", summary="Set a committee's channels (staff)",
            responses={201: {"description": "Created"}, 200: {"description": "Updated"}})
async def put_committee(insee_code: InseeCode, body: CommitteeIn, pool: DbPool,
                        settings: Settings, staff: StaffPrincipal,
                        response: Response) -> Committee:
    with answering():
        row, created = await committees.set_committee(
            pool, insee_code, village_name=body.village_name, email=body.email,
            locale=body.locale, webhook_url=body.webhook_url, digest=body.digest,
            webhook_secret=body.webhook_secret, rotate_secret=body.rotate_secret,
            allow_private_webhooks=settings.allow_private_webhooks)
    response.status_code = 201 if created else 200
    return _committee(row)


@router.delete("/{insee_code}", status_code=204, summary="Forget a committee's channels (staff)",
               responses={404: {"description": "No committee for this village"}})
async def delete_committee(insee_code: InseeCode, pool: DbPool, staff: StaffPrincipal) -> None:
    with answering():
        await committees.forget_committee(pool, insee_code)
