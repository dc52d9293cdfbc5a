"""Text fields the database can store: valid Unicode (no lone surrogate from JSON) and no
control characters (PostgreSQL refuses NUL); templates may hold line breaks and tabs."""

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

_BREAKS = {"\n", "\r", "\t"}


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
