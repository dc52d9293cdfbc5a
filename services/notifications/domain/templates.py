"""What a message template is: its catalog entry (audience, whether it is essential, the
list a recipient leaves by unsubscribing, subjects), a staff override of it, a rendered
message, and the languages messages are written in (French is the fallback)."""

from dataclasses import dataclass

LOCALES = ("fr", "en")
FALLBACK_LOCALE = "fr"


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    audience: str
    essential: bool
    stream: str | None  # the list a recipient leaves by unsubscribing
    subjects: dict[str, str]


@dataclass(frozen=True)
class Override:
    subject: str
    body_text: str
    body_html: str


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def language(locale: str | None) -> str:
    return locale if locale in LOCALES else FALLBACK_LOCALE
