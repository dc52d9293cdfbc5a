"""Schemathesis over the dashboard's OpenAPI with a staff token: no input produces a 5xx,
and every answer matches the documented schema and status codes. The event stream never
ends, so it is left out."""

from tests.support.openapi_fuzz import Identity, fuzz


async def test_no_input_gives_a_server_error_and_answers_match_the_schema(dashboard):
    failures = await fuzz(dashboard.client, [Identity("staff", dashboard.staff())],
                          exclude_paths="^/api/events/stream$")
    assert failures == [], "\n\n".join(failures)
