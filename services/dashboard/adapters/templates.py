"""The page's Jinja2 templates and static files, read from templates/."""

import hashlib
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"
TEMPLATES = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(),
                        trim_blocks=True, lstrip_blocks=True)


def render(template: str, **context) -> str:
    return TEMPLATES.get_template(template).render(**context)


def static_file(name: str) -> bytes:
    return (TEMPLATES_DIR / name).read_bytes()


@cache
def static_version(name: str) -> str:
    """A short digest of a static file, for its address: a change is fetched anew."""
    return hashlib.sha256(static_file(name)).hexdigest()[:12]
