"""The request and response models of the onboarding API, one module per resource
(cases, members, villages); here, the input types they and the routes share: text
PostgreSQL can store, INSEE codes, paging."""

from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator, StringConstraints


def _storable(value: str) -> str:
    """PostgreSQL text holds no NUL character and only valid UTF-8."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


def Text(max_length: int, min_length: int = 0):  # noqa: N802 (a type factory)
    """A trimmed string of bounded length that the database can store."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length,
                                            max_length=max_length),
                     AfterValidator(_storable)]


INSEE_PATTERN = r"^[0-9][0-9AB][0-9]{3}$"
InseeCode = Annotated[str, StringConstraints(pattern=INSEE_PATTERN)]
InseePath = Annotated[str, Path(pattern=INSEE_PATTERN, description="INSEE code, e.g. 32013")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
SearchText = Annotated[str | None, Query(max_length=100), AfterValidator(
    lambda v: _storable(v) if v is not None else v)]
