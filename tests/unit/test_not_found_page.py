"""An address no route answers: a person's browser gets the 404 page in the platform's
look (language, menu); a program keeps FastAPI's JSON."""

from types import SimpleNamespace

import httpx
from fastapi import FastAPI, HTTPException

from shared.http.errors import install_error_handlers

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def app() -> FastAPI:
    app = FastAPI()
    app.state.settings = SimpleNamespace(secret="x" * 32)
    install_error_handlers(app)

    @app.get("/api/things/{n}")
    async def thing(n: int):
        raise HTTPException(404, "no such thing")

    return app


async def get(path: str, headers: dict | None = None) -> httpx.Response:
    transport = httpx.ASGITransport(app=app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get(path, headers=headers or {})


async def test_a_browser_gets_the_404_page_in_its_language():
    french = await get("/staff/deliveries/nothing/here", BROWSER)
    assert french.status_code == 404 and french.headers["content-type"].startswith("text/html")
    assert "<h1" in french.text and "introuvable" in french.text.lower()
    assert 'href="/villages/"' in french.text  # the public menu of the shared layout
    english = await get("/villages/nowhere?lang=en", BROWSER)
    assert english.status_code == 404 and "not found" in english.text.lower()


async def test_programs_keep_the_json_404():
    assert (await get("/staff/deliveries/nothing")).json() == {"detail": "Not Found"}
    api = await get("/api/things/3", BROWSER)
    assert api.status_code == 404 and api.json() == {"detail": "no such thing"}
