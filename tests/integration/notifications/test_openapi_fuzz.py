"""Schemathesis over the notifications OpenAPI: no input produces a 5xx, and every answer
matches the documented schema and status codes. Staff on every route, a committee on its
own channels; ids point at a real delivery, committee, template and unsubscribe link. The
schema is emptied before every test (conftest), so what the fuzzer edits goes with it."""

from services.notifications.domain.unsubscribe import make_token
from tests.support.openapi_fuzz import Identity, Target, fuzz

from .events import contact_received

VILLAGE = "32013"


async def test_no_input_gives_a_server_error_and_answers_match_the_schema(
        service, smtp_server, publish):
    async with service(smtp_server.url) as svc:
        event = contact_received()
        await publish(event)  # a delivery to look at and resend
        await smtp_server.wait_for_messages(to=event.data.email)
        [delivery, *_] = (await svc.client.get("/api/notifications",
                                               headers=svc.staff())).json()["items"]
        committee = await svc.client.put(f"/api/committees/{VILLAGE}", headers=svc.staff(),
                                         json={"village_name": "Auch",
                                               "email": "accueil-auch@example.org"})
        assert committee.status_code in (200, 201), committee.text
        identities = [Identity("staff", svc.staff()),
                      Identity("committee", svc.committee(VILLAGE), r"\w+ /api/committees")]
        target = Target({
            "notification_id": delivery["id"], "insee_code": VILLAGE,
            "name": "contact.acknowledgement", "locale": "fr",
            "token": make_token(svc.app.state.settings.secret, event.data.email, "welcome")})
        failures = await fuzz(svc.client, identities, target)
    assert failures == [], "\n\n".join(failures)
