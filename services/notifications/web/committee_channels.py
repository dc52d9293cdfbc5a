"""A committee's own channels behind the front door: GET /committees/notifications shows
where and how this service tells the committee of arrivals, POST saves its choice of
rhythm (a message for each arrival, or the weekly digest) and of the address its messages
go to (empty: the one it signs in with), and may make a new webhook secret, shown once in
the answer. It calls the use case of PUT /api/committees/{insee}
(use_cases.committees.set_committee), at the revision the form was drawn at (409 if the
committee changed meanwhile, the choice kept; a bad choice: 422 naming the field).

The sign-in address, the language and the webhook URL are shown, not edited here: onboarding owns
them (staff set the address, which identity keys the committee's account on; the committee
sets its language and webhook on onboarding's /committees/contact, linked from this page),
and `committee.changed` (and the committee inside `solo.installed`) brings onboarding's
copy, which `store.committees.learn` writes over this service's unless it is older than
what is held. The rhythm, the address messages go to and the secret are this service's own
and stay. Committees only, each on its own village (read from the principal; the URL has no
village)."""

from urllib.parse import urlencode

import asyncpg
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.auth import Principal, Role
from shared.http.deps import DbPool, Settings
from shared.web.access import page_access
from shared.web.language import asked_language, page_language

from ..use_cases import committees
from ..use_cases.errors import Conflict, Invalid, NotFound
from .committee_channels_texts import TEXTS
from .staff_pages import PAGES, form_fields, see_other

ADDRESS = "/committees/notifications"
DIGESTS = ("immediate", "weekly")

router = APIRouter(prefix=ADDRESS, tags=["committees' pages"], include_in_schema=False)


async def _current(pool: asyncpg.Pool, insee_code: str) -> asyncpg.Record | None:
    try:
        return await committees.committee(pool, insee_code)
    except NotFound:
        return None


def _lang_query(request: Request, sep: str) -> str:
    lang = asked_language(request)
    return f"{sep}{urlencode({'lang': lang})}" if lang else ""


def _page(request: Request, who: Principal, row: asyncpg.Record | None, settings, *,
          status_code: int = 200, typed: dict[str, str] | None = None, errors=(),
          problem: bool = False, done: bool = False, secret: str | None = None) -> Response:
    t = TEXTS[page_language(request)]
    form = {"digest": row["digest"] if row is not None else "immediate", "rotate_secret": "",
            "send_to": (row["send_to"] or "") if row is not None else ""}
    form |= typed or {}
    errors = list(errors)
    return PAGES.render(
        request, "committee_notifications.html", principal=who, texts=TEXTS,
        status_code=status_code, row=row, form=form, errors=errors, by_field=dict(errors),
        problem=problem, done=done, secret=secret, address=ADDRESS + _lang_query(request, "?"),
        revision=committees.committee_revision(row),
        weekday=t["weekdays"][settings.digest_weekday], hour=settings.digest_hour,
        headers={"Cache-Control": "no-store"})


@router.get("", response_class=HTMLResponse)
async def channels_page(request: Request, pool: DbPool, settings: Settings,
                        done: str | None = None) -> Response:
    """Where and how the committee is told of arrivals, and its choice of rhythm."""
    who = page_access(request, PAGES, Role.COMMITTEE)
    if isinstance(who, Response):
        return who
    row = await _current(pool, who.village)
    return _page(request, who, row, settings, done=done == "saved")


@router.post("", response_class=HTMLResponse)
async def save_channels(request: Request, pool: DbPool, settings: Settings) -> Response:
    """The committee's rhythm (and a new webhook secret when asked), saved with PUT
    /api/committees/{insee}'s use case; 303 back, or the page with the new secret."""
    who = page_access(request, PAGES, Role.COMMITTEE)
    if isinstance(who, Response):
        return who
    fields = await form_fields(request)
    typed = {"digest": fields.get("digest", "")[:20],
             "rotate_secret": "on" if fields.get("rotate_secret") else "",
             "send_to": fields.get("send_to", "").strip()[:254]}
    t = TEXTS[page_language(request)]
    row = await _current(pool, who.village)
    if typed["digest"] not in DIGESTS:
        return _page(request, who, row, settings, status_code=422, typed=typed,
                     errors=[("digest-immediate", t["errors"]["digest"])])
    if row is None:
        return _page(request, who, row, settings, status_code=422, typed=typed,
                     errors=[("digest-immediate", t["errors"]["email"])])
    rotate = bool(typed["rotate_secret"]) and row["webhook_url"] is not None
    try:
        saved, _ = await committees.set_committee(
            pool, who.village, village_name=row["village_name"], email=row["email"],
            locale=row["locale"], webhook_url=row["webhook_url"], digest=typed["digest"],
            webhook_secret=None, rotate_secret=rotate,
            allow_private_webhooks=settings.allow_private_webhooks,
            revision=fields.get("revision", "")[:100], send_to=typed["send_to"] or None)
    except Conflict:
        return _page(request, who, await _current(pool, who.village), settings,
                     status_code=409, typed=typed, problem=True)
    except Invalid as refused:
        if refused.field == "send_to":
            return _page(request, who, row, settings, status_code=422, typed=typed,
                         errors=[("send_to", t["errors"]["send_to"])])
        message = (t["errors"]["webhook_url"].format(reason=refused.message)
                   if refused.field == "webhook_url" else t["errors"]["email"])
        return _page(request, who, row, settings, status_code=422, typed=typed,
                     errors=[("digest-immediate", message)])
    if rotate:  # shown once, in this answer only (never in a URL)
        return _page(request, who, saved, settings, typed={"rotate_secret": ""}, done=True,
                     secret=saved["webhook_secret"])
    return see_other(f"{ADDRESS}?done=saved{_lang_query(request, '&')}")
