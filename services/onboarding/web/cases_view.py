"""What the case pages show, from the records: names, households, the checklist's steps
with what each waits for, due dates and how late they are (pure functions, no I/O)."""

import datetime
from dataclasses import dataclass, field

from shared.reference.communes import communes
from shared.reference.countries import countries
from shared.reference.sectors import sector_name
from shared.web.gers_map import gers_map

from ..domain import TEMPLATE_BY_KEY, StepStatus
from .cases_texts import OWNERS, STATUS, TEXTS, counted


LANGUAGES = {"fr": {"fr": "français", "en": "anglais"}, "en": {"fr": "French", "en": "English"}}


def step_title(key: str, lang: str) -> str:
    template = TEMPLATE_BY_KEY.get(key)
    if template is None:
        return key
    return template.title_fr if lang == "fr" else template.title_en


def person_name(row, lang: str) -> str:
    names = [n for n in (row["first_name"], row["last_name"]) if n]
    return " ".join(names) if names else TEXTS[lang]["erased"]


def household(row, lang: str) -> str:
    t = TEXTS[lang]
    text = counted(t["people"], row["household_size"])
    if row["children"] is not None and row["household_size"] > 1:
        text += counted(t["children"], row["children"])
    return text


def lateness(due: datetime.date | None, today: datetime.date, lang: str) -> str | None:
    """"En retard de 3 jours" for a past due date, "Pour aujourd'hui" today, else None."""
    if due is None or due > today:
        return None
    if due == today:
        return TEXTS[lang]["due_today"]
    return counted(TEXTS[lang]["overdue"], (today - due).days)


def village_name(code: str | None) -> str:
    if code is None:
        return ""
    commune = communes().get(code)
    return commune.name if commune else code


def country_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    country = countries().get(code)
    return country.name(lang) if country else code


@dataclass
class StepView:
    key: str
    title: str
    owner: str
    status: str
    due_on: datetime.date
    late: str | None
    overdue: bool
    waits_for: list[str]
    after: list[str]
    resolved_at: datetime.datetime | None
    resolved_by: str | None
    skip_reason: str | None
    note: str | None
    can_complete: bool
    needed_by: list[str] = field(default_factory=list)


def step_views(steps, lang: str, today: datetime.date) -> list[StepView]:
    by_key = {s["key"]: s for s in steps}
    views = []
    for s in steps:
        pending = s["status"] == StepStatus.PENDING
        prerequisites = [p for p in s["prerequisites"] if p in by_key]
        waits = [step_title(p, lang) for p in prerequisites
                 if by_key[p]["status"] == StepStatus.PENDING]
        needed_by = [step_title(o["key"], lang) for o in steps
                     if s["key"] in o["prerequisites"] and o["status"] == StepStatus.DONE]
        views.append(StepView(
            key=s["key"], title=step_title(s["key"], lang),
            owner=OWNERS[lang].get(s["owner_role"], s["owner_role"]), status=s["status"],
            due_on=s["due_on"], late=lateness(s["due_on"], today, lang) if pending else None,
            overdue=pending and s["due_on"] < today, waits_for=waits,
            after=[step_title(p, lang) for p in prerequisites],
            resolved_at=s["resolved_at"], resolved_by=s["resolved_by"],
            skip_reason=s["skip_reason"], note=s["note"], can_complete=pending and not waits,
            needed_by=needed_by))
    return views


def conflict_message(kind: str, step: StepView | None, lang: str) -> str:
    """Why a step could not move, said from the checklist as it now stands."""
    t = TEXTS[lang]["conflicts"]
    if step is None:
        return t[kind]
    if kind == "complete":
        kind = "waits" if step.status == StepStatus.PENDING and step.waits_for else "resolved"
    elif kind == "skip":
        kind = "resolved"
    elif kind == "reopen":
        kind = "pending" if step.status == StepStatus.PENDING else "needed"
    steps = ", ".join(step.waits_for if kind == "waits" else step.needed_by)
    return t[kind].format(step=step.title, steps=steps)


def status_name(status: str, lang: str) -> str:
    return STATUS[lang].get(status, status)


def case_view(file, lang: str) -> dict:
    """The case page's facts, from what use_cases.case_file read."""
    case = file.case
    matches = [{"rank": i, "code": m.village.insee_code, "name": m.village.name,
                "score": m.score, "reasons": [(r.fr if lang == "fr" else r.en, r.points)
                                              for r in m.reasons]}
               for i, m in enumerate(file.matches, start=1)]
    return {
        "id": case["id"], "prospect_id": case["prospect_id"], "status": case["status"],
        "status_name": status_name(case["status"], lang), "name": person_name(case, lang),
        "household": household(case, lang), "household_size": case["household_size"],
        "opened_at": case["opened_at"], "qualified_by": case["qualified_by"],
        "assigned_to": case["assigned_to"], "email": case["email"],
        "language": LANGUAGES[lang].get(case["locale"], case["locale"]),
        "origin": country_name(case["origin_country"], lang),
        "sector": sector_name(case["sector"], lang),
        "wished": [village_name(c) for c in case["target_villages"]],
        "revision": case["updated_at"].isoformat(), "closed_at": case["closed_at"],
        "abandon_reason": case["abandon_reason"], "member_id": case["member_id"],
        "installed_village": file.installed_village_name
        or village_name(case["installed_village"]),
        "installed_on": case["installed_on"], "matches": matches,
        "map": gers_map([m["code"] for m in matches]), "follow_ups": file.follow_ups,
        "committee_contacts": list(file.committee_contacts),
        "contact_agreed_on": case["contact_agreed_on"],
        "editable": case["status"] != "abandoned", "open": case["status"] == "open",
    }


def problem_sentence(problem: str | None, posted, steps, status: str,
                      lang: str) -> str | None:
    """What a 409 page says, from the case as it now stands."""
    if problem is None or problem == "changed":
        return None
    if problem.startswith("step:"):
        step = next((s for s in steps if posted and s.key == posted.key), None)
        return conflict_message(problem[5:], step, lang)
    kind = "installed" if status == "installed" and posted and posted.form == "install" \
        else "closed"
    return TEXTS[lang]["conflicts"][kind]
