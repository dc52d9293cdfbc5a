"""Answers in FastAPI's own shape, so that every 422 names its field the same way; a use
case's refusal becomes its HTTP answer."""

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import HTTPException

from ..use_cases.errors import Conflict, Invalid, NotFound


def invalid(location: tuple[str, ...], message: str) -> HTTPException:
    return HTTPException(422, [{"loc": list(location), "msg": message, "type": "value_error"}])


@contextmanager
def answering() -> Iterator[None]:
    """Turns a use case's refusal into its HTTP answer (fields are the body's)."""
    try:
        yield
    except NotFound as exc:
        raise HTTPException(404, exc.message) from None
    except Conflict as exc:
        raise HTTPException(409, exc.message) from None
    except Invalid as exc:
        raise invalid(("body", exc.field), exc.message) from None
