"""A member's bookings for staff, /staff/bookings/members/{member_id}: coming ones first
(soonest first) then past ones (latest first), each keyset-paged, with the place, the desk,
the times and the status. With HX-Request only the fragment (no layout), which onboarding's
member page loads with hx-get; without it the page in the layout. Staff only; an unknown
member is the 404 page (a fragment saying so with HX-Request); a malformed id the 404 page."""

import re
import uuid
from datetime import timedelta

import pytest

from services.bookings.web import member_bookings
from shared.auth import Role

from .staff_pages import STAFF, identity, open_page, text
from .support import new_desk, new_members, new_place, paris, quiet_monday

HTMX = {**STAFF, "HX-Request": "true"}


@pytest.fixture(autouse=True)
def no_cookies_kept(service):
    service.client.cookies.clear()
    yield
    service.client.cookies.clear()


@pytest.fixture
async def history(service, amqp_url):
    """A member with 2 bookings over (one kept, one a no-show) and 3 to come (one checked
    in, one cancelled), the clock on the Tuesday between them."""
    monday = quiet_monday(10)
    place = await new_place(service, name=f"Télécentre de Lectoure {uuid.uuid4().hex[:6]}")
    room = await new_desk(service, place, name="Salle Armagnac")
    [member] = await new_members(service, amqp_url)
    solo = service.solo(member)
    service.app.state.clock = lambda: paris(monday, 7)

    async def book(day, hour):
        answer = await service.client.post("/api/bookings", headers=solo, json={
            "desk_id": str(room), "starts_at": paris(day, hour).isoformat(),
            "ends_at": paris(day, hour + 1).isoformat()})
        assert answer.status_code == 201, answer.text
        return answer.json()["booking_id"]

    tuesday = monday + timedelta(days=1)
    kept, missed = await book(monday, 9), await book(monday, 14)
    soon, cancelled, later = (await book(tuesday, 15), await book(tuesday, 16),
                              await book(monday + timedelta(days=3), 10))
    service.app.state.clock = lambda: paris(monday, 9, 5)
    assert (await service.client.post(f"/api/bookings/{kept}/check-in",
                                      headers=solo)).status_code == 200
    async with service.app.state.pool.acquire() as conn:  # released by the sweeper
        await conn.execute("UPDATE bookings SET status = 'no_show', release_reason = "
                           "'no_show', released_at = now() WHERE id = $1", uuid.UUID(missed))
    assert (await service.client.delete(f"/api/bookings/{cancelled}",
                                        headers=solo)).status_code == 204
    service.app.state.clock = lambda: paris(tuesday, 8)
    return {"member": member, "place": place, "kept": kept, "missed": missed, "soon": soon,
            "cancelled": cancelled, "later": later, "tuesday": tuesday}


def order_of(page, *ids) -> list[int]:
    return [page.text.index(f'data-booking="{i}"') for i in ids]


async def test_the_page_lists_coming_then_past_with_place_desk_times_and_status(service,
                                                                                history):
    h = history
    page = await open_page(service, f"/staff/bookings/members/{h['member']}")
    shown = text(page)
    assert '<html lang="fr">' in page.text and page.headers["cache-control"] == "no-store"
    assert "Réservations d'un membre" in shown and "Lectoure" in shown  # village
    assert 'aria-current="page"' in page.text  # the staff menu: Membres
    coming, past = shown.index("Réservations à venir"), shown.index("Réservations passées")
    assert order_of(page, h["soon"], h["cancelled"], h["later"]) == sorted(
        order_of(page, h["soon"], h["cancelled"], h["later"]))
    assert coming < order_of(page, h["soon"])[0] < past < order_of(page, h["missed"])[0] \
        < order_of(page, h["kept"])[0]  # past: latest first
    for booking, status in ((h["kept"], "Présence enregistrée"),
                            (h["missed"], "Absence (non venu)"),
                            (h["cancelled"], "Annulée (par le membre)"),
                            (h["soon"], "Réservée")):
        row = re.search(rf'data-booking="{booking}">(.*?)</tr>', shown, re.S).group(1)
        assert status in row and "Salle Armagnac" in row, (status, row)
        assert f'href="/staff/telecentres/{h["place"]}"' in row
    row = re.search(rf'data-booking="{h["soon"]}">(.*?)</tr>', shown, re.S).group(1)
    assert "15:00–16:00" in row and str(h["tuesday"].year) in row
    assert re.search(r'data-testid="no-shows">1<', page.text)

    english = await open_page(service, f"/staff/bookings/members/{h['member']}?lang=en")
    assert "Coming bookings" in english.text and "Checked in" in english.text
    assert "No-show" in english.text and "Cancelled (by the member)" in english.text


async def test_with_hx_request_only_the_fragment(service, history):
    path = f"/staff/bookings/members/{history['member']}"
    fragment = await open_page(service, path, HTMX)
    assert "<html" not in fragment.text and "<body" not in fragment.text
    assert "site-header" not in fragment.text and "soho.css" not in fragment.text
    assert fragment.text.lstrip().startswith("<section") or "<section" in fragment.text[:400]
    assert 'id="member-bookings"' in fragment.text
    assert f'data-booking="{history["soon"]}"' in fragment.text
    assert "vary" in fragment.headers and "HX-Request" in fragment.headers["vary"]
    full = await open_page(service, path)
    assert "<html" in full.text and 'id="member-bookings"' in full.text


async def test_each_list_is_keyset_paged(service, history, monkeypatch):
    monkeypatch.setattr(member_bookings, "PAGE_SIZE", 1)
    h, base = history, f"/staff/bookings/members/{history['member']}"
    seen_coming, seen_past, path = [], [], base
    for _ in range(10):
        page = await open_page(service, path, HTMX)
        coming = re.findall(r'data-booking="([^"]+)"', page.text)
        seen_coming.append(coming[0])
        more = re.search(r'href="([^"]+)"[^>]*data-testid="more-coming"', page.text)
        assert 'hx-target="#member-bookings"' in page.text
        if not more:
            break
        path = more.group(1).replace("&amp;", "&")
    assert seen_coming == [h["soon"], h["cancelled"], h["later"]]
    path = base
    for _ in range(10):
        page = await open_page(service, path)
        ids = re.findall(r'data-booking="([^"]+)"', page.text)
        seen_past.append(ids[-1])
        more = re.search(r'href="([^"]+)"[^>]*data-testid="more-past"', page.text)
        if not more:
            break
        path = more.group(1).replace("&amp;", "&")
    assert seen_past == [h["missed"], h["kept"]]
    assert "Revenir aux premières" in text(page)
    # A cursor that is no id: the first page.
    first = await open_page(service, f"{base}?coming_after=zzz&past_after=1")
    assert re.findall(r'data-booking="([^"]+)"', first.text)[0] == h["soon"]


async def test_unknown_member_404_page_or_a_fragment_saying_so_malformed_404(service):
    unknown = f"/staff/bookings/members/{uuid.uuid4()}"
    page = await open_page(service, unknown, status=404)
    assert "Page introuvable" in text(page) and "<html" in page.text
    fragment = await open_page(service, unknown, HTMX)
    assert "<html" not in fragment.text and 'data-testid="member-unknown"' in fragment.text
    for path in ("/staff/bookings/members/not-an-id", "/staff/bookings/members/%00"):
        assert (await service.client.get(path, headers=STAFF)).status_code == 404, path


async def test_a_member_with_no_bookings(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    page = await open_page(service, f"/staff/bookings/members/{member}")
    assert "Aucune réservation à venir." in text(page)
    assert "Aucune réservation passée." in text(page)


async def test_staff_only(service, history):
    path = f"/staff/bookings/members/{history['member']}"
    for headers in (identity(Role.SOLO, member=history["member"]),
                    identity(Role.COMMITTEE, village="32208")):
        refused = await open_page(service, path, headers, status=403)
        assert "Accès refusé" in text(refused)
    signed_out = await service.client.get(path)
    assert signed_out.status_code == 401 and "/sign-in?next=" in signed_out.text
