"""Schemathesis over the bookings OpenAPI: no input produces a 5xx, and every answer matches
the documented schema and status codes. Staff on every route; a solo on the routes a member
uses and a committee on the places it may read, whose code paths differ; ids point at a
real place, desk, booking and calendar feed."""

from tests.support.openapi_fuzz import Identity, Target, fuzz

from .support import bookable_day, new_desk, new_members, new_place, paris


async def test_no_input_gives_a_server_error_and_answers_match_the_schema(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place = await new_place(service)
    desk = await new_desk(service, place)
    day = bookable_day(20)
    booked = await service.client.post(
        "/api/bookings", headers=service.solo(member),
        json={"desk_id": str(desk), "starts_at": paris(day, 9).isoformat(),
              "ends_at": paris(day, 10).isoformat()})
    assert booked.status_code == 201, booked.text
    me = (await service.client.get("/api/me", headers=service.solo(member))).json()
    identities = [
        Identity("staff", service.staff()),
        Identity("solo", service.solo(member), r"GET /api/telecentres|\w+ /api/(bookings|me)"),
        Identity("committee", service.committee("32107"), r"GET /api/telecentres"),
    ]
    target = Target(
        path_parameters={"telecentre_id": str(place), "desk_id": str(desk),
                         "booking_id": booked.json()["booking_id"],
                         "token": me["calendar_feed_url"].rsplit("/", 1)[1].removesuffix(".ics")},
        body_fields={"POST /api/bookings": {"desk_id": str(desk)}},
        # Cancelling the booking early would leave only 409s for the rest.
        keep_free=frozenset({"DELETE /api/bookings/{booking_id}"}))
    failures = await fuzz(service.client, identities, target)
    assert failures == [], "\n\n".join(failures)
