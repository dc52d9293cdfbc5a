"""The prospect file's forms: from the posted fields to the same models the JSON API reads
(domain.pipeline_input), keeping what was typed and saying, field by field, what is wrong."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from ..domain.pipeline_input import AssignmentIn, NoteIn, QualificationIn, StageChangeIn
from ..domain.reference import commune_named
from .forms import VILLAGE_FIELDS  # the same three fields as the public form
from .prospect_file_texts import TEXTS

SHOWN_BACK_MAX = 6000  # characters of a field typed back into the page
FIELDS = {
    "note": ("text",),
    "assignee": ("assigned_to",),
    "stage": ("stage", "reason"),
    "qualify": ("remote_work_viability", "household_adults", "household_children",
                *VILLAGE_FIELDS, "move_horizon", "sector", "notes"),
}
MODELS: dict[str, type[BaseModel]] = {"note": NoteIn, "assignee": AssignmentIn,
                                      "stage": StageChangeIn, "qualify": QualificationIn}


@dataclass
class Posted:
    """One form as sent: which, what was typed, the revision it was built from, and either
    the model to act on or the errors (field id, message) in the order of the page."""

    form: str
    values: dict[str, str]
    revision: str
    errors: list[tuple[str, str]] = field(default_factory=list)
    model: BaseModel | None = None


def _number(text: str) -> int | str | None:
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else text


def read_form(form_name: str, form: Mapping[str, str], lang: str) -> Posted:
    names = FIELDS[form_name]
    values = {name: str(form.get(name, ""))[:SHOWN_BACK_MAX] for name in names}
    posted = Posted(form_name, values, str(form.get("revision", ""))[:100])
    messages = TEXTS[lang]["field_errors"]
    errors: dict[str, str] = {}
    data: dict = {name: form.get(name, "") for name in names}
    if form_name == "assignee":
        data["assigned_to"] = data["assigned_to"].strip() or None
    if form_name == "stage":
        data["reason"] = data["reason"] or None
    if form_name == "qualify":
        for name in ("household_adults", "household_children"):
            data[name] = _number(data[name])
        villages = []
        for name in VILLAGE_FIELDS:
            typed = data.pop(name).strip()
            if not typed:
                continue
            commune = commune_named(typed)
            if commune is None:
                errors[name] = messages["village"].format(value=typed[:60])
            else:
                villages.append(commune.insee_code)
        data["target_villages"] = villages
        data["sector"] = data["sector"] or None
        data["notes"] = data["notes"] or None
    try:
        model = MODELS[form_name].model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            name = str(error["loc"][0]) if error["loc"] else names[0]
            if name == "target_villages":
                name = VILLAGE_FIELDS[0]
            errors.setdefault(name, messages.get(name, messages["notes"]))
        model = None
    posted.errors = [(name, errors[name]) for name in names if name in errors]
    if not posted.errors:
        posted.model = model
    return posted
