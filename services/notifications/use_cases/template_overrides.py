"""Message templates as staff see them: the catalog, and per-language overrides of subject
and bodies. An override is test-rendered with sample values before it is saved."""

import asyncpg

from ..adapters.templating import CATALOG, Renderer
from ..domain.template_samples import sample_context
from ..domain.templates import LOCALES, Override, TemplateInfo
from ..store import templates
from .errors import Invalid, NotFound

renderer = Renderer()


def _known(name: str) -> None:
    if name not in CATALOG:
        raise NotFound(f"no template {name!r}; see GET /api/templates")


async def catalog(
        pool: asyncpg.Pool) -> list[tuple[TemplateInfo, dict[str, asyncpg.Record | None]]]:
    """Every template, with its override (who, when) in each language, or None."""
    async with pool.acquire() as conn:
        overrides = {(r["name"], r["locale"]): r for r in await templates.overrides(conn)}
    return [(info, {locale: overrides.get((info.name, locale)) for locale in LOCALES})
            for info in CATALOG.values()]


async def source(pool: asyncpg.Pool, name: str, locale: str) -> tuple[Override, bool]:
    """The subject and bodies used in that language, and whether they are an override."""
    _known(name)
    async with pool.acquire() as conn:
        override = await templates.override(conn, name, locale)
    return override or renderer.file_sources(name, locale), override is not None


async def override(pool: asyncpg.Pool, name: str, locale: str, new: Override,
                   updated_by: str) -> None:
    _known(name)
    _check_renders(name, locale, new)
    async with pool.acquire() as conn:
        await templates.put(conn, name, locale, new, updated_by)


async def back_to_files(pool: asyncpg.Pool, name: str, locale: str) -> None:
    _known(name)
    async with pool.acquire() as conn:
        if not await templates.delete(conn, name, locale):
            raise NotFound("this template is not overridden in this language")


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
            raise Invalid(field, f"does not render: {type(exc).__name__}: {exc}") from None
