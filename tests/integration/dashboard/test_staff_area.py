"""The staff page behind the front door (/staff/): the front door passes identity's token
on in X-Soho-Identity; the page shows the person's name, the figures and the live feed in
the shared look, French by default and English on ?lang=en; its calls (fragments, static
files, API, stream) answer under /staff/ too. No token 401 (a page linking to the sign-in),
another role 403, never 500; a form POST without its CSRF field 403."""

import html
import os
import re

import httpx
import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

from .conftest import purge_dashboard_queues
from .live_server import served

SECRET = os.environ["SOHO_SECRET"]
MEMBER = "8e0f1c56-62a7-4b9e-9d35-0d6a1c3f1b11"


@pytest.fixture(autouse=True)
def no_cookies_kept(dashboard):
    """Each test starts as a new browser would (no language kept, no CSRF cookie)."""
    dashboard.client.cookies.clear()
    yield
    dashboard.client.cookies.clear()


def identity(role: Role = Role.STAFF, **claims) -> dict[str, str]:
    claims.setdefault("name", "Marie Dupont")
    return {FORWARDED_IDENTITY: issue_token(SECRET, role, **claims)}


def person_name(page: str) -> str | None:
    found = re.search(r'data-testid="person-name">([^<]*)<', page)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize("query, lang, words", [
    ("", "fr", ["Chiffres clés", "Contacts reçus", "Se déconnecter", "En direct"]),
    ("?lang=en", "en", ["Key figures", "Contacts received", "Sign out", "Live"])])
async def test_the_staff_page_in_the_shared_look_in_french_or_english(dashboard, query, lang,
                                                                      words):
    answer = await dashboard.client.get(f"/staff/{query}", headers=identity())
    assert answer.status_code == 200, answer.text
    page = html.unescape(answer.text)
    assert f'<html lang="{lang}">' in page
    assert person_name(answer.text) == "Marie Dupont"
    for word in words:
        assert word in page, word
    assert answer.headers["cache-control"] == "no-store"
    assert "/assets/soho.css" in page, "the shared stylesheet"
    assert 'action="/sign-out"' in page and 'name="csrftoken"' in page
    assert 'href="/staff/"' in page and 'aria-current="page"' in page, "the staff menu"
    assert 'data-base="/staff"' in page and 'src="/staff/static/dashboard.js' in page
    assert 'href="/staff/api/kpis.csv"' in page

    figures = (await dashboard.client.get("/api/kpis", headers=dashboard.staff())).json()
    shown = re.search(r'data-figure="contacts">\s*<span class="value">([^<]+)<', answer.text)
    assert shown and shown.group(1).replace(",", "").replace("\u202f", "") == str(
        figures["contacts"])


async def test_an_admin_sees_the_team_accounts_in_the_menu(dashboard):
    plain = await dashboard.client.get("/staff/", headers=identity())
    admin = await dashboard.client.get("/staff/", headers=identity(admin=True))
    assert 'href="/staff/accounts"' not in plain.text
    assert 'href="/staff/accounts"' in admin.text


async def test_the_page_calls_answer_under_staff_too(dashboard):
    me = identity()
    fragment = await dashboard.client.get("/staff/partials/figures?lang=en", headers=me)
    assert fragment.status_code == 200 and 'id="figures"' in fragment.text
    assert "Contacts received" in fragment.text
    assert (await dashboard.client.get("/staff/api/kpis", headers=me)).json().keys() == (
        await dashboard.client.get("/api/kpis", headers=dashboard.staff())).json().keys()
    export = await dashboard.client.get("/staff/api/kpis.csv", headers=me)
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    for name, kind in (("dashboard.js", "text/javascript"), ("figures.css", "text/css"),
                       ("dashboard.css", "text/css")):
        static = await dashboard.client.get(f"/staff/static/{name}")
        assert static.status_code == 200 and static.headers["content-type"].startswith(kind)
    assert (await dashboard.client.get("/staff/static/nothing.js")).status_code == 404


async def test_without_a_token_the_page_says_to_sign_in_with_401(dashboard):
    forged = issue_token("another-secret-of-at-least-32-bytes!!", Role.STAFF)
    for headers in ({}, {FORWARDED_IDENTITY: forged}, {FORWARDED_IDENTITY: "garbage"}):
        answer = await dashboard.client.get("/staff/?lang=en", headers=headers)
        assert answer.status_code == 401, headers
        assert 'href="/sign-in?next=/staff/%3Flang%3Den"' in answer.text
        assert "Please sign in" in answer.text and "/assets/soho.css" in answer.text
        assert person_name(answer.text) is None
        assert answer.headers["cache-control"] == "no-store"
    for path in ("/staff/partials/figures", "/staff/api/kpis", "/staff/api/kpis.csv"):
        assert (await dashboard.client.get(path)).status_code == 401, path
    # The `/` page's cookie does not open the pages behind the front door.
    cookie = {"Cookie": "soho_staff=" + issue_token(SECRET, Role.STAFF)}
    assert (await dashboard.client.get("/staff/", headers=cookie)).status_code == 401


@pytest.mark.parametrize("role, scope", [(Role.COMMITTEE, {"village": "32013"}),
                                         (Role.SOLO, {"member": MEMBER})])
async def test_another_role_gets_a_403_page(dashboard, role, scope):
    answer = await dashboard.client.get("/staff/", headers=identity(role, name="Léa", **scope))
    assert answer.status_code == 403
    assert "Accès refusé" in html.unescape(answer.text)
    assert person_name(answer.text) == "Léa"
    assert "Contacts reçus" not in html.unescape(answer.text)
    for path in ("/staff/partials/figures", "/staff/api/kpis"):
        assert (await dashboard.client.get(path, headers=identity(role, **scope))
                ).status_code == 403


async def test_a_post_to_a_staff_path_without_its_csrf_field_is_403(dashboard):
    page = await dashboard.client.get("/staff/", headers=identity())
    assert "csrftoken=" in page.headers.get("set-cookie", "")
    token = page.cookies["csrftoken"]
    dashboard.client.cookies.clear()
    for cookie in (None, token):  # without the cookie, and with it but not the field
        if cookie:
            dashboard.client.cookies.set("csrftoken", cookie)
        refused = await dashboard.client.post("/staff/", headers=identity(), data={"a": "b"})
        assert refused.status_code == 403, cookie


async def test_the_live_feed_streams_under_staff(dashboard, database_url, amqp_url):
    await purge_dashboard_queues(amqp_url)
    async with served(database_url, amqp_url) as url, httpx.AsyncClient(timeout=20) as client:
        refused = await client.get(f"{url}/staff/api/events/stream")
        assert refused.status_code == 401
        async with client.stream("GET", f"{url}/staff/api/events/stream?lang=en",
                                 headers=identity()) as answer:
            assert answer.status_code == 200
            assert answer.headers["content-type"].startswith("text/event-stream")
            lines = answer.aiter_lines()
            assert await anext(lines) == "retry: 3000"
