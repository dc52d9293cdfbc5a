"""Use-case refusals as HTTP answers. Every body has the shape of FastAPI's validation
errors (`detail`: a list of {loc, msg, type}), with the message in French too, and for a
broken booking rule the rule's name."""

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import HTTPException

from ..use_cases.errors import (BookingError, Changed, Conflict, Forbidden, NotFound, RuleBroken,
                                UnknownReference)

STATUS = {RuleBroken: 422, UnknownReference: 422, Forbidden: 403, NotFound: 404, Conflict: 409,
          Changed: 409}
ERROR_RESPONSES = {
    403: {"description": "Not your booking, or not a member"},
    404: {"description": "No such booking or place"},
    409: {"description": "Overlaps another booking, or the booking cannot change any more"},
    422: {"description": "Bad field, or a booking rule broken (`detail[0].rule` names it)"},
}


def as_http(exc: BookingError, location: str = "body") -> HTTPException:
    entry: dict = {"msg": exc.message, "msg_fr": exc.message_fr,
                   "type": type(exc).__name__.lower()}
    if isinstance(exc, RuleBroken):
        entry |= {"loc": [location, exc.violation.field], "rule": exc.violation.rule.value,
                  "type": f"booking_rule.{exc.violation.rule.value}"}
    elif isinstance(exc, UnknownReference):
        entry["loc"] = [location, exc.field]
    return HTTPException(STATUS.get(type(exc), 400), detail=[entry])


@contextmanager
def answering(location: str = "body") -> Iterator[None]:
    """Turns a use case's refusal into its HTTP answer."""
    try:
        yield
    except BookingError as exc:
        raise as_http(exc, location) from None
