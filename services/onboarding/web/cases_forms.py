"""The case page's forms: what was posted, kept to be typed back, checked field by field
(the use cases check the rest: the date's plausibility, the step's rules)."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from shared.reference.communes import communes

from .cases_texts import TEXTS

SHOWN_BACK_MAX = 2000
STEP_ACTIONS = ("complete", "skip", "reopen")


@dataclass
class Posted:
    """One form as sent: which (complete, skip, reopen, install, abandon, assignee), the step
    it is about, what was typed, the revision it was drawn at, and the problems (field id,
    message) in the order of the page."""

    form: str
    values: dict[str, str]
    revision: datetime.datetime | None
    key: str | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    stale: bool = False  # the revision is missing or unreadable: the form is not current

    @property
    def field_errors(self) -> dict[str, str]:
        return dict(self.errors)


def _revision(text: str) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _text(value: str, limit: int) -> str | None:
    """Trimmed text of at most `limit` characters PostgreSQL can store, else None."""
    value = value.strip()
    if not value or len(value) > limit or "\x00" in value:
        return None
    return value


def read_form(form: str, fields: Mapping[str, str], lang: str, *,
              key: str | None = None) -> Posted:
    errors = TEXTS[lang]["errors"]
    names = {"skip": ("reason",), "install": ("village", "installed_on", "household_size"),
             "abandon": ("reason",), "assignee": ("assigned_to",),
             "contact-agreement": ("agreed", "agreed_on")}.get(form, ())
    values = {n: str(fields.get(n, ""))[:SHOWN_BACK_MAX] for n in names}
    raw_revision = str(fields.get("revision", ""))[:100]
    revision = _revision(raw_revision)
    posted = Posted(form, values, revision, key, stale=revision is None)
    if form == "skip" and _text(values["reason"], 500) is None:
        posted.errors.append((f"reason-{key}", errors["reason"]))
    elif form == "abandon" and _text(values["reason"], 500) is None:
        posted.errors.append(("abandon-reason", errors["reason"]))
    elif form == "assignee":
        typed = values["assigned_to"].strip()
        if typed and _text(typed, 100) is None:
            posted.errors.append(("assigned_to", errors["assigned_to"]))
    elif form == "contact-agreement" and values["agreed"] and values["agreed_on"].strip():
        try:
            datetime.date.fromisoformat(values["agreed_on"].strip())
        except ValueError:
            posted.errors.append(("agreed_on", errors["agreed_on"]))
    elif form == "install":
        if values["village"] not in communes():
            posted.errors.append(("village", errors["village"]))
        try:
            datetime.date.fromisoformat(values["installed_on"].strip())
        except ValueError:
            posted.errors.append(("installed_on", errors["installed_on"]))
        size = values["household_size"].strip()
        if not (size.isascii() and size.isdigit() and 1 <= int(size[:3]) <= 99
                and len(size) <= 2):
            posted.errors.append(("household_size", errors["household_size"]))
    return posted


def reason(posted: Posted) -> str:
    return posted.values["reason"].strip()


def install_values(posted: Posted) -> tuple[str, datetime.date, int]:
    v = posted.values
    return (v["village"], datetime.date.fromisoformat(v["installed_on"].strip()),
            int(v["household_size"].strip()))


def assignee(posted: Posted) -> str | None:
    return posted.values["assigned_to"].strip() or None


def agreement_day(posted: Posted, today: datetime.date) -> datetime.date | None:
    """The day the household agreed to be contacted by the committee (blank: today), or
    None: the box unticked, the agreement withdrawn."""
    if not posted.values["agreed"]:
        return None
    typed = posted.values["agreed_on"].strip()
    return datetime.date.fromisoformat(typed) if typed else today
