"""Rendering messages from templates: files under templates/ (catalog.json for subjects and
whether a message is essential), which staff may override per language in the database.

Every template renders in a sandbox with strict variables, so an override that names an
unknown variable or reaches for Python internals is refused when it is saved, not when a
message is sent. French is the fallback language (domain/templates.py: the catalog entry,
the override and the rendered message as values)."""

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment

from ..domain.templates import FALLBACK_LOCALE, Override, Rendered, TemplateInfo, language

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"


def load_catalog(directory: Path = TEMPLATES_DIR) -> dict[str, TemplateInfo]:
    raw = json.loads((directory / "catalog.json").read_text(encoding="utf-8"))
    return {name: TemplateInfo(name, entry["audience"], entry["essential"], entry.get("stream"),
                               entry["subject"])
            for name, entry in raw.items() if not name.startswith("_")}


CATALOG = load_catalog()


class Renderer:
    def __init__(self, directory: Path = TEMPLATES_DIR) -> None:
        options = dict(loader=FileSystemLoader(directory), undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        self._text = SandboxedEnvironment(autoescape=False, **options)
        self._html = SandboxedEnvironment(autoescape=True, **options)
        self.directory = directory

    def render(self, name: str, locale: str, context: dict[str, Any],
               override: Override | None = None) -> Rendered:
        info = CATALOG[name]
        locale = language(locale)
        subject_source = override.subject if override else (
            info.subjects.get(locale) or info.subjects[FALLBACK_LOCALE])
        subject = one_line(self._compile("text", subject_source).render(context))
        context = {**context, "locale": locale, "subject": subject}
        if override:
            text = self._compile("text", override.body_text)
            html = self._compile("html", override.body_html)
        else:
            text = self._file(self._text, name, locale, "txt")
            html = self._file(self._html, name, locale, "html")
        return Rendered(subject, tidy_text(text.render(context)), html.render(context).strip())

    def file_sources(self, name: str, locale: str) -> Override:
        """The files' own subject and bodies (what an override replaces)."""
        info = CATALOG[name]
        locale = language(locale)
        text, html = ((self.directory / f"{name}.{locale}.{ext}").read_text("utf-8")
                      for ext in ("txt", "html"))
        return Override(info.subjects.get(locale) or info.subjects[FALLBACK_LOCALE], text, html)

    def _file(self, env: SandboxedEnvironment, name: str, locale: str, ext: str) -> Template:
        path = f"{name}.{locale}.{ext}"
        if not (self.directory / path).is_file():
            path = f"{name}.{FALLBACK_LOCALE}.{ext}"
        return env.get_template(path)

    @lru_cache(maxsize=256)  # noqa: B019 - one renderer per process; sources are small
    def _compile(self, kind: str, source: str) -> Template:
        return (self._html if kind == "html" else self._text).from_string(source)


def one_line(text: str) -> str:
    """Subjects are a single line: a newline in a header would start another header."""
    return " ".join(text.split())[:250]


def tidy_text(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
