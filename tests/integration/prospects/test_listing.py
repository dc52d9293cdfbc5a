"""GET /api/prospects: filters, sorting, keyset pagination (each test works within
prospects carrying its own tag, since the run's database is shared)."""

import uuid

from .test_pipeline import QUALIFICATION

PEOPLE = [
    {"first_name": "Hélène", "last_name": "Zidane", "origin_country": "FR", "sector": "digital",
     "desired_villages": ["32233"]},
    {"first_name": "Owen", "last_name": "Abbott", "origin_country": "GB", "sector": "health"},
    {"first_name": "Sanne", "last_name": "de Vries", "origin_country": "NL",
     "sector": "digital", "desired_villages": ["32013", "32233"]},
    {"first_name": "Émile", "last_name": "Martin", "origin_country": "FR"},
    {"first_name": "Lotte", "last_name": "Bakker", "origin_country": "NL", "sector": "crafts"},
]


async def load_people(prospects) -> tuple[str, dict[str, str]]:
    tag = uuid.uuid4().hex[:8]
    ids = {}
    for p in PEOPLE:
        body = p | {"last_name": f"{p['last_name']} {tag}", "consent": True,
                    "email": f"{p['first_name'].lower()}.{tag}@example.org"}
        ids[p["last_name"]] = (await prospects.client.post("/api/contacts", json=body)
                               ).json()["prospect_id"]
    return tag, ids


async def names(prospects, query: str) -> list[str]:
    response = await prospects.client.get(f"/api/prospects?{query}",
                                          headers=prospects.staff())
    assert response.status_code == 200, response.text
    return [item["last_name"].rsplit(" ", 1)[0] for item in response.json()["items"]]


async def test_filters_narrow_the_list(prospects):
    tag, ids = await load_people(prospects)
    staff = prospects.staff()
    await prospects.client.put(f"/api/prospects/{ids['Abbott']}/assignee",
                               json={"assigned_to": "marie"}, headers=staff)
    await prospects.client.post(f"/api/prospects/{ids['Martin']}/stage",
                                json={"stage": "contacted"}, headers=staff)
    await prospects.client.post(f"/api/prospects/{ids['Bakker']}/qualify",
                                json=QUALIFICATION, headers=staff)  # targets 32233, 32013
    q = f"q={tag}&sort=last_name"

    assert await names(prospects, q) == ["Abbott", "Bakker", "de Vries", "Martin", "Zidane"]
    assert await names(prospects, f"{q}&origin_country=nl") == ["Bakker", "de Vries"]
    assert await names(prospects, f"{q}&sector=digital") == ["de Vries", "Zidane"]
    assert await names(prospects, f"{q}&village=32233") == ["Bakker", "de Vries", "Zidane"]
    assert await names(prospects, f"{q}&assigned_to=marie") == ["Abbott"]
    assert await names(prospects, f"{q}&unassigned=true") == [
        "Bakker", "de Vries", "Martin", "Zidane"]
    assert await names(prospects, f"{q}&stage=contacted&stage=qualified") == [
        "Bakker", "Martin"]
    assert await names(prospects, f"{q}&stage=new&origin_country=FR") == ["Zidane"]


async def test_search_ignores_case_and_accents_and_finds_emails(prospects):
    tag, _ = await load_people(prospects)
    assert await names(prospects, f"q=HELENE.{tag}") == ["Zidane"]
    assert await names(prospects, f"q=emile.{tag}") == ["Martin"]
    assert await names(prospects, f"q=%20ÉMILE.{tag}@Example.ORG") == ["Martin"]  # exactly
    assert await names(prospects, f"q=emile.{tag}@example") == []  # not a whole address
    assert await names(prospects, f"q=vries {tag}") == ["de Vries"]
    assert await names(prospects, f"q=nobody-{tag}") == []
    assert await names(prospects, "q=%25%25%25") == []  # wildcards are literal


async def test_keyset_pages_cover_the_list_once_in_order(prospects):
    tag, ids = await load_people(prospects)
    for sort in ("last_name", "-last_name", "-created_at", "created_at", "-last_contact_at"):
        seen, cursor, pages = [], None, 0
        while True:
            query = f"q={tag}&sort={sort}&limit=2" + (f"&cursor={cursor}" if cursor else "")
            page = (await prospects.client.get(f"/api/prospects?{query}",
                                               headers=prospects.staff())).json()
            seen.extend(item["id"] for item in page["items"])
            pages += 1
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert pages == 3 and sorted(seen) == sorted(ids.values()), sort
    by_name = await names(prospects, f"q={tag}&sort=-last_name")
    assert by_name == ["Zidane", "Martin", "de Vries", "Bakker", "Abbott"]
    newest_first = await names(prospects, f"q={tag}")
    assert newest_first == [p["last_name"] for p in reversed(PEOPLE)]


async def test_a_village_newest_first_pages_through_its_own_index(prospects):
    tag, ids = await load_people(prospects)  # 32233: Zidane, de Vries (desired)
    await prospects.client.post(f"/api/prospects/{ids['Martin']}/qualify", json=QUALIFICATION,
                                headers=prospects.staff())  # targets 32233 too
    first = (await prospects.client.get(f"/api/prospects?q={tag}&village=32233&limit=2",
                                        headers=prospects.staff())).json()
    rest = (await prospects.client.get(
        f"/api/prospects?q={tag}&village=32233&limit=2&cursor={first['next_cursor']}",
        headers=prospects.staff())).json()
    newest_first = [i["last_name"].rsplit(" ", 1)[0] for i in first["items"] + rest["items"]]
    assert newest_first == ["Martin", "de Vries", "Zidane"] and rest["next_cursor"] is None
    # The same without the search: the village's own index, newest first.
    page = (await prospects.client.get("/api/prospects?village=32233&limit=200",
                                       headers=prospects.staff())).json()
    created = [i["created_at"] for i in page["items"]]
    assert created == sorted(created, reverse=True)
    assert {ids["Martin"], ids["de Vries"], ids["Zidane"]} <= {i["id"] for i in page["items"]}


async def test_a_search_with_many_matches_walks_the_index_to_the_same_answer(
        prospects, monkeypatch):
    from services.prospects.store import listing

    tag, _ = await load_people(prospects)
    few = await names(prospects, f"q={tag}&sort=last_name&limit=3")
    monkeypatch.setattr(listing, "FEW_MATCHES", 2)  # five matches are now "many"
    many = await names(prospects, f"q={tag}&sort=last_name&limit=3")
    assert few == many == ["Abbott", "Bakker", "de Vries"]


async def test_a_cursor_of_another_sort_is_refused(prospects):
    tag, _ = await load_people(prospects)
    page = (await prospects.client.get(f"/api/prospects?q={tag}&limit=1",
                                       headers=prospects.staff())).json()
    response = await prospects.client.get(
        f"/api/prospects?q={tag}&sort=last_name&cursor={page['next_cursor']}",
        headers=prospects.staff())
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "cursor"]


async def test_the_list_is_for_staff_only(prospects):
    assert (await prospects.client.get("/api/prospects")).status_code == 401
    assert (await prospects.client.get("/api/prospects", headers=prospects.committee("32013"))
            ).status_code == 403
