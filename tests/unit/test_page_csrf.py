"""Every POST to a page path carries its CSRF field (asgi-csrf through shared/web/csrf.py),
or gets 403; the JSON API beside it keeps taking programs' bearer tokens."""

import re

import httpx
import pytest
from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from shared.web.csrf import CsrfProtection
from shared.web.pages import csrf_field

SECRET = "s" * 40


def make_app() -> FastAPI:
    app = FastAPI()

    @app.get("/staff/form", response_class=HTMLResponse)
    async def form(request: Request) -> str:
        return f'<form method="post" action="/staff/form">{csrf_field(request)}</form>'

    @app.post("/staff/form")
    async def post(note: str = Form("")) -> PlainTextResponse:
        return PlainTextResponse(f"saved {note}")

    @app.post("/api/notes")
    async def api() -> PlainTextResponse:
        return PlainTextResponse("api")

    app.add_middleware(CsrfProtection, prefixes=("/staff",), secret=SECRET)
    return app


@pytest.fixture
async def client():
    transport = httpx.ASGITransport(app=make_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def token_of(client) -> str:
    page = await client.get("/staff/form")
    return re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)


async def test_a_form_with_its_field_goes_through(client):
    token = await token_of(client)
    answer = await client.post("/staff/form", data={"csrftoken": token, "note": "ok"})
    assert answer.status_code == 200 and answer.text == "saved ok"


async def test_a_post_without_the_field_is_refused(client):
    await token_of(client)  # the cookie is there, the field is not
    answer = await client.post("/staff/form", data={"note": "forged"})
    assert answer.status_code == 403


async def test_a_post_with_another_value_is_refused(client):
    await token_of(client)
    answer = await client.post("/staff/form", data={"csrftoken": "made-up", "note": "x"})
    assert answer.status_code == 403


async def test_a_post_with_no_cookie_at_all_is_refused_too(client):
    answer = await client.post("/staff/form", data={"note": "from another site"})
    assert answer.status_code == 403


async def test_an_unreadable_body_is_refused_not_a_server_error(client):
    await token_of(client)
    for content, kind in ((b"\xff\xfe=%%%", "application/x-www-form-urlencoded"),
                          (b"--x\r\n", "multipart/form-data"),
                          (b"--x\r\n", "multipart/form-data; boundary=x"),
                          (b"{}", "application/json")):
        answer = await client.post("/staff/form", content=content,
                                   headers={"content-type": kind})
        assert answer.status_code == 403, kind


async def test_a_field_that_is_not_ascii_is_refused_not_a_server_error(client):
    await token_of(client)
    answer = await client.post("/staff/form", data={"csrftoken": "é", "note": "x"})
    assert answer.status_code == 403


async def test_paths_outside_the_pages_are_left_to_their_own_checks(client):
    assert (await client.post("/api/notes")).status_code == 200


async def test_the_field_is_empty_outside_the_protected_paths():
    request = Request({"type": "http", "headers": [], "path": "/", "query_string": b""})
    assert str(csrf_field(request)) == ""
