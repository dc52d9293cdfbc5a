"""A committee's page "how we are told", behind the front door: GET /committees/contact
shows its address (staff's: it is also the committee's sign-in, so the page says to ask
them), its language and its webhook URL; POST saves the language and the webhook URL
through the use case of PUT /api/villages/{insee}/committee (committee.changed staged in the
outbox: identity and notifications follow), at the revision the form was drawn at (409 if
the committee changed meanwhile, what was typed kept); a bad language or URL 422 naming the
field; a village without a committee 404. Committees only, each on its own village (read
from the principal: the URL has none)."""

from urllib.parse import urlencode

import asyncpg
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from shared.auth import Principal, Role
from shared.http.deps import DbPool, Settings
from shared.web.access import not_found_page, page_access
from shared.web.language import asked_language, page_language

from ..domain.committee_input import CommitteeIn, webhook_refusal
from ..use_cases import committees
from ..use_cases.errors import NotFound, RecordChanged
from .committee_contact_texts import TEXTS
from .page_forms import PAGES, form_fields

ADDRESS = "/committees/contact"
NO_STORE = {"Cache-Control": "no-store"}
router = APIRouter(prefix=ADDRESS, tags=["committees' pages"], include_in_schema=False)


def _lang_query(request: Request, sep: str) -> str:
    lang = asked_language(request)
    return f"{sep}{urlencode({'lang': lang})}" if lang else ""


def _page(request: Request, who: Principal, village: asyncpg.Record, *, typed=None,
          errors=(), problem: bool = False, done: bool = False,
          status_code: int = 200) -> Response:
    form = {"locale": village["committee_locale"] or "fr",
            "webhook_url": village["committee_webhook_url"] or ""} | (typed or {})
    errors = list(errors)
    return PAGES.render(
        request, "committee_contact.html", principal=who, texts=TEXTS,
        status_code=status_code, village=village, form=form, errors=errors,
        by_field=dict(errors), problem=problem, done=done,
        revision=committees.committee_revision(village),
        address=ADDRESS + _lang_query(request, "?"), headers=NO_STORE)


async def _opened(request: Request, pool: asyncpg.Pool):
    who = page_access(request, PAGES, Role.COMMITTEE)
    if isinstance(who, Response):
        return who
    village = await committees.committee_of(pool, who.village) if who.village else None
    if village is None:
        return not_found_page(request, PAGES, who)
    return who, village


@router.get("", response_class=HTMLResponse)
async def contact_page(request: Request, pool: DbPool, done: str | None = None) -> Response:
    """The committee's address (shown), language and webhook URL (a form)."""
    opened = await _opened(request, pool)
    if isinstance(opened, Response):
        return opened
    who, village = opened
    return _page(request, who, village, done=done == "saved")


def _checked(typed: dict[str, str], email: str, lang: str,
             allow_private: bool) -> tuple[CommitteeIn | None, list[tuple[str, str]]]:
    messages = TEXTS[lang]["errors"]
    errors = []
    if typed["locale"] not in ("fr", "en"):
        errors.append(("locale", messages["locale"]))
    url = typed["webhook_url"]
    refusal = webhook_refusal(url, allow_private=allow_private) if url else None
    if refusal:
        errors.append(("webhook_url", messages[refusal]))
    if errors:
        return None, errors
    try:
        return CommitteeIn(email=email, locale=typed["locale"], webhook_url=url or None), []
    except ValidationError as exc:
        wrong = {str(e["loc"][0]) for e in exc.errors(include_url=False) if e["loc"]}
        return None, [("webhook_url", messages["invalid"])] if "webhook_url" in wrong else [
            ("locale", messages["locale"])]


@router.post("", response_class=HTMLResponse)
async def contact_saved(request: Request, pool: DbPool, settings: Settings) -> Response:
    """`locale`, `webhook_url` (blank: none), `revision`; 303 back saying it is saved."""
    opened = await _opened(request, pool)
    if isinstance(opened, Response):
        return opened
    who, village = opened
    if village["committee_email"] is None:
        return not_found_page(request, PAGES, who)
    fields = await form_fields(request)
    typed = {"locale": fields.get("locale", "")[:10],
             "webhook_url": fields.get("webhook_url", "").strip()[:2000]}
    committee, errors = _checked(typed, village["committee_email"], page_language(request),
                                 getattr(settings, "allow_private_webhooks", False))
    if committee is None:
        return _page(request, who, village, typed=typed, errors=errors, status_code=422)
    try:
        await committees.set_committee(
            pool, village["insee_code"], village["committee_email"], committee.locale,
            str(committee.webhook_url) if committee.webhook_url else None,
            source=request.app.state.definition.source,
            revision=fields.get("revision", "")[:100])
    except NotFound:
        return not_found_page(request, PAGES, who)
    except RecordChanged:
        fresh = await committees.committee_of(pool, village["insee_code"])
        return _page(request, who, fresh, typed=typed, problem=True, status_code=409)
    return RedirectResponse(f"{ADDRESS}?done=saved{_lang_query(request, '&')}",
                            status_code=303, headers=NO_STORE)
