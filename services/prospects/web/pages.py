"""Rendering the home page (the programme's presentation, its key figures and the form) and
the confirmation, in the platform's shared look (shared/web: layout, menu, stylesheet)."""

from pathlib import Path

from fastapi.responses import HTMLResponse
from starlette.requests import Request

from shared.web.pages import Pages

from ..domain.consent import CURRENT_VERSION, consent_text
from ..domain.reference import communes_alphabetically, countries_by_name
from .forms import VILLAGE_FIELDS, Submission
from .wording import HORIZONS, LABELS, LOCALES, SECTORS, TEXT, choices

PAGES = Pages(Path(__file__).parent.parent / "templates")


def pick_locale(requested: object) -> str:
    return requested if requested in LOCALES else "fr"


def _label(name: str, locale: str) -> str:
    if name in VILLAGE_FIELDS:
        return TEXT[locale]["village_n"].format(n=name[-1])
    return LABELS[locale].get(name, name)


def form_page(request: Request, locale: str, form_token: str,
              submission: Submission | None = None, *, notice: str | None = None,
              status_code: int = 200, headers: dict | None = None) -> HTMLResponse:
    """The home page: the presentation and the key figures above the form; the form alone
    (its problems or the notice first) when it comes back to be corrected."""
    submission = submission or Submission(values={})
    values = {name: "" for name in (*LABELS[locale], *VILLAGE_FIELDS)} | submission.values
    return PAGES.render(
        request, "form.html", texts=TEXT, lang=locale, status_code=status_code,
        headers=headers, labels=LABELS[locale], values=values,
        errors=submission.errors,  # a missing key renders as no error
        error_list=[(name, _label(name, locale), message)
                    for name, message in submission.ordered_errors()],
        notice=notice, form_token=form_token, consent_version=CURRENT_VERSION,
        consent_text=consent_text(CURRENT_VERSION, locale),
        countries=[(c.code, c.name(locale)) for c in countries_by_name(locale)],
        sectors=choices(SECTORS, locale), horizons=choices(HORIZONS, locale),
        village_fields=VILLAGE_FIELDS, communes=communes_alphabetically())


def confirmation_page(request: Request, locale: str) -> HTMLResponse:
    return PAGES.render(request, "confirmation.html", texts=TEXT, lang=locale)
