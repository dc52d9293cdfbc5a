"""Solos' accounts: what identity learns of a qualified prospect, the account opened when
they are installed (with a welcome email carrying a sign-in link), and erasure. An erased
person's id is kept: a prospect.qualified or solo.installed about them handled later (a
redelivery, a consumer that was down) keeps nothing, opens nothing and sends nothing."""

import uuid

import asyncpg
import structlog

from shared.config import PlatformSettings
from shared.roles import Role

from ..domain.emails import normalised_email
from ..domain.link_tokens import WELCOME_LIFETIME, Purpose
from ..store import accounts, audit
from .events import stage_account_created
from .links import issue_link
from .mail import queue_mail

log = structlog.get_logger(__name__)


async def remember_prospect(conn: asyncpg.Connection, settings: PlatformSettings, *,
                            prospect_id: uuid.UUID, email: str, first_name: str,
                            last_name: str, locale: str) -> bool:
    """prospect.qualified: keeps who they are; welcomes them if their installation came
    first (the two events travel on different queues)."""
    await accounts.lock_person(conn, prospect_id)
    if await _erased(conn, prospect_id, "prospect.qualified"):
        return False
    await accounts.keep_prospect(conn, prospect_id=prospect_id, email=email.strip().lower(),
                                 first_name=first_name, last_name=last_name,
                                 locale=locale if locale in ("fr", "en") else "fr")
    return await _welcome_when_both_known(conn, settings, prospect_id)


async def open_solo_account(conn: asyncpg.Connection, *, member_id: uuid.UUID,
                            prospect_id: uuid.UUID, email: str, name: str,
                            locale: str) -> tuple[asyncpg.Record | None, bool]:
    """The member's account and whether it was created now. None when the address already
    belongs to another kind of account (a staff member cannot also be a solo by the same
    address), or the person was erased: logged, nothing opened. Call it holding the
    person's lock (accounts.lock_person)."""
    if await _erased(conn, prospect_id, "account"):
        return None, False
    existing = await accounts.by_member(conn, member_id)
    if existing is not None:
        return existing, False
    address = normalised_email(email)
    if address is None:
        log.warning("solo account not opened: no usable address", member=str(member_id))
        return None, False
    account = await accounts.insert(conn, role=Role.SOLO, email=address, name=name,
                                    locale=locale if locale in ("fr", "en") else "fr",
                                    member_id=member_id, prospect_id=prospect_id)
    if account is None:
        log.warning("solo account not opened: the address has another account",
                    member=str(member_id))
        return None, False
    await stage_account_created(conn, account)
    await audit.record(conn, "account_opened", subject_id=account["id"], detail="solo")
    return account, True


async def welcome_solo(conn: asyncpg.Connection, settings: PlatformSettings, *,
                       member_id: uuid.UUID, prospect_id: uuid.UUID,
                       village_name: str) -> bool:
    """solo.installed: opens the solo's account from what prospect.qualified told us and
    emails the welcome with a sign-in link; if that event has not come yet, the welcome
    waits for it. False when nothing was sent now (waiting, or sent already: once)."""
    await accounts.lock_person(conn, prospect_id)
    if await _erased(conn, prospect_id, "solo.installed"):
        return False
    await accounts.keep_installation(conn, prospect_id=prospect_id, member_id=member_id,
                                     village_name=village_name)
    return await _welcome_when_both_known(conn, settings, prospect_id)


async def _welcome_when_both_known(conn: asyncpg.Connection, settings: PlatformSettings,
                                   prospect_id: uuid.UUID) -> bool:
    prospect = await accounts.prospect(conn, prospect_id)
    installed = await accounts.installation(conn, prospect_id)
    if prospect is None or installed is None:
        log.info("solo welcome waits for the other event", prospect=str(prospect_id),
                 qualified=prospect is not None, installed=installed is not None)
        return False
    member_id, village_name = installed["member_id"], installed["village_name"]
    # The pages greet a solo by their first name (staff by the name they were invited with).
    name = " ".join(prospect["first_name"].split()) or prospect["email"]
    account, created = await open_solo_account(
        conn, member_id=member_id, prospect_id=prospect_id, email=prospect["email"],
        name=name, locale=prospect["locale"])
    if not created:
        return False
    # Sign-in links last 15 minutes, but the welcome arrives when the new member may not
    # read it at once (they are moving house): its link lasts a week, still single use.
    link = await issue_link(conn, settings, account_id=account["id"], purpose=Purpose.SIGN_IN,
                            lifetime=WELCOME_LIFETIME)
    await queue_mail(conn, account_id=account["id"], to=account["email"],
                     template="welcome_member", locale=account["locale"],
                     settings=settings,
                     context={"link": link, "first_name": prospect["first_name"],
                              "village_name": village_name})
    return True


async def erase_person(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> None:
    """prospect.erased: what identity knew of them goes (the prospect row, the account with
    its sessions, links and mail), and their address leaves the audit log. Their id is kept
    (erased_people), in the same transaction and under the person's lock: a handler about
    them running now either committed before (and is undone here) or finds them erased."""
    await accounts.lock_person(conn, prospect_id)
    await accounts.mark_erased(conn, prospect_id)
    forgotten = await accounts.forget_prospect(conn, prospect_id)
    await accounts.forget_installation(conn, prospect_id)
    emails = {forgotten["email"]} if forgotten else set()
    for account in await accounts.by_prospect(conn, prospect_id):
        emails.add(account["email"])
        await audit.forget_email(conn, account_id=account["id"], email=account["email"])
        await accounts.delete(conn, account["id"])
    for email in emails:
        await audit.forget_email(conn, account_id=None, email=email)


async def _erased(conn: asyncpg.Connection, prospect_id: uuid.UUID, what: str) -> bool:
    if await accounts.is_erased(conn, prospect_id):
        log.info("erased person: nothing kept, opened or sent", prospect=str(prospect_id),
                 about=what)
        return True
    return False
