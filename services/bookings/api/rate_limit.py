"""A per-member cap on booking attempts (429 past it), held in this process's memory."""

import uuid

from fastapi import HTTPException, Request

from ..adapters.booking_attempts import attempt_allowed


async def limit_booking_attempts(request: Request, member_id: uuid.UUID, per_minute: int) -> None:
    if not await attempt_allowed(request.app.state, member_id, per_minute):
        raise HTTPException(429, [{"msg": f"more than {per_minute} booking attempts a minute",
                                   "msg_fr": f"plus de {per_minute} tentatives de réservation "
                                             "par minute", "type": "rate_limited"}],
                            headers={"Retry-After": "60"})
