"""How a use case's refusals become HTTP answers, and the error answers the routes
document (OpenAPI)."""

from contextlib import contextmanager

import asyncpg
from fastapi import HTTPException, status

from ..domain import CaseConflict, StepConflict
from ..use_cases.errors import InvalidInput, NotFound

# Routes that read a body: one that is not JSON at all is refused before validation.
BODY = {400: {"description": "the body is not valid JSON"}}
NOT_FOUND = {404: {"description": "no such resource"}}
CONFLICT = {409: {"description": "the resource is not in a state that allows this"}}


@contextmanager
def answering():
    """Turns a use case's refusals into HTTP answers (404, 409, 422 naming the field)."""
    try:
        yield
    except NotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
    except InvalidInput as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, [
            {"loc": ["body", exc.field], "msg": exc.message, "type": "value_error"}]) from None
    except (CaseConflict, StepConflict) as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
    except asyncpg.UniqueViolationError:  # a concurrent request won the race
        raise HTTPException(status.HTTP_409_CONFLICT, "this was just done by another request") \
            from None
