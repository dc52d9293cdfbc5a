"""From the form's fields to the contact model, keeping what was typed and saying what is
wrong with it, field by field."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from ..domain.consent import CURRENT_VERSION
from ..domain.contact import ContactIn
from ..domain.reference import commune_named
from .errors import explain

TEXT_FIELDS = ("first_name", "last_name", "email", "phone", "origin_city", "origin_country",
               "profession", "sector", "move_horizon", "message")
NUMBER_FIELDS = ("household_adults", "household_children")
VILLAGE_FIELDS = ("village_1", "village_2", "village_3")
# The order errors are listed in, as the fields come on the page.
FIELD_ORDER = ("first_name", "last_name", "email", "phone", "origin_city", "origin_country",
               "profession", "sector", "household_adults", "household_children",
               *VILLAGE_FIELDS, "move_horizon", "message", "consent")
SHOWN_BACK_MAX = 6000  # characters of a field typed back into the page


@dataclass
class Submission:
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    contact: ContactIn | None = None

    def ordered_errors(self) -> list[tuple[str, str]]:
        known = [(name, self.errors[name]) for name in FIELD_ORDER if name in self.errors]
        others = [(name, text) for name, text in self.errors.items() if name not in FIELD_ORDER]
        return known + others


def _number(text: str) -> int | str | None:
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else text


def read_submission(form: Mapping[str, str], locale: str) -> Submission:
    names = (*TEXT_FIELDS, *NUMBER_FIELDS, *VILLAGE_FIELDS)
    values = {name: form.get(name, "")[:SHOWN_BACK_MAX] for name in names}
    values["consent"] = "yes" if form.get("consent") == "yes" else ""
    submission = Submission(values)

    villages: list[str] = []
    for name in VILLAGE_FIELDS:
        typed = form.get(name, "").strip()
        if not typed:
            continue
        commune = commune_named(typed)
        if commune is None:
            submission.errors[name] = explain("village_unknown", locale,
                                              {"value": typed[:60]})
        else:
            villages.append(commune.insee_code)

    data: dict = {name: form.get(name, "") for name in TEXT_FIELDS}
    data.update({name: _number(form.get(name, "")) for name in NUMBER_FIELDS})
    data.update(locale=locale, desired_villages=villages, consent=bool(values["consent"]),
                consent_version=form.get("consent_version") or CURRENT_VERSION)
    try:
        contact = ContactIn.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            name = str(error["loc"][0]) if error["loc"] else "consent"
            if name == "consent_version":  # an outdated page: ask to agree again
                name = "consent"
            submission.errors.setdefault(name, explain(error["type"], locale,
                                                       error.get("ctx")))
        return submission
    if not submission.errors:
        submission.contact = contact
    return submission
