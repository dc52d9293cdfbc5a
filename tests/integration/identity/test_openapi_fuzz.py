"""Schemathesis over identity's OpenAPI: no input produces a 5xx, and every answer is one
its route documents. As a visitor and as a signed-in staff admin (the identity header the
front door adds); the token in the path is a real invitation's."""

from shared.auth import FORWARDED_IDENTITY
from tests.support.openapi_fuzz import Identity, Target, fuzz

from .conftest import invite, link_path, unique_email

PASSWORD = "un chemin de campagne au soleil"


async def test_no_input_gives_a_server_error_and_answers_match_the_schema(identity):
    async with identity() as svc:
        admin = svc.browser()
        link = await invite(svc, unique_email(), name="Ada", admin=True)
        await admin.form(link_path(link), password=PASSWORD, password_again=PASSWORD)
        header = (await admin.check("/staff/accounts")).headers[FORWARDED_IDENTITY]
        token = link_path(await invite(svc, unique_email())).rsplit("/", 1)[1]
        identities = [Identity("visitor", {}),
                      Identity("admin", {FORWARDED_IDENTITY: header}, r"\w+ /staff/accounts")]
        failures = await fuzz(svc.client, identities, Target({"token": token}))
    assert failures == [], "\n\n".join(failures)
