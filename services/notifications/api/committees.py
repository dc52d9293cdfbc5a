"""Welcome committees' channels per village (this service's copy; staff edit it)."""

import secrets
from typing import Annotated

import asyncpg
from fastapi import APIRouter, HTTPException, Path, Response

from shared.auth import AnyPrincipal, Role, StaffPrincipal
from shared.http.deps import DbPool, Settings

from ..domain.webhook_targets import RefusedTarget, address_refusal, literal_address, parse_target
from ..store import committees
from .errors import invalid
from .models import Committee, CommitteeIn

router = APIRouter(prefix="/api/committees", tags=["committees"])

InseeCode = Annotated[str, Path(pattern=r"^[0-9][0-9AB][0-9]{3}$",
                                description="The village's INSEE code, e.g. 32013")]


def _committee(row: asyncpg.Record) -> Committee:
    return Committee(**{k: row[k] for k in Committee.model_fields})


@router.get("", summary="Every committee's channels (staff)")
async def list_committees(pool: DbPool, staff: StaffPrincipal) -> list[Committee]:
    async with pool.acquire() as conn:
        return [_committee(r) for r in await committees.all_(conn)]


@router.get("/{insee_code}", summary="A committee's channels (staff, or that committee)",
            responses={404: {"description": "No committee for this village"}})
async def get_committee(insee_code: InseeCode, pool: DbPool,
                        principal: AnyPrincipal) -> Committee:
    allowed = principal.role is Role.STAFF or (
        principal.role is Role.COMMITTEE and principal.village == insee_code)
    if not allowed:
        raise HTTPException(403, "only staff or this village's committee")
    async with pool.acquire() as conn:
        row = await committees.get(conn, insee_code)
    if row is None:
        raise HTTPException(404, "no committee recorded for this village")
    return _committee(row)


@router.put("/{insee_code}", summary="Set a committee's channels (staff)",
            responses={201: {"description": "Created"}, 200: {"description": "Updated"}})
async def put_committee(insee_code: InseeCode, body: CommitteeIn, pool: DbPool,
                        settings: Settings, staff: StaffPrincipal,
                        response: Response) -> Committee:
    if not body.email and not body.webhook_url:
        raise invalid(("body", "email"), "give an email address, a webhook URL, or both")
    if body.webhook_url:
        _check_webhook_url(body.webhook_url, settings.allow_private_webhooks)
    async with pool.acquire() as conn, conn.transaction():
        current = await committees.get(conn, insee_code)
        secret = None
        if body.webhook_url:
            secret = body.webhook_secret or (
                None if body.rotate_secret or current is None else current["webhook_secret"]
            ) or secrets.token_hex(32)
        row, created = await committees.put(
            conn, insee_code=insee_code, village_name=body.village_name,
            email=str(body.email).lower() if body.email else None, locale=body.locale,
            webhook_url=body.webhook_url, webhook_secret=secret, digest=body.digest)
    response.status_code = 201 if created else 200
    return _committee(row)


@router.delete("/{insee_code}", status_code=204, summary="Forget a committee's channels (staff)",
               responses={404: {"description": "No committee for this village"}})
async def delete_committee(insee_code: InseeCode, pool: DbPool, staff: StaffPrincipal) -> None:
    async with pool.acquire() as conn:
        if not await committees.delete(conn, insee_code):
            raise HTTPException(404, "no committee recorded for this village")


def _check_webhook_url(url: str, allow_private: bool) -> None:
    """Refuses what can be refused now; the addresses a name resolves to are checked on
    every send (they may change)."""
    try:
        target = parse_target(url)
    except RefusedTarget as exc:
        raise invalid(("body", "webhook_url"), str(exc)) from None
    address = literal_address(target.host)
    if target.host.lower() in ("localhost", "localhost.localdomain") and not allow_private:
        raise invalid(("body", "webhook_url"), "loopback addresses are not accepted")
    if address is not None and not allow_private and (reason := address_refusal(address)):
        raise invalid(("body", "webhook_url"), reason)
