"""The staff page without JavaScript: the sign-in form, the cookie it sets, and the figures
rendered on the server, in French and in English."""

import html
import re

import pytest

from shared.auth import Role

COOKIE = "soho_staff"


def token_of(headers: dict[str, str]) -> str:
    return headers["Authorization"].removeprefix("Bearer ")


@pytest.mark.parametrize("lang, title, switch", [("fr", "Connexion de l'équipe", "English"),
                                                 ("en", "Staff sign-in", "Français")])
async def test_the_page_asks_for_a_staff_token_in_french_or_english(dashboard, lang, title,
                                                                    switch):
    answer = await dashboard.client.get("/" if lang == "fr" else "/?lang=en")
    assert answer.status_code == 200
    assert f'<html lang="{lang}">' in answer.text and title in html.unescape(answer.text)
    assert 'action="/login"' in answer.text and 'name="token"' in answer.text
    assert f">{switch}</a>" in answer.text
    assert "script-src 'self'" in answer.headers["content-security-policy"]


async def test_signing_in_sets_a_strict_http_only_cookie_and_shows_the_figures(dashboard):
    staff = token_of(dashboard.staff())
    answer = await dashboard.client.post("/login", data={"token": staff, "lang": "en"})
    assert answer.status_code == 303 and answer.headers["location"] == "/?lang=en"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={staff};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http here; see the https test below

    page = await dashboard.client.get("/?lang=en", headers={"Cookie": f"{COOKIE}={staff}"})
    assert page.status_code == 200
    figures = (await dashboard.client.get("/api/kpis", headers=dashboard.staff())).json()
    shown = re.search(r'data-figure="contacts">\s*<span class="value">([^<]+)<', page.text)
    assert shown and shown.group(1).replace(",", "") == str(figures["contacts"])
    assert "Contacts received" in page.text and "Villages with solos" in page.text
    assert page.text.count('class="village"') == figures["villages_with_solos"]
    assert '<path d="M' in page.text, "the communes of the Gers drawn as dots"
    assert 'src="/static/dashboard.js"' in page.text
    assert not re.search(r'(src|href)="(https?:)?//', page.text), "nothing from elsewhere"
    assert (await dashboard.client.get("/static/dashboard.js")).status_code == 200


async def test_the_cookie_is_secure_over_https(dashboard):
    staff = token_of(dashboard.staff())
    answer = await dashboard.client.post("https://testserver/login", data={"token": staff})
    assert "Secure" in answer.headers["set-cookie"]


@pytest.mark.parametrize("role, scope, status, words", [
    (Role.COMMITTEE, {"village": "32013"}, 403, "n'est pas un jeton d'équipe"),
    (Role.SOLO, {"member": "8e0f1c56-62a7-4b9e-9d35-0d6a1c3f1b11"}, 403,
     "n'est pas un jeton d'équipe"),
])
async def test_a_committee_or_solo_token_does_not_sign_in(dashboard, role, scope, status,
                                                          words):
    token = token_of(dashboard.token(role, **scope))
    answer = await dashboard.client.post("/login", data={"token": token})
    assert answer.status_code == status and words in html.unescape(answer.text)
    assert "set-cookie" not in answer.headers
    page = await dashboard.client.get("/", headers={"Cookie": f"{COOKIE}={token}"})
    assert page.status_code == 403 and 'name="token"' in page.text


async def test_a_bad_token_or_a_form_from_another_site_is_refused(dashboard):
    bad = await dashboard.client.post("/login", data={"token": "not-a-token"})
    assert bad.status_code == 401 and "n'est pas valable" in html.unescape(bad.text)
    empty = await dashboard.client.post("/login", data={"token": " "})
    assert empty.status_code == 401
    forged = await dashboard.client.post("/login", headers={"Origin": "https://evil.example"},
                                         data={"token": token_of(dashboard.staff())})
    assert forged.status_code == 403 and "set-cookie" not in forged.headers


async def test_signing_out_forgets_the_cookie(dashboard):
    staff = token_of(dashboard.staff())
    answer = await dashboard.client.post("/logout", headers={"Cookie": f"{COOKIE}={staff}"})
    assert answer.status_code == 303
    assert answer.headers["set-cookie"].startswith(f'{COOKIE}="";')
