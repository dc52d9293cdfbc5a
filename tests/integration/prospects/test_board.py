"""The staff's pipeline board, /staff/prospects/ (prospects' own page behind the front
door, which passes staff's token on in X-Soho-Identity): columns by stage with counts,
filters, paging by column, moving a card by form (and htmx), a stale move answered 409,
French and English. The run's database is shared: each test works among prospects of its
own (a unique assignee), or compares counts before and after."""

import html
import os
import re
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

from .helpers import person

SECRET = os.environ["SOHO_SECRET"]


def identity(role: Role = Role.STAFF, **claims) -> dict[str, str]:
    claims.setdefault("name", "Marie Dupont")
    claims.setdefault("sub", "marie")
    return {FORWARDED_IDENTITY: issue_token(SECRET, role, **claims)}


@pytest.fixture(autouse=True)
def fresh_browser(prospects):
    """Each test starts as a new browser would: no language kept, no CSRF cookie."""
    prospects.client.cookies.clear()
    yield
    prospects.client.cookies.clear()


async def new_contact(prospects, **changes) -> str:
    answer = await prospects.client.post("/api/contacts", json=person(**changes))
    assert answer.status_code in (200, 201, 202), answer.text
    return answer.json()["prospect_id"]


async def assign(prospects, prospect_id: str, name: str) -> None:
    answer = await prospects.client.put(f"/api/prospects/{prospect_id}/assignee",
                                        json={"assigned_to": name}, headers=prospects.staff())
    assert answer.status_code == 200, answer.text


async def board(prospects, query: str = "", **kwargs):
    return await prospects.client.get(f"/staff/prospects/{query}", headers=identity(),
                                      **kwargs)


def column(page: str, stage: str) -> str:
    found = re.search(rf'<section class="board-column" id="column-{stage}".*?</section>',
                      page, re.S)
    assert found, stage
    return found.group(0)


def card_ids(section: str) -> list[str]:
    return re.findall(r'data-testid="card" data-id="([^"]+)"', section)


def count(page: str, stage: str) -> int:
    found = re.search(rf'data-testid="count-{stage}">([^<]+)<', page)
    return int(re.sub(r"\D", "", html.unescape(found.group(1))))


async def test_a_new_contact_appears_in_the_new_column_with_the_counts(prospects):
    before = await board(prospects)
    assert before.status_code == 200, before.text
    new_before = count(before.text, "new")
    prospect_id = await new_contact(prospects, origin_city="Lyon", origin_country="FR",
                                    sector="digital", household_adults=2,
                                    household_children=1, desired_villages=["32013"])
    after = await board(prospects)
    assert count(after.text, "new") == new_before + 1
    new = column(after.text, "new")
    assert card_ids(new)[0] == prospect_id, "newest first"
    print(new[:3000])
