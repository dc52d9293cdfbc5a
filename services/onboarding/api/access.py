"""Who may call what: roles come from `shared.auth`; the scope checks live here."""

import uuid
from typing import Annotated

from fastapi import Depends, HTTPException, status

from shared.auth import Principal, Role, require_roles

StaffOrCommittee = Annotated[Principal, Depends(require_roles(Role.STAFF, Role.COMMITTEE))]
StaffOrSolo = Annotated[Principal, Depends(require_roles(Role.STAFF, Role.SOLO))]

# Documented answers of protected routes (OpenAPI), beside the 200 and the 422.
PROTECTED = {401: {"description": "no token, or a bad one"},
             403: {"description": "a token of the wrong role or scope"}}


def ensure_own_village(principal: Principal, insee_code: str) -> None:
    if principal.role is Role.COMMITTEE and principal.village != insee_code:
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            "a committee token reads and edits its own village only")


def ensure_own_member(principal: Principal, member_id: uuid.UUID) -> None:
    if principal.role is Role.SOLO and principal.member != member_id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "a solo edits their own card only")
