"""The shared look of people's pages: the language (asked, kept, switched), the menu of each
role, and what every page answers with (no-store, the person's name)."""

from types import SimpleNamespace

from fastapi import FastAPI, Request
import httpx

from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from shared.web.language import page_language, switch_url
from shared.web.menus import home_of, menu_for
from shared.web.pages import Pages, current_item

SECRET = "p" * 40


def request_for(path: str, query: str = "", cookie: str = "") -> Request:
    headers = [(b"cookie", cookie.encode())] if cookie else []
    return Request({"type": "http", "path": path, "query_string": query.encode(),
                    "headers": headers})


def test_french_first_english_when_asked_and_kept():
    assert page_language(request_for("/staff/")) == "fr"
    assert page_language(request_for("/staff/", "lang=en")) == "en"
    assert page_language(request_for("/staff/", cookie="soho_lang=en")) == "en"
    assert page_language(request_for("/staff/", "lang=fr", "soho_lang=en")) == "fr"
    assert page_language(request_for("/staff/", "lang=de")) == "fr"


def test_the_switch_keeps_the_page_and_its_query():
    assert switch_url(request_for("/staff/accounts/audit", "before=12"), "fr") == \
        "/staff/accounts/audit?before=12&lang=en"
    assert switch_url(request_for("/members/", "lang=en"), "en") == "/members/?lang=fr"


def test_each_role_has_its_menu_and_home():
    staff = ["/staff/prospects/", "/staff/prospects/search", "/staff/cases/", "/staff/villages/",
             "/staff/members/", "/staff/telecentres/", "/staff/deliveries/", "/staff/"]
    assert [i.href for i in menu_for(Role.STAFF)] == staff
    assert [i.href for i in menu_for(Role.STAFF, admin=True)] == [*staff, "/staff/accounts"]
    assert [i.href for i in menu_for(Role.SOLO)] == ["/members/", "/members/book",
                                                    "/members/bookings", "/members/directory/"]
    assert [i.href for i in menu_for(Role.COMMITTEE)] == ["/committees/",
                                                         "/committees/notifications"]
    assert [i.href for i in menu_for(None)] == ["/", "/villages/", "/telecentres",
                                                "/key-figures"]
    public = menu_for(None)
    assert current_item(public, "/") == "/" and current_item(public, "/villages/32013") == \
        "/villages/"
    assert current_item(public, "/sign-in") is None
    assert {home_of(r) for r in Role} == {"/staff/", "/members/", "/committees/"}


async def test_a_page_names_the_person_shows_their_menu_and_is_never_stored(tmp_path):
    (tmp_path / "hello.html").write_text(
        '{% extends "layout.html" %}{% block content %}<h1>{{ t.hello }}</h1>{% endblock %}')
    pages = Pages(tmp_path)
    app = FastAPI()
    app.state.settings = SimpleNamespace(secret=SECRET)

    @app.get("/staff/")
    async def hello(request: Request):
        return pages.render(request, "hello.html",
                            texts={"fr": {"hello": "Bonjour", "title": "Accueil"},
                                   "en": {"hello": "Hello", "title": "Home"}})

    token = issue_token(SECRET, Role.STAFF, name="Anne Lafitte", admin=True)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as client:
        french = await client.get("/staff/", headers={FORWARDED_IDENTITY: token})
        english = await client.get("/staff/?lang=en", headers={FORWARDED_IDENTITY: token})
        visitor = await client.get("/staff/")
    assert french.headers["cache-control"] == "no-store"
    assert '<html lang="fr">' in french.text and "<h1>Bonjour</h1>" in french.text
    assert 'data-testid="person-name">Anne Lafitte<' in french.text
    assert 'href="/staff/accounts"' in french.text and 'aria-current="page"' in french.text
    assert "<h1>Hello</h1>" in english.text and "soho_lang=en" in english.headers["set-cookie"]
    assert "person-name" not in visitor.text and 'href="/sign-in"' in visitor.text


def test_dates_and_numbers_speak_the_readers_language():
    import datetime

    from shared.web.formats import format_date, format_datetime, format_number, format_percent
    evening = datetime.datetime(2026, 12, 6, 22, 5, tzinfo=datetime.UTC)  # 23:05 in Paris
    assert format_date(evening, "fr") == "6 décembre 2026"
    assert format_date(evening, "en") == "6 December 2026"
    assert "23:05" in format_datetime(evening, "fr")
    assert format_number(1234.5, "fr").replace("\u202f", " ").replace("\xa0", " ") == "1 234,5"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_percent(0.42, "en") == "42%"


def test_the_vendored_htmx_is_the_one_recorded():
    import hashlib
    import re
    from pathlib import Path

    static = Path(__file__).parents[2] / "shared" / "web" / "static"
    recorded = re.search(r"\| htmx\.min\.js \|.*\| ([0-9a-f]{64}) \|",
                         (static / "VENDORED.md").read_text()).group(1)
    assert hashlib.sha256((static / "htmx.min.js").read_bytes()).hexdigest() == recorded
