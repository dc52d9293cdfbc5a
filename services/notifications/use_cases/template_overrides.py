"""Message templates as staff see them: the catalog, and per-language overrides of subject
and bodies. An override is test-rendered with sample values before it is saved.

The staff's page edits with the revision it showed (the override's last change, or "file"):
if someone changed that template meanwhile, nothing is saved (Conflict "changed"). The API
saves without one."""

from dataclasses import dataclass

import asyncpg

from ..adapters.templating import CATALOG, Renderer
from ..domain.template_samples import sample_context
from ..domain.templates import LOCALES, Override, Rendered, TemplateInfo
from ..store import templates
from .errors import Conflict, Invalid, NotFound

renderer = Renderer()
FILE_REVISION = "file"


@dataclass(frozen=True)
class Edition:
    """A template in one language as it is used now, and the revision to edit it from."""

    info: TemplateInfo
    locale: str
    source: Override
    overridden: bool
    revision: str
    updated_by: str | None
    updated_at: object | None  # datetime


def _known(name: str, locale: str | None = None) -> None:
    if name not in CATALOG or (locale is not None and locale not in LOCALES):
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
    edition = await edition_of(pool, name, locale)
    return edition.source, edition.overridden


async def edition_of(pool: asyncpg.Pool, name: str, locale: str) -> Edition:
    _known(name, locale)
    async with pool.acquire() as conn:
        row = await templates.override_row(conn, name, locale)
    if row is None:
        return Edition(CATALOG[name], locale, renderer.file_sources(name, locale), False,
                       FILE_REVISION, None, None)
    return Edition(CATALOG[name], locale,
                   Override(row["subject"], row["body_text"], row["body_html"]), True,
                   _revision(row["updated_at"]), row["updated_by"], row["updated_at"])


def preview(edition: Edition) -> Rendered:
    """The message as it would go, with the sample values (Invalid names the part that
    does not render)."""
    _check_renders(edition.info.name, edition.locale, edition.source)
    return renderer.render(edition.info.name, edition.locale,
                           sample_context(edition.info.name),
                           edition.source if edition.overridden else None)


async def override(pool: asyncpg.Pool, name: str, locale: str, new: Override,
                   updated_by: str, *, revision: str | None = None) -> None:
    _known(name, locale)
    _check_renders(name, locale, new)
    async with pool.acquire() as conn, conn.transaction():
        await _check_revision(conn, name, locale, revision)
        await templates.put(conn, name, locale, new, updated_by)


async def back_to_files(pool: asyncpg.Pool, name: str, locale: str, *,
                        revision: str | None = None) -> None:
    _known(name, locale)
    async with pool.acquire() as conn, conn.transaction():
        await _check_revision(conn, name, locale, revision)
        if not await templates.delete(conn, name, locale):
            raise NotFound("this template is not overridden in this language")


def _revision(updated_at) -> str:
    return updated_at.isoformat()


async def _check_revision(conn: asyncpg.Connection, name: str, locale: str,
                          revision: str | None) -> None:
    """Under a lock on that template and language, so two editors cannot both pass."""
    if revision is None:
        return
    await templates.lock(conn, name, locale)
    updated_at = await templates.updated_at(conn, name, locale)
    current = FILE_REVISION if updated_at is None else _revision(updated_at)
    if revision != current:
        raise Conflict("this template was changed meanwhile", reason="changed")


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
