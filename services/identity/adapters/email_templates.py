"""Identity's emails from the files in templates/email/: `<name>.<locale>.txt` and
`<name>.<locale>.html`. The text file's first line is the subject, the rest (after a blank
line) the text body; the HTML file gets `subject` in its context for its <title>.

HTML is autoescaped (a name like "<b>Ann" shows as typed); text and subject are not. A
variable the caller forgot is an error (StrictUndefined), not an empty hole in an email."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..domain.mail import TEMPLATES, language, one_line

TEMPLATES_DIR = Path(__file__).parent.parent / "templates" / "email"


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


class UnknownTemplate(ValueError):
    pass


@cache
def environment(directory: Path = TEMPLATES_DIR) -> Environment:
    return Environment(
        loader=FileSystemLoader(directory), undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(template: str, locale: str, context: dict[str, Any], *,
           directory: Path = TEMPLATES_DIR) -> RenderedMail:
    if template not in TEMPLATES:
        raise UnknownTemplate(f"no identity email named {template!r}")
    missing = TEMPLATES[template] - context.keys()
    if missing:
        raise ValueError(f"the {template} email needs {', '.join(sorted(missing))}")
    env = environment(directory)
    locale = language(locale)
    context = {**context, "locale": locale}
    text = env.get_template(f"{template}.{locale}.txt").render(context)
    first, _, body = text.lstrip("\n").partition("\n")
    subject = one_line(first)
    html = env.get_template(f"{template}.{locale}.html").render({**context, "subject": subject})
    return RenderedMail(subject, tidy_text(body), html.strip() + "\n")


def tidy_text(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
