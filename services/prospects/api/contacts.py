"""Intake: the public `POST /api/contacts`, and contacts staff record by hand."""

from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, status
from fastapi.responses import JSONResponse

from shared.auth import StaffPrincipal
from shared.http.deps import DbPool, Settings

from ..adapters.rate_limit import within_contact_rate_limit
from ..domain.contact import ContactIn, RecordedContactIn
from ..use_cases import intake
from .errors import answered_as_http
from .models import ContactAccepted

router = APIRouter(prefix="/api", tags=["contacts"])

IdempotencyKey = Annotated[str | None, Header(
    alias="Idempotency-Key", min_length=1, max_length=200, pattern=r"^[\x21-\x7e]+$",
    description="Any unique string (a UUID): a retry with the same key and body answers "
                "the first response and publishes nothing new")]

INTAKE_RESPONSES = {
    409: {"description": "The Idempotency-Key was used for a different request"},
    413: {"description": "Body too large"},
    429: {"description": "Too many contacts from this address; see Retry-After"},
}


def _answer(outcome: intake.Outcome) -> JSONResponse:
    headers = {"Idempotent-Replayed": "true"} if outcome.replayed else {}
    accepted = ContactAccepted(**asdict(outcome.accepted))
    return JSONResponse(accepted.model_dump(mode="json"), status.HTTP_202_ACCEPTED,
                        headers=headers)


def _retry(scope: str, key: str | None, settings) -> intake.Retry | None:
    return intake.Retry(scope, key, timedelta(days=settings.idempotency_days)) if key else None


@router.post("/contacts", status_code=status.HTTP_202_ACCEPTED, response_model=ContactAccepted,
             summary="A person asks to be contacted (public)", responses=INTAKE_RESPONSES,
             dependencies=[Depends(within_contact_rate_limit)])
async def post_contact(contact: ContactIn, request: Request,
                       idempotency_key: IdempotencyKey = None) -> JSONResponse:
    # The pool and settings straight from the app, not as DbPool/Settings dependencies: on
    # this, the busiest public route, each dependency costs CPU on every request.
    state = request.app.state
    with answered_as_http():
        outcome = await intake.record_contact(
            state.pool, contact, intake.Origin("web", "api"), now=datetime.now(UTC),
            retry=_retry("api", idempotency_key, state.settings))
    return _answer(outcome)


@router.post("/contacts/recorded", status_code=status.HTTP_202_ACCEPTED,
             response_model=ContactAccepted, responses=INTAKE_RESPONSES,
             summary="Staff record a contact that came by phone, email or at an event")
async def post_recorded_contact(contact: RecordedContactIn, pool: DbPool, settings: Settings,
                                staff: StaffPrincipal,
                                idempotency_key: IdempotencyKey = None) -> JSONResponse:
    origin = intake.Origin(contact.channel.value, contact.channel.value, staff.sub)
    with answered_as_http():
        outcome = await intake.record_contact(
            pool, contact, origin, now=datetime.now(UTC),
            retry=_retry(f"staff:{staff.sub}", idempotency_key, settings))
    return _answer(outcome)
