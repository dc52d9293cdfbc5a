"""The staff's village pages, behind the front door (which checked the session and passed
on who calls in X-Soho-Identity); staff only.

GET  /staff/villages/                         the 458 communes: filters (status, committee,
                                              name) as a GET form, keyset-paged by name or
                                              INSEE code (`after`: the last one shown)
GET  /staff/villages/{insee}                  a village: facts, services, broadband, its
                                              committee, the solos it welcomed, the forms
POST /staff/villages/{insee}/host-status      the host status (`seen_host_status` rides along)
POST /staff/villages/{insee}/committee        set or change the committee (`revision`)
POST /staff/villages/{insee}/committee/remove remove it (`revision`)

The forms call the JSON API's use cases (committee.changed is staged in the outbox by
them). A stale form answers 409 with what was typed, bad input 422 naming the field, an
unknown or malformed INSEE code the 404 page; after a change, 303 back to the village."""

import re
from dataclasses import replace
from urllib.parse import urlencode

import asyncpg
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from shared.auth import Principal
from shared.http.deps import DbPool
from shared.web.access import not_found_page
from shared.web.language import page_language

from ..domain import HostStatus, Position, distances_from
from ..domain.committee_input import CommitteeIn
from ..use_cases import committees, staff_villages, village_profile
from ..use_cases.errors import NotFound, RecordChanged
from .page_forms import PAGES, Posted, counted, form_fields, staff_only
from .village_texts import BROADBAND, HOST_STATUSES, LOCALES, TEXTS, named

router = APIRouter(prefix="/staff/villages", tags=["staff pages: villages"],
                   include_in_schema=False)
LIST = "/staff/villages/"
INSEE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")
PAGE_SIZE = 50
MAX_NAME = 100
STATUSES = [s.value for s in HostStatus]
COMMITTEE_FILTER = {"yes": True, "no": False}
ORDERS = ("name", "insee")
DONE = {"status": ("done_status", "host-status"), "committee": ("done_committee", "committee"),
        "removed": ("done_removed", "committee")}
NO_STORE = {"Cache-Control": "no-store"}


# --- the list ------------------------------------------------------------------------------

def _read_list(params: dict[str, str], lang: str) -> tuple[staff_villages.VillagePage,
                                                           dict[str, str], list]:
    """The query of a list address, the filters to show again, and what did not make sense
    (dropped, with a sentence naming the field)."""
    t = TEXTS[lang]
    values = {name: params.get(name, "").strip()[:MAX_NAME * 2]
              for name in ("status", "committee", "q", "sort")}
    errors = []
    for name, allowed, label, field_id in (
            ("status", STATUSES, t["status"], "filter-status"),
            ("committee", COMMITTEE_FILTER, t["committee"], "filter-committee"),
            ("sort", ORDERS, t["sort"], "filter-sort")):
        if values[name] and values[name] not in allowed:
            errors.append((field_id, t["bad_filter"].format(field=label)))
            values[name] = ""
    if len(values["q"]) > MAX_NAME or "\x00" in values["q"]:
        errors.append(("filter-q", t["too_long"].format(field=t["name_search"], max=MAX_NAME)))
        values["q"] = ""
    after = params.get("after", "")
    if after and not INSEE.match(after):
        errors.append(("villages", t["bad_cursor"]))
        after = ""
    query = staff_villages.VillagePage(
        host_status=values["status"] or None,
        has_committee=COMMITTEE_FILTER.get(values["committee"]),
        name=values["q"] or None, order=values["sort"] or "name", after=after or None,
        limit=PAGE_SIZE)
    return query, values, errors


def _href(values: dict[str, str], after: str | None = None) -> str:
    query = urlencode([(k, v) for k, v in values.items() if v]
                      + ([("after", after)] if after else []))
    return LIST + (f"?{query}" if query else "")


@router.get("/", response_class=HTMLResponse)
async def village_list(request: Request, pool: DbPool) -> Response:
    """The communes of the Gers (staff; French, `?lang=en` English)."""
    who = staff_only(request)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    query, values, errors = _read_list(dict(request.query_params), lang)
    try:
        found = await staff_villages.village_list(pool, query)
    except NotFound:  # a cursor naming no commune: from the top
        errors.append(("villages", TEXTS[lang]["bad_cursor"]))
        query = replace(query, after=None)
        found = await staff_villages.village_list(pool, query)
    return PAGES.render(
        request, "staff_villages.html", principal=who, texts=TEXTS, lang=lang,
        status_code=422 if errors else 200, errors=errors, values=values, found=found,
        query=query, statuses=[(s, named(HOST_STATUSES, s, lang)) for s in STATUSES],
        status_name=lambda s: named(HOST_STATUSES, s, lang),
        next_url=_href(values, found.next_after) if found.next_after else None,
        first_url=_href(values) if query.after else None)


# --- one village ---------------------------------------------------------------------------

def _opened(request: Request, insee_code: str) -> Principal | Response:
    """Staff and a well-formed INSEE code, or the page that refuses (401/403) or finds
    nothing (404)."""
    who = staff_only(request)
    if isinstance(who, Response):
        return who
    return who if INSEE.match(insee_code) else not_found_page(request, PAGES, who)


def _facts(village: asyncpg.Record, lang: str) -> dict:
    d = distances_from(Position(village["latitude"], village["longitude"]))
    return {"auch_km": round(d.auch_km), "toulouse_km": round(d.toulouse_km),
            "status_name": named(HOST_STATUSES, village["host_status"], lang),
            "broadband_name": named(BROADBAND, village["broadband_technology"], lang),
            "committee_locale_name": named(LOCALES, village["committee_locale"], lang)}


async def _village_page(request: Request, pool: asyncpg.Pool, who: Principal,
                        insee_code: str, *, status_code: int = 200,
                        posted: Posted | None = None, changed: str | None = None,
                        done: str | None = None) -> Response:
    lang = page_language(request)
    try:
        found = await staff_villages.village_for_staff(pool, insee_code)
    except NotFound:
        return not_found_page(request, PAGES, who)
    v = found.village
    forms = {"host_status": {"host_status": v["host_status"]},
             "committee": {"email": v["committee_email"] or "",
                           "locale": v["committee_locale"] or "fr",
                           "webhook_url": v["committee_webhook_url"] or ""}}
    if posted is not None:
        forms[posted.form] = {**forms[posted.form], **posted.values}
    t = TEXTS[lang]
    return PAGES.render(
        request, "staff_village.html", principal=who, texts=TEXTS, lang=lang,
        status_code=status_code, v=v, found=found, facts=_facts(v, lang), forms=forms,
        posted=posted, errors=posted.errors if posted else [],
        by_field=dict(posted.errors) if posted else {}, changed=changed,
        done=t[DONE[done][0]] if done in DONE else None,
        statuses=[(s, named(HOST_STATUSES, s, lang)) for s in STATUSES],
        locales=[(code, named(LOCALES, code, lang)) for code in ("fr", "en")],
        revision=committees.committee_revision(v), counted=counted)


@router.get("/{insee_code}", response_class=HTMLResponse)
async def village_page(insee_code: str, request: Request, pool: DbPool,
                       done: str | None = None) -> Response:
    """One village (staff; French, `?lang=en` English)."""
    who = _opened(request, insee_code)
    if isinstance(who, Response):
        return who
    return await _village_page(request, pool, who, insee_code, done=done)


def _back(insee_code: str, done: str) -> Response:
    anchor = DONE[done][1]
    return RedirectResponse(f"/staff/villages/{insee_code}?done={done}#{anchor}", 303,
                            headers=NO_STORE)


@router.post("/{insee_code}/host-status", response_class=HTMLResponse)
async def set_host_status(insee_code: str, request: Request, pool: DbPool) -> Response:
    """`host_status` (host, associated, none), `seen_host_status` (the one the form showed:
    another one now is a 409, nothing changed)."""
    who = _opened(request, insee_code)
    if isinstance(who, Response):
        return who
    fields = await form_fields(request)
    lang = page_language(request)
    posted = Posted("host_status", {"host_status": fields.get("host_status", "")[:20]})
    if posted.values["host_status"] not in STATUSES:
        posted.errors.append(("host_status", TEXTS[lang]["field_errors"]["host_status"]))
        return await _village_page(request, pool, who, insee_code, status_code=422,
                                   posted=posted)
    seen = fields.get("seen_host_status", "")
    try:
        if seen not in STATUSES:  # a form that does not say what it showed: not current
            raise RecordChanged("no seen_host_status")
        await village_profile.update_profile(pool, insee_code,
                                             {"host_status": posted.values["host_status"]},
                                             seen_host_status=seen)
    except NotFound:
        return not_found_page(request, PAGES, who)
    except RecordChanged:
        return await _village_page(request, pool, who, insee_code, status_code=409,
                                   posted=posted, changed="what_status")
    return _back(insee_code, "status")


def _read_committee(fields: dict[str, str], lang: str) -> tuple[Posted, CommitteeIn | None]:
    names = ("email", "locale", "webhook_url")
    posted = Posted("committee", {name: fields.get(name, "").strip()[:500] for name in names})
    data = {**posted.values, "webhook_url": posted.values["webhook_url"] or None}
    try:
        return posted, CommitteeIn.model_validate(data)
    except ValidationError as exc:
        wrong = {str(e["loc"][0]) for e in exc.errors(include_url=False) if e["loc"]}
        messages = TEXTS[lang]["field_errors"]
        posted.errors = [(name, messages[name]) for name in names if name in wrong]
        return posted, None


@router.post("/{insee_code}/committee", response_class=HTMLResponse)
async def set_committee(insee_code: str, request: Request, pool: DbPool) -> Response:
    """`email`, `locale`, `webhook_url` (optional), `revision` (the committee the form
    showed). A new address, language or webhook publishes committee.changed."""
    who = _opened(request, insee_code)
    if isinstance(who, Response):
        return who
    fields = await form_fields(request)
    posted, committee = _read_committee(fields, page_language(request))
    if committee is None:
        return await _village_page(request, pool, who, insee_code, status_code=422,
                                   posted=posted)
    try:
        await committees.set_committee(
            pool, insee_code, str(committee.email), committee.locale,
            str(committee.webhook_url) if committee.webhook_url else None,
            source=request.app.state.definition.source,
            revision=fields.get("revision", "")[:100])
    except NotFound:
        return not_found_page(request, PAGES, who)
    except RecordChanged:
        return await _village_page(request, pool, who, insee_code, status_code=409,
                                   posted=posted, changed="what_committee")
    return _back(insee_code, "committee")


@router.post("/{insee_code}/committee/remove", response_class=HTMLResponse)
async def remove_committee(insee_code: str, request: Request, pool: DbPool) -> Response:
    """`revision` (the committee the form showed); publishes committee.changed (removed)."""
    who = _opened(request, insee_code)
    if isinstance(who, Response):
        return who
    fields = await form_fields(request)
    try:
        await committees.remove_committee(pool, insee_code,
                                          source=request.app.state.definition.source,
                                          revision=fields.get("revision", "")[:100])
    except NotFound:
        return not_found_page(request, PAGES, who)
    except RecordChanged:
        return await _village_page(request, pool, who, insee_code, status_code=409,
                                   changed="what_committee")
    return _back(insee_code, "removed")
