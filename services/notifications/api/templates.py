"""Message templates (staff): the catalog, and per-language overrides of subject and bodies."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path

from shared.auth import StaffPrincipal
from shared.http.deps import DbPool

from ..adapters.templating import CATALOG, Renderer
from ..domain.template_samples import sample_context
from ..domain.templates import Override
from ..store import templates
from .errors import invalid
from .models import Locale, LocaleState, TemplateDetail, TemplateSource, TemplateSummary

router = APIRouter(prefix="/api/templates", tags=["templates"])
renderer = Renderer()

Name = Annotated[str, Path(max_length=100, description="e.g. contact.acknowledgement")]


def _known(name: str) -> None:
    if name not in CATALOG:
        raise HTTPException(404, f"no template {name!r}; see GET /api/templates")


@router.get("", summary="Every message template and which languages staff overrode")
async def list_templates(pool: DbPool, staff: StaffPrincipal) -> list[TemplateSummary]:
    async with pool.acquire() as conn:
        overrides = {(r["name"], r["locale"]): r for r in await templates.overrides(conn)}
    return [TemplateSummary(
        name=info.name, audience=info.audience, essential=info.essential, stream=info.stream,
        locales={locale: LocaleState(overridden=(info.name, locale) in overrides,
                                     **{k: overrides[(info.name, locale)][k]
                                        for k in ("updated_by", "updated_at")
                                        if (info.name, locale) in overrides})
                 for locale in ("fr", "en")})
        for info in CATALOG.values()]


@router.get("/{name}/{locale}", summary="A template's subject and bodies in one language",
            responses={404: {"description": "No such template"}})
async def get_template(name: Name, locale: Locale, pool: DbPool,
                       staff: StaffPrincipal) -> TemplateDetail:
    _known(name)
    async with pool.acquire() as conn:
        override = await templates.override(conn, name, locale)
    source = override or renderer.file_sources(name, locale)
    return TemplateDetail(name=name, locale=locale, source="override" if override else "file",
                          subject=source.subject, body_text=source.body_text,
                          body_html=source.body_html)


@router.put("/{name}/{locale}", summary="Override a template in one language",
            responses={404: {"description": "No such template"}})
async def put_template(name: Name, locale: Locale, body: TemplateSource, pool: DbPool,
                       staff: StaffPrincipal) -> TemplateDetail:
    _known(name)
    override = Override(body.subject, body.body_text, body.body_html)
    _check_renders(name, locale, override)
    async with pool.acquire() as conn:
        await templates.put(conn, name, locale, override, staff.sub)
    return TemplateDetail(name=name, locale=locale, source="override", **body.model_dump())


@router.delete("/{name}/{locale}", status_code=204, summary="Go back to the file's template",
               responses={404: {"description": "No override of this template"}})
async def delete_template(name: Name, locale: Locale, pool: DbPool,
                          staff: StaffPrincipal) -> None:
    _known(name)
    async with pool.acquire() as conn:
        if not await templates.delete(conn, name, locale):
            raise HTTPException(404, "this template is not overridden in this language")


def _check_renders(name: str, locale: str, override: Override) -> None:
    """Each part is rendered alone with sample values, so the error names the part."""
    file = renderer.file_sources(name, locale)
    for field, candidate in (
            ("subject", Override(override.subject, file.body_text, file.body_html)),
            ("body_text", Override(file.subject, override.body_text, file.body_html)),
            ("body_html", Override(file.subject, file.body_text, override.body_html))):
        try:
            renderer.render(name, locale, sample_context(name), candidate)
        except Exception as exc:  # noqa: BLE001 - whatever the cause, this part is at fault
            raise invalid(("body", field), f"does not render: {type(exc).__name__}: {exc}") \
                from None

