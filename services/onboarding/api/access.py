"""Who may call what: roles come from `shared.auth`; the scope checks live here."""

import uuid
from contextlib import contextmanager
from typing import Annotated

import asyncpg
from fastapi import Depends, HTTPException, status

from shared.auth import Principal, Role, require_roles

from ..domain import CaseConflict, StepConflict
from ..use_cases.errors import InvalidInput, NotFound

StaffOrCommittee = Annotated[Principal, Depends(require_roles(Role.STAFF, Role.COMMITTEE))]
StaffOrSolo = Annotated[Principal, Depends(require_roles(Role.STAFF, Role.SOLO))]

# Documented answers of protected routes (OpenAPI), beside the 200 and the 422.
PROTECTED = {401: {"description": "no token, or a bad one"},
             403: {"description": "a token of the wrong role or scope"}}
# Routes that read a body: one that is not JSON at all is refused before validation.
BODY = {400: {"description": "the body is not valid JSON"}}
NOT_FOUND = {404: {"description": "no such resource"}}
CONFLICT = {409: {"description": "the resource is not in a state that allows this"}}


def ensure_own_village(principal: Principal, insee_code: str) -> None:
    if principal.role is Role.COMMITTEE and principal.village != insee_code:
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            "a committee token reads and edits its own village only")


def ensure_own_member(principal: Principal, member_id: uuid.UUID) -> None:
    if principal.role is Role.SOLO and principal.member != member_id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "a solo edits their own card only")


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
