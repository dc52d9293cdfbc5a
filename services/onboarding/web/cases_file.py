"""The staff's case page, /staff/cases/{case_id}: the household, the checklist (due dates,
what each step waits for) with its forms, the villages that suit the household in a list
and on a map of the Gers, installing, abandoning (after a confirmation page), who follows
the case, and the follow-ups once the household moved in.

Every form calls the use case the JSON API calls, at the revision the page was drawn at:
if the case changed meanwhile nothing is done and the page answers 409 with the case as it
now stands and what was typed; a step the rules refuse is 409 saying why; a bad field 422
with the error summary. Success: 303 back to the case, saying what was done."""

import asyncpg
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.auth import Principal
from shared.http.deps import DbPool
from shared.reference.communes import communes
from shared.web.access import not_found_page
from shared.web.language import page_language

from ..domain import TEMPLATE_BY_KEY, CaseConflict, StepConflict
from ..use_cases import checklist, contact_agreement, installation
from ..use_cases.case_file import case_file
from ..use_cases.errors import InvalidInput, NotFound, RecordChanged
from . import cases_forms as forms
from .cases_common import PAGES, actor, form_fields, opened, today
from .cases_texts import TEXTS, counted
from .cases_view import case_view, problem_sentence, step_views

router = APIRouter(prefix="/staff/cases", tags=["staff pages: installation cases"],
                   include_in_schema=False)
ANCHORS = {"complete": "steps", "skip": "steps", "reopen": "steps", "install": "install",
           "abandon": "top", "assignee": "assignee",
           "contact-agreement": "contact-agreement"}
ALPHABETICAL = sorted(communes().values(), key=lambda c: (c.name, c.insee_code))


async def _page(request: Request, pool: asyncpg.Pool, who: Principal, case_id, *,
                status_code: int = 200, posted: forms.Posted | None = None,
                problem: str | None = None, done: str | None = None,
                template: str = "staff_case.html") -> Response:
    lang = page_language(request)
    t = TEXTS[lang]
    file = await case_file(pool, case_id)
    if file is None:
        return not_found_page(request, PAGES, who)
    view = case_view(file, lang)
    steps = step_views(file.steps, lang, today())
    install = {"village": view["matches"][0]["code"] if view["matches"] else "",
               "installed_on": today().isoformat(),
               "household_size": str(view["household_size"])}
    agreed_on = view["contact_agreed_on"]
    typed = {"install": install, "assignee": {"assigned_to": view["assigned_to"] or ""},
             "contact-agreement": {"agreed": "yes" if agreed_on else "",
                                   "agreed_on": (agreed_on or today()).isoformat()}}
    if posted is not None:
        typed[posted.form] = posted.values
    return PAGES.render(
        request, template, principal=who, texts=TEXTS, status_code=status_code, c=view,
        steps=steps, typed=typed, posted=posted, problem=problem,
        errors=posted.errors if posted else [],
        by_field=posted.field_errors if posted else {},
        problem_sentence=problem_sentence(problem, posted, steps, view["status"], lang),
        done=t["done"].get(done or ""), communes=ALPHABETICAL, counted=counted,
        me=actor(who), today_iso=today().isoformat())


@router.get("/{case_id}", response_class=HTMLResponse)
async def case_page(case_id: str, request: Request, pool: DbPool,
                    done: str | None = None) -> Response:
    """The case (staff; French, `?lang=en` English)."""
    access = opened(request, case_id)
    if isinstance(access, Response):
        return access
    who, parsed = access
    return await _page(request, pool, who, parsed, done=done)


@router.get("/{case_id}/abandon", response_class=HTMLResponse)
async def confirm_abandon(case_id: str, request: Request, pool: DbPool) -> Response:
    """What abandoning the case means, the reason to give, and the button that does it."""
    access = opened(request, case_id)
    if isinstance(access, Response):
        return access
    who, parsed = access
    return await _page(request, pool, who, parsed, template="staff_case_abandon.html")


def _done(case_id, form: str, key: str | None = None) -> Response:
    anchor = f"step-{key}" if key else ANCHORS[form]
    return RedirectResponse(f"/staff/cases/{case_id}?done={form}#{anchor}", 303,
                            headers={"Cache-Control": "no-store"})


async def _act(request: Request, pool: asyncpg.Pool, who: Principal, case_id,
               posted: forms.Posted) -> Response:
    """Call the form's use case; the page again with the problem when it refuses."""
    template = "staff_case_abandon.html" if posted.form == "abandon" else "staff_case.html"

    async def again(status_code: int, problem: str | None = None) -> Response:
        return await _page(request, pool, who, case_id, status_code=status_code,
                           posted=posted, problem=problem, template=template)

    if posted.errors:
        return await again(422)
    if posted.stale:
        return await again(409, "changed")
    try:
        if posted.form in forms.STEP_ACTIONS:
            await checklist.change_step(
                pool, case_id, posted.key, posted.form, actor(who),
                reason=forms.reason(posted) if posted.form == "skip" else None,
                revision=posted.revision)
        elif posted.form == "install":
            village, installed_on, size = forms.install_values(posted)
            await installation.install(pool, case_id, village, installed_on, size,
                                       today=today(), source=request.app.state.definition.source,
                                       revision=posted.revision)
        elif posted.form == "contact-agreement":
            await contact_agreement.set_agreement(
                pool, case_id, forms.agreement_day(posted, today()), today=today(),
                revision=posted.revision)
        elif posted.form == "abandon":
            await installation.abandon(pool, case_id, forms.reason(posted),
                                       revision=posted.revision)
        else:
            await checklist.update_case(pool, case_id,
                                        {"assigned_to": forms.assignee(posted)},
                                        actor(who), revision=posted.revision)
    except NotFound:
        return not_found_page(request, PAGES, who)
    except RecordChanged:
        return await again(409, "changed")
    except InvalidInput as refused:
        lang = page_language(request)
        message = TEXTS[lang]["errors"].get(f"{refused.field}_range",
                                            TEXTS[lang]["errors"].get(refused.field, ""))
        posted.errors.append((refused.field, message))
        return await again(422)
    except StepConflict:
        return await again(409, f"step:{posted.form}")
    except (CaseConflict, asyncpg.UniqueViolationError):
        return await again(409, "case")
    return _done(case_id, posted.form, posted.key if posted.form in forms.STEP_ACTIONS else None)


@router.post("/{case_id}/steps/{key}/{action}", response_class=HTMLResponse)
async def move_step(case_id: str, key: str, action: str, request: Request,
                    pool: DbPool) -> Response:
    """Complete, skip (with a reason) or reopen a step."""
    access = opened(request, case_id)
    if isinstance(access, Response):
        return access
    who, parsed = access
    if key not in TEMPLATE_BY_KEY or action not in forms.STEP_ACTIONS:
        return not_found_page(request, PAGES, who)
    posted = forms.read_form(action, await form_fields(request), page_language(request),
                             key=key)
    return await _act(request, pool, who, parsed, posted)


@router.post("/{case_id}/{form}", response_class=HTMLResponse)
async def act_on_case(case_id: str, form: str, request: Request, pool: DbPool) -> Response:
    """Install, abandon, set who follows the case, or record (or withdraw) the household's
    agreement to be contacted by its village's welcome committee."""
    access = opened(request, case_id)
    if isinstance(access, Response):
        return access
    who, parsed = access
    if form not in ("install", "abandon", "assignee", "contact-agreement"):
        return not_found_page(request, PAGES, who)
    posted = forms.read_form(form, await form_fields(request), page_language(request))
    return await _act(request, pool, who, parsed, posted)
