"""Answers in FastAPI's own shape, so that every 422 names its field the same way."""

from fastapi import HTTPException


def invalid(location: tuple[str, ...], message: str) -> HTTPException:
    return HTTPException(422, [{"loc": list(location), "msg": message, "type": "value_error"}])
