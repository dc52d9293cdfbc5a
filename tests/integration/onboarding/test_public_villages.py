"""The public site's villages, for everyone (no token): the map of host and associated
villages with a text alternative and their list, and a village's public page (services,
broadband, distances to Auch and Toulouse, and a region htmx fills with the nearest
telecentres from bookings, a link without JavaScript); a commune that is neither host nor
associated, or no commune at all, is the 404 page. No script but the vendored htmx on a
village's page, nothing from elsewhere, each page (with its stylesheet) under 200 KB."""

import html
import re
from pathlib import Path

import pytest

HOST, ASSOCIATED, NOT_HOST = "32233", "32147", "32203"  # demo host, demo associated, none
STYLESHEET = Path("shared/web/static/soho.css")
LIMIT = 200 * 1024


@pytest.fixture(autouse=True)
def no_cookies_kept(onboarding):
    onboarding.client.cookies.clear()
    yield
    onboarding.client.cookies.clear()


def text_of(answer) -> str:
    return html.unescape(answer.text)


async def test_the_villages_map_and_list(onboarding, db):
    hosts = await db.fetch("SELECT insee_code, name FROM villages WHERE host_status <> 'none'")
    answer = await onboarding.client.get("/villages/")
    assert answer.status_code == 200, answer.text
    page = text_of(answer)
    assert '<html lang="fr">' in page and "Les villages d'accueil du Gers" in page
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg, "the map has a text alternative"
    assert svg.count('class="match-marker') == len(hosts)
    listed = page[page.index('data-testid="villages"'):]
    for row in hosts:
        assert f'href="/villages/{row["insee_code"]}"' in listed and row["name"] in listed
    assert f'href="/villages/{NOT_HOST}"' not in page
    english = text_of(await onboarding.client.get("/villages/?lang=en"))
    assert '<html lang="en">' in english and "The host villages of the Gers" in english
    assert f'href="/villages/{HOST}?lang=en"' in english


async def test_a_host_village_page(onboarding):
    answer = await onboarding.client.get(f"/villages/{HOST}")
    assert answer.status_code == 200, answer.text
    page = text_of(answer)
    assert "<h1>Marciac</h1>" in page and "Village hôte" in page
    assert "Fibre, jusqu'à 500 Mbit/s" in page
    assert re.search(r"Auch : \d+,\d km à vol d'oiseau", page)
    assert re.search(r"Toulouse : \d+,\d km à vol d'oiseau", page)
    assert "pas encore écrit la page" in page
    english = text_of(await onboarding.client.get(f"/villages/{HOST}?lang=en"))
    assert "Fibre, up to 500 Mbit/s" in english and "Host village" in english
    assert re.search(r"Auch: \d+\.\d km as the crow flies", english)
    associated = text_of(await onboarding.client.get(f"/villages/{ASSOCIATED}?lang=fr"))
    assert "Village associé" in associated


async def test_a_village_page_loads_its_nearest_telecentres(onboarding):
    page = text_of(await onboarding.client.get(f"/villages/{HOST}"))
    region = page[page.index('<section aria-labelledby="nearest-title"'):]
    region = region[:region.index("</section>")]
    assert '<h2 id="nearest-title">Le télécentre le plus proche</h2>' in region
    body = re.search(r'<div class="linked-body"[^>]*>', region).group(0)
    assert f'hx-get="/telecentres/near/{HOST}"' in body and 'hx-trigger="load"' in body
    assert f'<a href="/telecentres/near/{HOST}">' in region, "the link without JavaScript"
    assert re.search(r'<script src="/assets/htmx\.min\.js\?v=\w+" defer>', page)
    english = text_of(await onboarding.client.get(f"/villages/{HOST}?lang=en"))
    assert '<h2 id="nearest-title">Nearest telecentres</h2>' in english
    assert f'hx-get="/telecentres/near/{HOST}?lang=en"' in english
    assert f'<a href="/telecentres/near/{HOST}?lang=en">' in english


@pytest.mark.parametrize("code", [NOT_HOST, "32999", "nonsense", "32233x"])
async def test_a_village_that_is_not_host_is_the_404_page(onboarding, code):
    answer = await onboarding.client.get(f"/villages/{code}")
    assert answer.status_code == 404
    assert "Page introuvable" in text_of(answer)


@pytest.mark.parametrize("path", ["/villages/", f"/villages/{HOST}", f"/villages/{HOST}?lang=en"])
async def test_light_with_nothing_from_elsewhere(onboarding, path):
    answer = await onboarding.client.get(path)
    assert answer.status_code == 200
    page = answer.text
    weight = len(answer.content) + STYLESHEET.stat().st_size
    assert weight < LIMIT, f"{path}: {weight} bytes with its stylesheet"
    scripts = re.findall(r"<script[^>]*>", page)
    assert all(re.fullmatch(r'<script src="/assets/[\w.-]+\.js\?v=\w+" defer>', tag)
               for tag in scripts), f"only the vendored scripts: {scripts}"
    if path == "/villages/":
        assert not scripts, "the map needs no script"
    assert not re.search(r'(src|href)="(https?:)?//', page), "nothing from another site"
    assert "set-cookie" not in answer.headers or "lang" in path, "no cookie, no tracking"
    assert "default-src 'self'" in answer.headers["content-security-policy"]
