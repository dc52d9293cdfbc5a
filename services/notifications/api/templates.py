"""Message templates (staff): the catalog, and per-language overrides of subject and bodies."""

from typing import Annotated

from fastapi import APIRouter, Path

from shared.auth import StaffPrincipal
from shared.http.deps import DbPool

from ..domain.templates import Override
from ..use_cases import template_overrides
from .errors import answering
from .models import Locale, LocaleState, TemplateDetail, TemplateSource, TemplateSummary

router = APIRouter(prefix="/api/templates", tags=["templates"])

Name = Annotated[str, Path(max_length=100, description="e.g. contact.acknowledgement")]


@router.get("", summary="Every message template and which languages staff overrode")
async def list_templates(pool: DbPool, staff: StaffPrincipal) -> list[TemplateSummary]:
    return [TemplateSummary(
        name=info.name, audience=info.audience, essential=info.essential, stream=info.stream,
        locales={locale: LocaleState(overridden=row is not None,
                                     **{k: row[k] for k in ("updated_by", "updated_at")
                                        if row is not None})
                 for locale, row in overrides.items()})
        for info, overrides in await template_overrides.catalog(pool)]


@router.get("/{name}/{locale}", summary="A template's subject and bodies in one language",
            responses={404: {"description": "No such template"}})
async def get_template(name: Name, locale: Locale, pool: DbPool,
                       staff: StaffPrincipal) -> TemplateDetail:
    with answering():
        source, overridden = await template_overrides.source(pool, name, locale)
    return TemplateDetail(name=name, locale=locale, source="override" if overridden else "file",
                          subject=source.subject, body_text=source.body_text,
                          body_html=source.body_html)


@router.put("/{name}/{locale}", summary="Override a template in one language",
            responses={404: {"description": "No such template"}})
async def put_template(name: Name, locale: Locale, body: TemplateSource, pool: DbPool,
                       staff: StaffPrincipal) -> TemplateDetail:
    with answering():
        await template_overrides.override(
            pool, name, locale, Override(body.subject, body.body_text, body.body_html),
            staff.sub)
    return TemplateDetail(name=name, locale=locale, source="override", **body.model_dump())


@router.delete("/{name}/{locale}", status_code=204, summary="Go back to the file's template",
               responses={404: {"description": "No override of this template"}})
async def delete_template(name: Name, locale: Locale, pool: DbPool,
                          staff: StaffPrincipal) -> None:
    with answering():
        await template_overrides.back_to_files(pool, name, locale)
