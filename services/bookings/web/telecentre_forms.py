"""The telecentre page's forms: from the posted fields to the models the JSON API reads
(domain/place_input.py), keeping what was typed, saying field by field what is wrong, and
reading what the form was built from (`seen_...` hidden fields) for the stale check."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from pydantic import ValidationError

from ..domain.modes import BookingMode, ResourceKind
from ..domain.place_input import ClosureIn, ResourceIn, ResourcePatch, WeekIn
from ..domain.schedule import OpeningHours
from .telecentre_texts import TEXTS
from .typed_values import parse_clock, parse_day
from .week_words import weekday_name

SHOWN_BACK_MAX = 300  # characters of a field typed back into the page
AUTO_MODE = {ResourceKind.HOT_DESK: BookingMode.HALF_DAY,
             ResourceKind.PRIVATE_OFFICE: BookingMode.HALF_DAY,
             ResourceKind.MEETING_ROOM: BookingMode.HOUR}


@dataclass
class Posted:
    """One form as sent: which (`hours`, `closure`, `reopen`, `desk`, `desk:<id>`), what was
    typed, the errors (field id, message) in the page's order, what to hand the use case
    (`model`) and what the form was built from (`seen`; `stale` when that cannot be read)."""

    form: str
    values: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)
    model: object = None
    seen: object = None
    stale: bool = False


def _typed(fields: Mapping[str, str], names) -> dict[str, str]:
    return {name: str(fields.get(name, ""))[:SHOWN_BACK_MAX] for name in names}


def read_hours(fields: Mapping[str, str], lang: str) -> Posted:
    names = [f"{side}_{d}" for d in range(7) for side in ("opens", "closes")]
    posted = Posted("hours", _typed(fields, names))
    words = TEXTS[lang]["field"]
    entries, seen = [], []
    for d in range(7):
        day_name = weekday_name(d, lang).capitalize()
        typed = [posted.values[f"opens_{d}"].strip(), posted.values[f"closes_{d}"].strip()]
        seen_pair = [str(fields.get(f"seen_{side}_{d}", "")).strip()
                     for side in ("opens", "closes")]
        if any(seen_pair):
            clocks = [parse_clock(v) for v in seen_pair]
            if None in clocks:
                posted.stale = True
            else:
                seen.append(OpeningHours(d, *clocks) if clocks[0] < clocks[1] else None)
        if not any(typed):
            continue
        if not all(typed):
            posted.errors.append((f"opens_{d}" if not typed[0] else f"closes_{d}",
                                  words["hours_pair"].format(day=day_name)))
            continue
        clocks = [parse_clock(v) for v in typed]
        bad = [i for i, c in enumerate(clocks) if c is None]
        if bad:
            side = ("opens", "closes")[bad[0]]
            posted.errors.append((f"{side}_{d}", words["hours_time"].format(
                day=day_name, value=typed[bad[0]][:20])))
            continue
        entries.append({"weekday": d, "opens": clocks[0], "closes": clocks[1]})
    if None in seen:
        posted.stale = True
    posted.seen = [s for s in seen if s is not None]
    try:
        week = WeekIn.model_validate({"opening_hours": entries})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            index = error["loc"][1] if len(error["loc"]) > 1 else 0
            d = entries[index]["weekday"] if isinstance(index, int) else 0
            posted.errors.append((f"closes_{d}", words["hours_order"].format(
                day=weekday_name(d, lang).capitalize())))
        week = None
    posted.errors.sort(key=lambda e: names.index(e[0]))
    if not posted.errors and week is not None:
        posted.model = [OpeningHours(h.weekday, h.opens, h.closes) for h in week.opening_hours]
    return posted


def read_closure(fields: Mapping[str, str], lang: str, today: date) -> Posted:
    posted = Posted("closure", _typed(fields, ("day", "reason")))
    words = TEXTS[lang]["field"]
    typed_day = posted.values["day"].strip()
    day = parse_day(typed_day)
    if not typed_day:
        posted.errors.append(("day", words["closure_day_missing"]))
    elif day is None:
        posted.errors.append(("day", words["closure_day"].format(value=typed_day[:40])))
    elif day < today:
        posted.errors.append(("day", words["closure_day_past"]))
    try:
        reason = ClosureIn.model_validate({"reason": posted.values["reason"]}).reason
    except ValidationError:
        posted.errors.append(("reason", words["closure_reason"]))
        reason = None
    if not posted.errors:
        posted.model = (day, reason)
    return posted


def read_reopen(fields: Mapping[str, str]) -> Posted:
    """The closure to remove (a day and the reason it was read with): nothing to type, so
    anything unreadable is a form that no longer matches the page (stale)."""
    posted = Posted("reopen", _typed(fields, ("day",)))
    day = parse_day(posted.values["day"])
    posted.seen = str(fields.get("seen_reason", ""))[:SHOWN_BACK_MAX]
    posted.stale = day is None or not posted.seen
    posted.model = day
    return posted


def read_new_desk(fields: Mapping[str, str], lang: str) -> Posted:
    names = ("kind", "name", "capacity", "booking_mode")
    posted = Posted("desk", _typed(fields, names))
    words = TEXTS[lang]["field"]
    values = posted.values
    kind = values["kind"] if values["kind"] in {k.value for k in ResourceKind} else None
    mode = values["booking_mode"] or (AUTO_MODE[ResourceKind(kind)] if kind else "")
    capacity = values["capacity"].strip()
    data = {"kind": values["kind"], "name": values["name"], "booking_mode": mode,
            "capacity": int(capacity) if capacity.isascii() and capacity.isdigit()
            and len(capacity) < 6 else capacity or 1}
    try:
        posted.model = ResourceIn.model_validate(data)
    except ValidationError as exc:
        found = set()
        for error in exc.errors(include_url=False):
            name = str(error["loc"][0]) if error["loc"] else "booking_mode"
            found.add(name if name in names else "booking_mode")
        messages = {"kind": "desk_kind", "name": "desk_name", "capacity": "desk_capacity",
                    "booking_mode": "desk_mode"}
        if "kind" in found:
            found.discard("booking_mode")  # the mode is judged once the kind is known
        posted.errors = [(n, words[messages[n]]) for n in names if n in found]
    return posted


def read_desk_change(desk_id: uuid.UUID, fields: Mapping[str, str], lang: str) -> Posted:
    posted = Posted(f"desk:{desk_id}", _typed(fields, ("name", "active")))
    seen_name = str(fields.get("seen_name", ""))[:SHOWN_BACK_MAX]
    seen_active = str(fields.get("seen_active", ""))
    posted.stale = not seen_name or seen_active not in ("true", "false")
    posted.seen = {"name": seen_name, "active": seen_active == "true"}
    posted.values["active"] = "true" if posted.values["active"] else ""
    try:
        posted.model = ResourcePatch.model_validate(
            {"name": posted.values["name"], "active": bool(posted.values["active"])})
    except ValidationError:
        posted.errors = [(f"name-{desk_id}", TEXTS[lang]["field"]["desk_name"])]
        posted.model = None
    return posted
