"""The staff's message templates: /staff/deliveries/templates lists every template in
French and English and which are overridden; /staff/deliveries/templates/{name}/{locale}
previews one with the sample values and edits its override (or goes back to the file's),
through the use cases of PUT and DELETE /api/templates/{name}/{locale}.

A change that does not render is the 422 page naming the part; a change made from a page
someone else changed meanwhile is the 409 page, the text typed kept (the form carries the
revision it was built from). An unknown template or language is the 404 page."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.auth import Principal
from shared.http.deps import DbPool
from shared.web.access import not_found_page
from shared.web.language import page_language

from ..adapters.templating import CATALOG
from ..domain.template_samples import sample_context
from ..domain.templates import LOCALES
from ..use_cases import template_overrides
from ..use_cases.errors import Conflict, Invalid, NotFound
from .deliveries_texts import audience, template_label
from .delivery_templates_texts import TEXTS
from .forms import FIELDS, read_template
from .staff_pages import PAGES, form_fields, framed_email, see_other, staff_only

ADDRESS = "/staff/deliveries/templates"

router = APIRouter(prefix=ADDRESS, tags=["staff pages: message templates"],
                   include_in_schema=False)


def _who(request: Request, name: str | None = None,
         locale: str | None = None) -> Principal | Response:
    """Staff on a template that exists (the 401/403/404 page otherwise)."""
    who = staff_only(request)
    if isinstance(who, Response):
        return who
    if name is not None and (name not in CATALOG or locale not in LOCALES):
        return not_found_page(request, PAGES, who)
    return who


@router.get("", response_class=HTMLResponse)
async def templates_page(request: Request, pool: DbPool) -> Response:
    """Every template, each language: from the file, or changed by whom and when."""
    who = _who(request)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    rows = [{"name": info.name, "label": template_label(info.name, lang),
             "audience": audience(info.name, lang, info.audience),
             "essential": info.essential, "locales": overrides}
            for info, overrides in await template_overrides.catalog(pool)]
    return PAGES.render(request, "staff_templates.html", principal=who, texts=TEXTS,
                        lang=lang, rows=rows, locales=LOCALES, address=ADDRESS)


async def _template_page(request: Request, pool, who: Principal, name: str, locale: str, *,
                         status_code: int = 200, typed: dict[str, str] | None = None,
                         errors: list | None = None, problem: str | None = None,
                         done: str | None = None) -> Response:
    lang = page_language(request)
    edition = await template_overrides.edition_of(pool, name, locale)
    preview, preview_error = None, None
    try:
        preview = template_overrides.preview(edition)
    except Invalid as broken:
        t = TEXTS[lang]
        preview_error = t["does_not_render"].format(
            field=t["field_names"][broken.field],
            error=broken.message.removeprefix("does not render: "))
    source = edition.source
    form = typed or {"subject": source.subject, "body_text": source.body_text,
                     "body_html": source.body_html}
    other = next(code for code in LOCALES if code != locale)
    return PAGES.render(
        request, "staff_template.html", principal=who, texts=TEXTS, lang=lang,
        status_code=status_code, ed=edition, label=template_label(name, lang),
        preview=preview, preview_error=preview_error, form=form, errors=errors or [],
        by_field=dict(errors or []), problem=problem,
        done=TEXTS[lang].get(done) if done in ("saved", "was_reset") else None,
        samples=[(key, value) for key, value in sample_context(name).items()],
        address=f"{ADDRESS}/{name}/{locale}", other=other,
        other_address=f"{ADDRESS}/{name}/{other}", list_address=ADDRESS)


@router.get("/{name}/{locale}", response_class=HTMLResponse)
async def template_page(name: str, locale: str, request: Request, pool: DbPool,
                        done: str | None = None) -> Response:
    """The template in one language: preview with the sample values, and its edit form."""
    who = _who(request, name, locale)
    if isinstance(who, Response):
        return who
    return await _template_page(request, pool, who, name, locale, done=done)


@router.get("/{name}/{locale}/preview.html", response_class=HTMLResponse)
async def template_preview_html(name: str, locale: str, request: Request,
                                pool: DbPool) -> Response:
    """The preview's HTML alone, for the sandboxed frame of the template's page."""
    who = _who(request, name, locale)
    if isinstance(who, Response):
        return who
    try:
        preview = template_overrides.preview(
            await template_overrides.edition_of(pool, name, locale))
    except Invalid:
        return not_found_page(request, PAGES, who)
    return framed_email(preview.html)


@router.post("/{name}/{locale}", response_class=HTMLResponse)
async def save_override(name: str, locale: str, request: Request, pool: DbPool) -> Response:
    """Save the override (PUT /api/templates/…'s use case), tried first with the samples."""
    who = _who(request, name, locale)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    form = await form_fields(request)
    typed = {name_: form.get(name_, "")[:120_000] for name_ in FIELDS}
    new, errors = read_template(form, TEXTS[lang], lang)
    if errors:
        return await _template_page(request, pool, who, name, locale, status_code=422,
                                    typed=typed, errors=errors)
    try:
        await template_overrides.override(pool, name, locale, new, who.name or who.sub,
                                          revision=form.get("revision", "")[:100])
    except Invalid as broken:
        t = TEXTS[lang]
        message = t["does_not_render"].format(field=t["field_names"][broken.field],
                                              error=broken.message.removeprefix(
                                                  "does not render: "))
        return await _template_page(request, pool, who, name, locale, status_code=422,
                                    typed=typed, errors=[(broken.field, message)])
    except Conflict:
        return await _template_page(request, pool, who, name, locale, status_code=409,
                                    typed=typed, problem="changed")
    except NotFound:
        return not_found_page(request, PAGES, who)
    return see_other(f"{ADDRESS}/{name}/{locale}?done=saved#state")


@router.post("/{name}/{locale}/reset", response_class=HTMLResponse)
async def back_to_file(name: str, locale: str, request: Request, pool: DbPool) -> Response:
    """Delete the override (DELETE /api/templates/…'s use case)."""
    who = _who(request, name, locale)
    if isinstance(who, Response):
        return who
    form = await form_fields(request)
    try:
        await template_overrides.back_to_files(pool, name, locale,
                                               revision=form.get("revision", "")[:100])
    except Conflict:
        return await _template_page(request, pool, who, name, locale, status_code=409,
                                    problem="changed")
    except NotFound:
        pass  # not overridden (any more): it is the file's already
    return see_other(f"{ADDRESS}/{name}/{locale}?done=was_reset#state")
