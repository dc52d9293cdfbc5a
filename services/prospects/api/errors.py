"""The answers for what can go wrong in a use case: 404, 409, 410."""

import contextlib
from collections.abc import Iterator

import asyncpg
from fastapi import HTTPException, status

from ..domain.pipeline import StageConflict
from ..use_cases.errors import IdempotencyConflict, ProspectErased, ProspectNotFound

PROSPECT_RESPONSES = {
    404: {"description": "No such prospect"},
    410: {"description": "The person was erased"},
}
CONFLICT_RESPONSES = {409: {"description": "The prospect's stage does not allow it"}}


@contextlib.contextmanager
def answered_as_http() -> Iterator[None]:
    try:
        yield
    except ProspectNotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such prospect") from None
    except ProspectErased:
        raise HTTPException(status.HTTP_410_GONE, "this person was erased") from None
    except (StageConflict, IdempotencyConflict) as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
    except asyncpg.UniqueViolationError:  # a concurrent twin of this request won
        raise HTTPException(status.HTTP_409_CONFLICT, "already done by another request") from None
