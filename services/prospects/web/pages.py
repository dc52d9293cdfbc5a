"""Rendering the form and the confirmation (Jinja2, autoescaped)."""

from pathlib import Path

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..domain.consent import CURRENT_VERSION, consent_text
from ..domain.reference import communes_alphabetically, countries_by_name
from .forms import VILLAGE_FIELDS, Submission
from .wording import HORIZONS, LABELS, LOCALES, SECTORS, TEXT, choices

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent.parent / "templates"),
                        autoescape=select_autoescape(["html"]), trim_blocks=True,
                        lstrip_blocks=True)


def pick_locale(requested: object) -> str:
    return requested if requested in LOCALES else "fr"


def _common(locale: str) -> dict:
    other = TEXT[locale]["switch_lang"]
    return {"lang": locale, "t": TEXT[locale], "switch_url": f"/?lang={other}"}


def _label(name: str, locale: str) -> str:
    if name in VILLAGE_FIELDS:
        return TEXT[locale]["village_n"].format(n=name[-1])
    return LABELS[locale].get(name, name)


def form_page(locale: str, form_token: str, submission: Submission | None = None, *,
              notice: str | None = None, status_code: int = 200,
              headers: dict | None = None) -> HTMLResponse:
    submission = submission or Submission(values={})
    values = {name: "" for name in (*LABELS[locale], *VILLAGE_FIELDS)} | submission.values
    html = TEMPLATES.get_template("form.html").render(
        **_common(locale), labels=LABELS[locale], values=values,
        errors=submission.errors,  # a missing key renders as no error
        error_list=[(name, _label(name, locale), message)
                    for name, message in submission.ordered_errors()],
        notice=notice, form_token=form_token, consent_version=CURRENT_VERSION,
        consent_text=consent_text(CURRENT_VERSION, locale),
        countries=[(c.code, c.name(locale)) for c in countries_by_name(locale)],
        sectors=choices(SECTORS, locale), horizons=choices(HORIZONS, locale),
        village_fields=VILLAGE_FIELDS, communes=communes_alphabetically())
    return HTMLResponse(html, status_code=status_code, headers=headers)


def confirmation_page(locale: str) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template("confirmation.html").render(**_common(locale)))
