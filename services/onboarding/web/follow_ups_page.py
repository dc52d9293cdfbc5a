"""A member's follow-up questions at 1, 6 and 12 months, behind the front door (solos
only, each on their own follow-ups): still here? the activity going? a word for the team.

GET  /members/follow-ups/{months}   the questions (the answers given, if any, to correct);
                                    a milestone not yet due: a page saying from when
POST /members/follow-ups/{months}   recorded as staff record it (the use case of PUT
                                    /api/members/{id}/follow-ups/{months}; answering again
                                    corrects): 303; a question unanswered: 422 naming it;
                                    not yet due or the member erased: 409, nothing written.
Another months value, or no member yet: the 404 page."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from shared.auth import Principal
from shared.http.deps import DbPool
from shared.web.access import not_found_page
from shared.web.language import page_language

from ..domain.member_input import FollowUpIn
from ..domain import CaseConflict
from ..use_cases import member_card
from ..use_cases.errors import NotFound
from .cases_common import today
from .directory import NO_STORE, lang_query, solo_only
from .directory_texts import TEXTS
from .page_forms import PAGES, form_fields

router = APIRouter(prefix="/members/follow-ups", tags=["members' pages: follow-ups"],
                   include_in_schema=False)
MILESTONES = {"1": 1, "6": 6, "12": 12}
ANSWERS = {"yes": True, "no": False}


async def _opened(request: Request, pool, raw_months: str):
    who = solo_only(request)
    if isinstance(who, Response):
        return who
    months = MILESTONES.get(raw_months)
    member = await member_card.own_member(pool, who.member)
    if months is None or member is None:
        return not_found_page(request, PAGES, who)
    follow_up = await member_card.own_follow_up(pool, member["id"], months)
    if follow_up is None:
        return not_found_page(request, PAGES, who)
    return who, member, months, follow_up


def _typed_of(f) -> dict[str, str]:
    def answer(value):
        return "" if value is None else ("yes" if value else "no")
    return {"still_here": answer(f["still_here"]), "activity_going": answer(f["activity_going"]),
            "note": f["note"] or ""}


def _page(request: Request, who: Principal, member, months: int, follow_up, *, typed=None,
          errors=(), done=False, status_code=200) -> Response:
    errors = list(errors)
    not_yet = follow_up["due_on"] > today()
    return PAGES.render(
        request, "member_follow_up.html", principal=who, texts=TEXTS, status_code=status_code,
        member=member, months=months, f=follow_up, not_yet=not_yet,
        typed=typed if typed is not None else _typed_of(follow_up), errors=errors,
        by_field=dict(errors), done=done, headers=NO_STORE)


@router.get("/{months}", response_class=HTMLResponse)
async def follow_up_page(months: str, request: Request, pool: DbPool,
                         done: str | None = None) -> Response:
    """The questions at this milestone (French, `?lang=en` English)."""
    opened = await _opened(request, pool, months)
    if isinstance(opened, Response):
        return opened
    return _page(request, *opened, done=done == "saved")


@router.post("/{months}", response_class=HTMLResponse)
async def follow_up_answered(months: str, request: Request, pool: DbPool) -> Response:
    opened = await _opened(request, pool, months)
    if isinstance(opened, Response):
        return opened
    who, member, milestone, follow_up = opened
    fields = await form_fields(request)
    typed = {"still_here": fields.get("still_here", ""),
             "activity_going": fields.get("activity_going", ""),
             "note": fields.get("note", "").strip()}
    t = TEXTS[page_language(request)]
    wrong = [name for name in ("still_here", "activity_going") if typed[name] not in ANSWERS]
    answers = None
    if not wrong:
        try:
            answers = FollowUpIn(still_here=ANSWERS[typed["still_here"]],
                                 activity_going=ANSWERS[typed["activity_going"]],
                                 note=typed["note"] or None)
        except ValidationError:
            wrong = ["note"]
    if wrong:
        return _page(request, who, member, milestone, follow_up, typed=typed, status_code=422,
                     errors=[(f"{name}-yes" if name != "note" else name, t["fu_errors"][name])
                             for name in wrong])
    try:
        await member_card.answer_follow_up(
            pool, member["id"], milestone, answers.still_here, answers.activity_going,
            answers.note, _by(who), today=today(),
            source=request.app.state.definition.source)
    except member_card.NotYetDue:
        return _page(request, who, member, milestone, follow_up, typed=typed, status_code=409)
    except (NotFound, CaseConflict):
        return PAGES.render(request, "message.html", principal=who, status_code=409,
                            title=t["fu_erased_title"], paragraphs=[t["fu_erased"]],
                            headers=NO_STORE)
    return RedirectResponse(f"/members/follow-ups/{milestone}?done=saved"
                            f"{lang_query(request, '&')}", status_code=303, headers=NO_STORE)


def _by(who: Principal) -> str:
    """Who recorded it, as staff read it on the member's page: the member themself."""
    return f"{who.name or 'membre'} (membre)"[:100]
