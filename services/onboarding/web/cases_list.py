"""The staff's list of installation cases, /staff/cases/, and a prospect's installation as
a fragment for the prospect file, /staff/cases/of-prospect/{prospect_id}.

GET /staff/cases/   filters as a GET form: status (open by default; installed, abandoned,
                    all), assignee ("" everyone, "none" nobody, "to:<name>"), sort ("due":
                    overdue first, then the soonest due; "step": grouped by current step),
                    `after` the keyset cursor of the next page.
GET /staff/cases/of-prospect/{prospect_id}
                    the prospect's case and its steps done, as timeline entries; without
                    layout when htmx asks (HX-Request), the full page otherwise."""

import datetime
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.auth import Role
from shared.http.deps import DbPool
from shared.reference.calendar import PARIS
from shared.web.access import not_found_page, page_access
from shared.web.language import page_language

from ..domain import StepStatus
from ..store.case_list import CaseListFilter
from ..use_cases import case_list
from .cases_common import LIST, PAGES, parsed_id, today
from .cases_texts import TEXTS
from .cases_view import (household, lateness, person_name, status_name, step_title,
                         village_name)

router = APIRouter(prefix="/staff/cases", tags=["staff pages: installation cases"],
                   include_in_schema=False)
STATUSES = ("open", "installed", "abandoned", "all")
SORTS = ("due", "step")
PAGE_SIZE = 25


def read_filters(params, lang: str) -> tuple[CaseListFilter, dict[str, str], list]:
    """The filter as the use case reads it, the values to show again, and what was not
    understood (field id, sentence): dropped, the list still shows."""
    t = TEXTS[lang]
    raw = {k: v.strip()[:300] for k, v in params.multi_items()}
    values = {"status": raw.get("status") or "open", "assignee": raw.get("assignee", ""),
              "sort": raw.get("sort") or "due", "after": raw.get("after", "")}
    errors = []
    for name, known, label in (("status", STATUSES, t["status"]), ("sort", SORTS, t["sort"])):
        if values[name] not in known:
            errors.append((f"filter-{name}", t["bad_filter"].format(field=label)))
            values[name] = known[0]
    assigned_to, unassigned = None, False
    if values["assignee"] == "none":
        unassigned = True
    elif values["assignee"].startswith("to:") and 0 < len(values["assignee"]) - 3 <= 100:
        assigned_to = values["assignee"][3:]
    elif values["assignee"]:
        errors.append(("filter-assignee", t["bad_filter"].format(field=t["assignee"])))
        values["assignee"] = ""
    after = None
    if values["after"]:
        try:
            after = case_list.read_cursor(values["after"])
        except case_list.BadCursor:
            errors.append(("cases", t["bad_cursor"]))
            values["after"] = ""
    if after and (after[0] != 0) != (values["sort"] == "step"):
        errors.append(("cases", t["bad_cursor"]))  # a cursor of the other order
        after, values["after"] = None, ""
    status = None if values["status"] == "all" else values["status"]
    return (CaseListFilter(status=status, assigned_to=assigned_to, unassigned=unassigned,
                           by_step=values["sort"] == "step", after=after), values, errors)


def _href(values: dict[str, str], **changes: str) -> str:
    kept = {**values, **changes}
    query = urlencode([(k, v) for k, v in kept.items() if v])
    return LIST + (f"?{query}" if query else "")


@router.get("/", response_class=HTMLResponse)
async def case_list_page(request: Request, pool: DbPool) -> Response:
    """The cases, overdue first (staff; French, `?lang=en` English)."""
    who = page_access(request, PAGES, Role.STAFF)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    query, values, errors = read_filters(request.query_params, lang)
    page = await case_list.list_cases(pool, query, PAGE_SIZE)
    day = today()
    rows = [{"id": r["id"], "name": person_name(r, lang), "household": household(r, lang),
             "status": r["status"], "status_name": status_name(r["status"], lang),
             "step": step_title(r["current_key"], lang) if r["current_key"] else None,
             "step_key": r["current_key"], "due_on": r["current_due_on"],
             "late": lateness(r["current_due_on"], day, lang),
             "overdue": r["current_due_on"] is not None and r["current_due_on"] < day,
             "assigned_to": r["assigned_to"]} for r in page.rows]
    groups: list[tuple[str | None, list[dict]]] = []
    for row in rows:  # consecutive rows of one current step make a group (sorted by step)
        label = row["step"] if values["sort"] == "step" else None
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(row)
    return PAGES.render(
        request, "staff_cases.html", principal=who, texts=TEXTS, rows=rows, groups=groups,
        values=values,
        errors=errors, assignees=page.assignees, statuses=STATUSES,
        status_name=lambda s: status_name(s, lang),
        next_href=_href(values, after=page.next_cursor) if page.next_cursor else None,
        first_href=_href(values, after="") if values["after"] else None,
        me=who.name or who.sub)


@router.get("/of-prospect/{prospect_id}", response_class=HTMLResponse)
async def cases_of_prospect(prospect_id: str, request: Request, pool: DbPool) -> Response:
    """The prospect's installation: their case, its steps done, as timeline entries (an
    HTML fragment for htmx, `HX-Request`; the full page otherwise)."""
    who = page_access(request, PAGES, Role.STAFF)
    if isinstance(who, Response):
        return who
    parsed = parsed_id(prospect_id)
    if parsed is None:
        return not_found_page(request, PAGES, who)
    lang = page_language(request)
    t = TEXTS[lang]
    cases = []
    for case, steps in await case_list.cases_of_prospect(pool, parsed):
        entries = [(case["opened_at"], t["of_prospect_opened"], None)]
        for s in steps:
            if s["status"] != StepStatus.PENDING and s["resolved_at"] is not None:
                words = t["of_prospect_done" if s["status"] == StepStatus.DONE
                          else "of_prospect_skipped"]
                entries.append((s["resolved_at"], words.format(step=step_title(s["key"], lang)),
                                s["skip_reason"]))
        if case["installed_on"] is not None:
            entries.append((case["installed_on"], t["of_prospect_installed"].format(
                village=case["installed_village_name"] or village_name(case["installed_village"])),
                None))
        if case["status"] == "abandoned" and case["closed_at"] is not None:
            entries.append((case["closed_at"], t["of_prospect_abandoned"],
                            case["abandon_reason"]))
        entries.sort(key=lambda e: _moment(e[0]), reverse=True)
        done = sum(1 for s in steps if s["status"] == StepStatus.DONE)
        cases.append({"id": case["id"], "entries": entries,
                      "summary": t["of_prospect_status"].format(
                          status=status_name(case["status"], lang).lower(), done=done,
                          total=len(steps))})
    fragment = request.headers.get("HX-Request") == "true"
    return PAGES.render(request, "staff_case_of_prospect.html", principal=who, texts=TEXTS,
                        cases=cases, fragment=fragment, prospect_id=parsed,
                        headers={"Vary": "HX-Request"})


def _moment(value: datetime.date | datetime.datetime) -> datetime.datetime:
    """Dates and instants on one line (a date is the start of its day in Paris)."""
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time(), tzinfo=PARIS)
