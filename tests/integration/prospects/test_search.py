"""Staff search (GET /api/prospects/search and the page /staff/prospects/search): names with
typos, phone digits however spaced, part of an email, a town, accents folded, the erased
never found, keyset pages without duplicates or gaps; staff only; bad input never a 500.

The run's database is shared: each test's people carry a made-up word of random letters
(`tag`) nobody else's test uses, and each test searches for it."""

import html
import os
import random
import re
import string

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

from .helpers import person


def tag() -> str:
    """A made-up word of 9 random consonant-vowel letters: found only by its own test."""
    rng = random.SystemRandom()
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4)) + \
        rng.choice("bdfgklmnprstvz")


def identity(role: Role = Role.STAFF) -> dict[str, str]:
    return {FORWARDED_IDENTITY: issue_token(os.environ["SOHO_SECRET"], role, name="Marie Dupont",
                                            sub="marie")}


async def add(prospects, **fields) -> str:
    answer = await prospects.client.post("/api/contacts", json=person(**fields))
    assert answer.status_code == 202, answer.text
    return answer.json()["prospect_id"]


async def found(prospects, q: str, after: str | None = None) -> dict:
    params = {"q": q, **({"after": after} if after else {})}
    answer = await prospects.client.get("/api/prospects/search", params=params,
                                        headers=prospects.staff())
    assert answer.status_code == 200, answer.text
    return answer.json()


async def ids(prospects, q: str) -> list[str]:
    return [item["id"] for item in (await found(prospects, q))["items"]]


async def test_a_typo_in_a_name_finds_the_person_first(prospects):
    name = tag().title()
    wanted = await add(prospects, first_name="Camille", last_name=name)
    typo = name[:3] + name[4] + name[3] + name[5:]  # two letters swapped
    assert (await ids(prospects, f"camille {typo}"))[0] == wanted
    assert (await ids(prospects, name[:-1] + "x"))[0] == wanted  # one letter wrong
    assert (await ids(prospects, name.upper()))[0] == wanted


async def test_accents_are_folded_both_ways(prospects):
    word = tag()
    accented = word[:1].upper() + word[1].replace("a", "à").replace("e", "é") + word[2:]
    accented = accented.replace("o", "ô", 1)
    wanted = await add(prospects, first_name="Hélène", last_name=accented)
    assert (await ids(prospects, f"helene {word}"))[0] == wanted
    assert (await ids(prospects, f"HÉLÈNE {accented}"))[0] == wanted
    item = (await found(prospects, word))["items"][0]
    assert item["first_name"] == "Hélène" and item["last_name"] == accented


async def test_phone_digits_match_however_spaced(prospects):
    digits = "".join(random.choice(string.digits) for _ in range(8))
    wanted = await add(prospects, phone=f"+33 6 {digits[:2]} {digits[2:4]} {digits[4:6]} "
                                        f"{digits[6:]}")
    for typed in (f"06{digits}", f"06 {digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}",
                  f"06.{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}",
                  f"+336{digits}", f"0033 6{digits}", digits[2:]):
        assert await ids(prospects, typed) == [wanted], typed


async def test_a_phone_given_before_stays_findable_when_the_person_comes_back(prospects):
    digits = "".join(random.choice(string.digits) for _ in range(8))
    body = person(phone=f"07{digits}", origin_city="Liège")
    wanted = await add(prospects, **body)
    again = {k: v for k, v in body.items() if k not in ("phone", "origin_city")}
    assert await add(prospects, **again) == wanted  # the same person, no phone this time
    assert await ids(prospects, f"07 {digits}") == [wanted]
    assert wanted in await ids(prospects, f"{body['last_name']} liege")


async def test_part_of_an_email_or_the_whole_address(prospects):
    word = tag()
    wanted = await add(prospects, email=f"{word}.durand@exemple.fr")
    other = await add(prospects, email=f"{word}.durand@autre.org")
    assert set(await ids(prospects, f"{word}.dur")) == {wanted, other}
    assert set(await ids(prospects, f"{word}.durand@")) == {wanted, other}
    assert await ids(prospects, f"{word}.durand@exem") == [wanted]
    assert (await ids(prospects, f"{word.upper()}.Durand@Exemple.FR")) == [wanted]
    assert (await found(prospects, "@exemple.fr"))["items"] == []  # a domain is no one


async def test_a_town_of_origin(prospects):
    town = f"Saint-{tag().title()}-sur-Mer"
    wanted = await add(prospects, origin_city=town, origin_country="FR")
    item = (await found(prospects, town.lower().replace("-", " ")))["items"][0]
    assert item["id"] == wanted and item["origin_city"] == town


async def test_the_erased_are_never_found(prospects):
    word = tag()
    digits = "".join(random.choice(string.digits) for _ in range(9))
    erased = await add(prospects, last_name=word, phone=digits, email=f"{word}@exemple.fr")
    kept = await add(prospects, last_name=word)
    answer = await prospects.client.delete(f"/api/prospects/{erased}", headers=prospects.staff())
    assert answer.status_code == 202
    assert await ids(prospects, word) == [kept]
    assert await ids(prospects, digits) == []
    assert await ids(prospects, f"{word}@exemple.fr") == []


async def test_keyset_pages_have_no_duplicates_and_no_gaps(prospects):
    word = tag()
    # Names of different closeness, so ranks differ and tie too.
    wanted = {await add(prospects, first_name=first, last_name=word)
              for first in ["Ana", "Bob", "Cléo", "Dan", "Eve"] * 9}
    seen, after, pages = [], None, 0
    while True:
        page = await found(prospects, word, after)
        assert len(page["items"]) <= 20
        seen += [item["id"] for item in page["items"]]
        ranks = [item["rank"] for item in page["items"]]
        assert ranks == sorted(ranks, reverse=True)
        pages += 1
        after = page["next_cursor"]
        if after is None:
            break
    assert pages == 3
    assert len(seen) == len(set(seen)) == 45 and set(seen) == wanted


async def test_a_cursor_from_another_search_or_made_up_is_refused(prospects):
    word = tag()
    for _ in range(21):
        await add(prospects, last_name=word)
    cursor = (await found(prospects, word))["next_cursor"]
    assert cursor
    for q, after in ((f"{word} x", cursor), (word, "not-a-cursor"), (word, "W10"),
                     (word, "WyJ4IiwiYSIsImIiXQ")):
        answer = await prospects.client.get("/api/prospects/search",
                                            params={"q": q, "after": after},
                                            headers=prospects.staff())
        assert answer.status_code == 422, (q, after, answer.text)


@pytest.mark.parametrize("q", ["", "a", "x" * 101, "\x00abc", "   ", "%%%", "__"])
async def test_bad_queries_answer_422_or_nothing(prospects, q):
    answer = await prospects.client.get("/api/prospects/search", params={"q": q},
                                        headers=prospects.staff())
    assert answer.status_code in (200, 422), answer.text
    if answer.status_code == 200:
        assert answer.json()["items"] == []


async def test_odd_queries_answer_cleanly(prospects):
    for q in ("%_\\", "''; drop table prospects; --", "0000", "@", "a@", "+", "é" * 100,
              "😀😀😀", "....", "0 0 0 0"):
        answer = await prospects.client.get("/api/prospects/search", params={"q": q},
                                            headers=prospects.staff())
        assert answer.status_code in (200, 422), (q, answer.text)


async def test_the_api_is_for_staff(prospects):
    assert (await prospects.client.get("/api/prospects/search?q=martin")).status_code == 401
    solo = prospects.token(Role.COMMITTEE, village="32013")
    assert (await prospects.client.get("/api/prospects/search?q=martin",
                                       headers=solo)).status_code == 403


# --- the page ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_cookies_kept(prospects):
    prospects.client.cookies.clear()
    yield
    prospects.client.cookies.clear()


def result_links(page: str) -> list[str]:
    return re.findall(r'<a href="/staff/prospects/([0-9a-f-]{36})" data-result>', page)


@pytest.mark.parametrize("lang, words", [
    ("fr", ["Rechercher un prospect", "Résultats pour", "Contacté", "Résultats suivants"]),
    ("en", ["Search prospects", "Results for", "Contacted", "Next results"])])
async def test_the_page_lists_links_to_each_prospect_in_french_or_english(prospects, lang,
                                                                           words):
    word = tag()
    made = [await add(prospects, last_name=word.title(), origin_city="Utrecht",
                      first_name=f"Anne{i}") for i in range(21)]
    await prospects.client.post(f"/api/prospects/{made[0]}/stage", json={"stage": "contacted"},
                                headers=prospects.staff())
    query = "" if lang == "fr" else "&lang=en"
    answer = await prospects.client.get(f"/staff/prospects/search?q={word}{query}",
                                        headers=identity())
    assert answer.status_code == 200, answer.text
    page = html.unescape(answer.text)
    assert f'<html lang="{lang}">' in page
    assert '<label for="q">' in page and f'value="{word}"' in page
    assert "Utrecht" in page and "<script>" not in page
    first = result_links(answer.text)
    assert len(first) == 20 and set(first) < set(made)
    next_url = html.unescape(re.search(r'href="([^"]+)" rel="next"', answer.text).group(1))
    second = await prospects.client.get(next_url, headers=identity())
    assert second.status_code == 200
    for text in words:  # the one contacted is on one of the two pages
        assert text in page + html.unescape(second.text), text
    rest = result_links(second.text)
    assert len(rest) == 1 and set(first) | set(rest) == set(made)
    assert 'rel="next"' not in second.text


async def test_htmx_gets_the_results_alone(prospects):
    word = tag()
    await add(prospects, last_name=word)
    answer = await prospects.client.get(f"/staff/prospects/search?q={word}",
                                        headers={**identity(), "HX-Request": "true"})
    assert answer.status_code == 200
    assert answer.text.lstrip().startswith("<section id=\"results\"")
    assert len(result_links(answer.text)) == 1


async def test_the_page_empty_short_unknown_and_too_long(prospects):
    me = identity()
    empty = await prospects.client.get("/staff/prospects/search", headers=me)
    assert empty.status_code == 200 and 'id="q"' in empty.text
    assert result_links(empty.text) == []
    short = await prospects.client.get("/staff/prospects/search?q=a", headers=me)
    assert short.status_code == 200 and "au moins 2 lettres" in html.unescape(short.text)
    unknown = await prospects.client.get(f"/staff/prospects/search?q={tag()}{tag()}&lang=en",
                                         headers=me)
    assert unknown.status_code == 200 and 'data-testid="no-results"' in unknown.text
    long = await prospects.client.get(f"/staff/prospects/search?q={'x' * 500}&lang=fr",
                                      headers=me)
    assert long.status_code == 422 and "trop longue" in html.unescape(long.text)
    odd = await prospects.client.get("/staff/prospects/search?q=%00%00abc&after=zz",
                                     headers=me)
    assert odd.status_code == 200


async def test_the_page_is_for_staff(prospects):
    none = await prospects.client.get("/staff/prospects/search?q=martin")
    assert none.status_code == 401 and "/sign-in" in none.text
    committee = {FORWARDED_IDENTITY: issue_token(os.environ["SOHO_SECRET"], Role.COMMITTEE,
                                                 village="32013")}
    other = await prospects.client.get("/staff/prospects/search?q=martin", headers=committee)
    assert other.status_code == 403


async def test_common_words_read_side_by_side_give_the_same_pages(prospects, monkeypatch):
    """When every word of a search is common, their lists are merged (store.search MERGE);
    forced here, the pages are the same people, none twice."""
    from services.prospects.store import search as store

    word, town = tag(), tag().title()
    wanted = {await add(prospects, first_name=f"{word}", last_name=f"Durand {town}",
                        origin_city=f"Saint-{town}") for _ in range(25)}
    await add(prospects, first_name=word, last_name="Moreau")  # not from there
    probed = {item["id"] for item in (await found(prospects, f"{word} {town}"))["items"]}
    monkeypatch.setattr(store, "FEW_PEOPLE", 0)
    seen, after = [], None
    while True:
        page = await found(prospects, f"{word} saint {town}", after)
        seen += [item["id"] for item in page["items"]]
        if (after := page["next_cursor"]) is None:
            break
    assert len(seen) == len(set(seen)) == 25 and set(seen) == wanted
    assert probed < wanted and len(probed) == 20
