"""The staff pages' forms: a template's new subject and bodies, read from the posted fields
and checked as the API checks them (domain.text_input.TemplateSource), each error said in
the page's words (`t`: delivery_templates_texts.TEXTS[lang])."""

from pydantic import ValidationError

from shared.web.formats import format_number

from ..domain.templates import Override
from ..domain.text_input import TemplateSource

FIELDS = ("subject", "body_text", "body_html")


def read_template(form: dict[str, str], t: dict,
                  lang: str) -> tuple[Override | None, list[tuple[str, str]]]:
    """The typed subject and bodies, checked as the API checks them (TemplateSource)."""
    values = {name: form.get(name, "").replace("\r\n", "\n") for name in FIELDS}
    try:
        checked = TemplateSource.model_validate(values)
    except ValidationError as exc:
        found: dict[str, str] = {}
        for error in exc.errors(include_url=False):
            name = str(error["loc"][0]) if error["loc"] else "subject"
            kind = error["type"]
            if kind == "string_too_long":
                most = (error.get("ctx") or {}).get("max_length")
                found.setdefault(name, t["too_long"].format(max=format_number(most, lang)))
            else:
                found.setdefault(name, t["control"] if kind.startswith("text_")
                                 else t["required"])
        return None, [(name, found[name]) for name in FIELDS if name in found]
    return Override(checked.subject, checked.body_text, checked.body_html), []
