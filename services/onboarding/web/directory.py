"""The members' directory behind the front door (solos only, each acting as themself).

GET  /members/directory/      the cards of the members who opted in (never the others):
                              name, village, profession, skills, description, website; a
                              GET form searches by skill (text) and village (select);
                              keyset-paged (`after`: the id of the last card shown)
GET  /members/directory/card  my own card: the opt-in box (unchecked for a new member), the
                              card's fields, a preview of what the others see
POST /members/directory/card  `action=preview`: the page again with the preview of what was
                              typed (nothing saved); else saved (303) at the revision the
                              form was drawn at (409 if the card changed meanwhile, what was
                              typed kept); bad input: 422 naming the field.
POST /members/directory/card/contact-agreement
                              `agreed` (a box): my household agrees to be contacted by my
                              village's welcome committee (today), or withdraws it; at the
                              revision the form was drawn at (else 409).

The same use cases as GET /api/members and PUT /api/members/{id}/card."""

import datetime
import re
import uuid
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from shared.auth import Principal, Role
from shared.http.deps import DbPool
from shared.web.access import page_access
from shared.web.language import asked_language, page_language

from ..domain.member_input import CardIn
from ..domain import CaseConflict, local_date
from ..use_cases import contact_agreement, member_card
from ..use_cases.errors import NotFound, RecordChanged
from .directory_texts import TEXTS
from .page_forms import PAGES, form_fields

router = APIRouter(prefix="/members/directory", tags=["members' pages: directory"],
                   include_in_schema=False)
LIST = "/members/directory/"
CARD = "/members/directory/card"
INSEE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")
CARD_FIELDS = ("profession", "skills", "website", "short_description")
NO_STORE = {"Cache-Control": "no-store"}


def solo_only(request: Request) -> Principal | Response:
    return page_access(request, PAGES, Role.SOLO)


def lang_query(request: Request, sep: str = "?") -> str:
    lang = asked_language(request)
    return f"{sep}{urlencode({'lang': lang})}" if lang else ""


def _href(skill: str, village: str, after: uuid.UUID | None = None) -> str:
    query = urlencode([*([("skill", skill)] if skill else []),
                       *([("village", village)] if village else []),
                       *([("after", str(after))] if after else [])])
    return LIST + (f"?{query}" if query else "")


@router.get("/", response_class=HTMLResponse)
async def directory(request: Request, pool: DbPool) -> Response:
    """The directory of opted-in cards (French, `?lang=en` English)."""
    who = solo_only(request)
    if isinstance(who, Response):
        return who
    t = TEXTS[page_language(request)]
    errors = []
    skill = " ".join(request.query_params.get("skill", "").split())
    if len(skill) > 60:
        errors.append(("filter-skill", t["bad_skill"]))
        skill = skill[:60]
    village = request.query_params.get("village", "").strip()
    if village and not INSEE.match(village):
        errors.append(("filter-village", t["bad_filter"]))
        village = ""
    raw_after = request.query_params.get("after", "")
    try:
        after = uuid.UUID(raw_after[:100]) if raw_after else None
    except ValueError:
        after = None
        errors.append(("cards", t["bad_cursor"]))
    found = await member_card.directory_page(pool, skill or None, village or None, after)
    return PAGES.render(
        request, "members_directory.html", principal=who, texts=TEXTS,
        status_code=422 if errors else 200, errors=errors, skill=skill, village=village,
        after=after, found=found, searched=bool(skill or village),
        next_url=_href(skill, village, found.next_after) if found.next_after else None,
        first_url=_href(skill, village) if after else None, headers=NO_STORE)


# --- my card ------------------------------------------------------------------------------

def _typed_of(member) -> dict[str, str]:
    return {"listed": "on" if member["listed"] else "",
            "profession": member["profession"] or "",
            "skills": ", ".join(member["skills"]),
            "website": member["website"] or "",
            "short_description": member["short_description"] or ""}


def skills_of(raw: str) -> list[str]:
    return [s.strip() for s in re.split(r"[,\n;]", raw) if s.strip()]


async def _card_page(request: Request, who: Principal, member, *, typed=None,
                     revision: str | None = None, preview: bool = False, errors=(),
                     problem: str | None = None, done: bool = False,
                     agreement_done: bool = False, status_code: int = 200) -> Response:
    typed = typed if typed is not None else _typed_of(member)
    errors = list(errors)
    agreed_on, agreement_revision = await contact_agreement.agreement_of_member(
        request.app.state.pool, member["id"])
    return PAGES.render(
        request, "members_directory_card.html", principal=who, texts=TEXTS,
        status_code=status_code, member=member, typed=typed,
        shown_skills=skills_of(typed.get("skills", "")),
        revision=member_card.card_revision(member) if revision is None else revision,
        preview=preview, errors=errors, by_field=dict(errors), problem=problem, done=done,
        agreement_done=agreement_done, agreed_on=agreed_on,
        agreement_revision=agreement_revision, headers=NO_STORE)


async def _own(request: Request) -> tuple[Principal, object] | Response:
    who = solo_only(request)
    if isinstance(who, Response):
        return who
    member = await member_card.own_member(request.app.state.pool, who.member)
    if member is None or member["anonymised_at"] is not None:
        t = TEXTS[page_language(request)]
        gone = member is not None
        return PAGES.render(request, "message.html", principal=who, status_code=404,
                            title=t["erased_title" if gone else "no_member_title"],
                            paragraphs=[t["erased" if gone else "no_member"]],
                            link={"href": LIST, "label": t["back"]}, headers=NO_STORE)
    return who, member


@router.get("/card", response_class=HTMLResponse)
async def my_card(request: Request, done: str | None = None) -> Response:
    """My card as saved, to edit, with the preview of what the others see."""
    found = await _own(request)
    if isinstance(found, Response):
        return found
    who, member = found
    return await _card_page(request, who, member, done=done == "saved",
                            agreement_done=done == "agreement")


@router.post("/card/contact-agreement", response_class=HTMLResponse)
async def agreement_posted(request: Request) -> Response:
    """My household agrees (`agreed` ticked) to be contacted by my village's committee, or
    withdraws; 409 when the form is stale (nothing saved)."""
    found = await _own(request)
    if isinstance(found, Response):
        return found
    who, member = found
    fields = await form_fields(request)
    try:
        await contact_agreement.set_agreement_of_member(
            request.app.state.pool, member["id"], bool(fields.get("agreed")),
            today=local_date(datetime.datetime.now(datetime.UTC)),
            revision=fields.get("agreement_revision", "")[:64])
    except (NotFound, CaseConflict):
        t = TEXTS[page_language(request)]
        return PAGES.render(request, "message.html", principal=who, status_code=409,
                            title=t["erased_title"], paragraphs=[t["erased"]],
                            headers=NO_STORE)
    except RecordChanged:
        return await _card_page(request, who, member, problem="agreement", status_code=409)
    return RedirectResponse(f"{CARD}?done=agreement{lang_query(request, '&')}#agreement",
                            status_code=303, headers=NO_STORE)


@router.post("/card", response_class=HTMLResponse)
async def card_posted(request: Request) -> Response:
    found = await _own(request)
    if isinstance(found, Response):
        return found
    who, member = found
    fields = await form_fields(request)
    typed = {"listed": "on" if fields.get("listed") else "",
             **{f: fields.get(f, "").strip() for f in CARD_FIELDS}}
    revision = fields.get("revision", "")[:64]
    t = TEXTS[page_language(request)]
    try:
        card = CardIn(listed=bool(typed["listed"]), profession=typed["profession"] or None,
                      skills=skills_of(typed["skills"]), website=typed["website"] or None,
                      short_description=typed["short_description"] or None)
    except ValidationError as invalid:
        wrong = []
        for error in invalid.errors():
            name = str(error["loc"][0]) if error["loc"] else "listed"
            if name not in wrong:
                wrong.append(name)
        errors = [(name, t["errors"].get(name, t["errors"]["listed"])) for name in wrong]
        return await _card_page(request, who, member, typed=typed, revision=revision,
                                errors=errors, status_code=422)
    if fields.get("action") == "preview":
        return await _card_page(request, who, member, typed=typed, revision=revision,
                                preview=True)
    changes = card.model_dump()
    changes["website"] = str(card.website) if card.website else None
    try:
        await member_card.save_card(request.app.state.pool, member["id"], changes,
                                    revision=revision)
    except (NotFound, CaseConflict):
        return PAGES.render(request, "message.html", principal=who, status_code=409,
                            title=t["erased_title"], paragraphs=[t["erased"]],
                            headers=NO_STORE)
    except RecordChanged:
        fresh = await member_card.own_member(request.app.state.pool, member["id"])
        return await _card_page(request, who, fresh, typed=typed, problem="changed",
                                status_code=409)
    return RedirectResponse(f"{CARD}?done=saved{lang_query(request, '&')}", status_code=303,
                            headers=NO_STORE)
