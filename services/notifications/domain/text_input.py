"""What a person may type into the service, for the API and the staff's pages alike: valid
Unicode (no lone surrogate from JSON) and no control characters (PostgreSQL refuses NUL);
templates may hold line breaks and tabs. A template's new subject and bodies, checked so."""

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, StringConstraints
from pydantic_core import PydanticCustomError

_BREAKS = {"\n", "\r", "\t"}
MAX_SOURCE = 100_000


def checked(text: str, *, multiline: bool = False) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError("text_invalid_unicode", "text must be valid Unicode") from None
    allowed = _BREAKS if multiline else set()
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text):
        raise PydanticCustomError("text_control_characters",
                                  "text must not contain control characters")
    return text


def Line(max_length: int, min_length: int = 1):  # noqa: N802 (a type factory)
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length,
                                            max_length=max_length), AfterValidator(checked)]


def Source(max_length: int):  # noqa: N802
    return Annotated[str, StringConstraints(min_length=1, max_length=max_length),
                     AfterValidator(lambda text: checked(text, multiline=True))]


class TemplateSource(BaseModel):
    subject: Source(1000)
    body_text: Source(MAX_SOURCE)
    body_html: Source(MAX_SOURCE)
