"""The forms of a telecentre's staff page: opening hours, closures (add, remove), desks and
rooms (add, rename, deactivate). Each calls the API's use case and answers 303 back to the
page; bad input 422 with the error summary naming the field and what was typed kept; a form
built from a place that changed meanwhile 409, nothing changed, what was typed kept; an
unknown or malformed id the 404 page; without the CSRF field 403; staff only."""

import re
import uuid
from datetime import timedelta

import pytest

from shared.auth import Role

from .staff_pages import STAFF, hidden, identity, open_page, post_form, text
from .support import new_desk, new_members, new_place, paris, quiet_monday


@pytest.fixture(autouse=True)
def no_cookies_kept(service):
    service.client.cookies.clear()
    yield
    service.client.cookies.clear()


async def api_place(service, place) -> dict:
    answer = await service.client.get(f"/api/telecentres/{place}", headers=service.staff())
    assert answer.status_code == 200
    return answer.json()


def week_form(**days) -> dict[str, str]:
    """Every weekday's two fields, closed unless given: monday=("09:00", "17:00")."""
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    form = {}
    for n, name in enumerate(names):
        opens, closes = days.get(name, ("", ""))
        form |= {f"opens_{n}": opens, f"closes_{n}": closes}
    return form


def seen_fields(page) -> dict[str, str]:
    return {f"seen_{side}_{d}": hidden(page, f"seen_{side}_{d}")
            for d in range(7) for side in ("opens", "closes")}


async def test_setting_the_opening_hours(service):
    place = await new_place(service)
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    done = await post_form(service, page, f"{base}/opening-hours", seen_fields(page) | week_form(
        monday=("9:00", "17h30"), tuesday=("08:30", "18:00"), saturday=("9h", "12 h 30")))
    assert done.status_code == 303, done.text
    assert done.headers["location"] == f"{base}?done=hours#hours-title"
    hours = (await api_place(service, place))["opening_hours"]
    assert [(h["weekday"], h["opens"], h["closes"]) for h in hours] == [
        (0, "09:00:00", "17:30:00"), (1, "08:30:00", "18:00:00"), (5, "09:00:00", "12:30:00")]
    again = await open_page(service, f"{base}?done=hours")
    assert "Les horaires sont enregistrés." in text(again)
    assert 'name="opens_0" value="09:00"' in again.text


async def test_bad_hours_are_a_422_naming_the_day_with_what_was_typed(service):
    place = await new_place(service)
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    before = (await api_place(service, place))["opening_hours"]
    refused = await post_form(service, page, f"{base}/opening-hours", seen_fields(page) | week_form(
        monday=("25:00", "18:00"), tuesday=("18:00", "09:00"), wednesday=("09:00", "")))
    assert refused.status_code == 422
    shown = text(refused)
    for field in ("opens_0", "closes_1", "closes_2"):
        assert f'href="#{field}"' in refused.text, field
    assert "Lundi : « 25:00 » n'est pas une heure" in shown
    assert "Mardi : la fermeture doit suivre l'ouverture" in shown
    assert "Mercredi : indiquez l'ouverture et la fermeture" in shown
    assert 'name="opens_0" value="25:00"' in refused.text
    assert 'name="opens_1" value="18:00"' in refused.text
    assert f'href="{base}?lang=en"' in refused.text  # the switch leads to the page
    assert (await api_place(service, place))["opening_hours"] == before


async def test_hours_changed_meanwhile_are_a_409_keeping_what_was_typed(service):
    place = await new_place(service)
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    changed = {"opening_hours": [{"weekday": 0, "opens": "10:00", "closes": "12:00"}]}
    assert (await service.client.put(f"/api/telecentres/{place}/opening-hours", json=changed,
                                     headers=service.staff())).status_code == 204
    stale = await post_form(service, page, f"{base}/opening-hours",
                            seen_fields(page) | week_form(monday=("07:00", "19:00")))
    assert stale.status_code == 409
    assert 'data-testid="problem"' in stale.text and "a changé entre-temps" in text(stale)
    assert 'name="opens_0" value="07:00"' in stale.text  # what was typed
    assert 'name="seen_opens_0" value="10:00"' in stale.text  # the place as it now is
    hours = (await api_place(service, place))["opening_hours"]
    assert [(h["opens"], h["closes"]) for h in hours] == [("10:00:00", "12:00:00")]


async def test_adding_a_closure_says_how_many_bookings_that_day(service, amqp_url):
    monday = quiet_monday(10)
    place = await new_place(service)
    room = await new_desk(service, place)
    [member] = await new_members(service, amqp_url)
    assert (await service.client.post("/api/bookings", headers=service.solo(member), json={
        "desk_id": str(room), "starts_at": paris(monday, 9).isoformat(),
        "ends_at": paris(monday, 10).isoformat()})).status_code == 201
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    done = await post_form(service, page, f"{base}/closures",
                           {"day": monday.strftime("%d/%m/%Y"), "reason": "  Travaux "})
    assert done.status_code == 303, done.text
    closures = (await api_place(service, place))["upcoming_closures"]
    assert {"day": monday.isoformat(), "reason": "Travaux", "public_holiday": False} in closures
    shown = text(await service.client.get(done.headers["location"], headers=STAFF))
    assert "La fermeture du" in shown and "1 réservation active ce jour-là" in shown
    assert f'data-closure="{monday.isoformat()}"' in shown


@pytest.mark.parametrize("day, reason, field, message", [
    ("31/02/2027", "Travaux", "day", "« 31/02/2027 » n'est pas une date"),
    ("hier", "Travaux", "day", "« hier » n'est pas une date"),
    ("2001-01-01", "Travaux", "day", "choisissez aujourd'hui ou un jour à venir"),
    ("", "Travaux", "day", "indiquez le jour"),
    ("2099-06-01", "   ", "reason", "indiquez un motif"),
    ("2099-06-01", "x" * 201, "reason", "200 caractères au plus"),
])
async def test_a_bad_closure_is_a_422_keeping_what_was_typed(service, day, reason, field,
                                                            message):
    place = await new_place(service)
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    refused = await post_form(service, page, f"{base}/closures", {"day": day, "reason": reason})
    assert refused.status_code == 422
    assert f'href="#{field}"' in refused.text and message in text(refused)
    assert f'id="day" name="day" value="{day}"' in refused.text
    assert (await api_place(service, place))["upcoming_closures"] == [
        c for c in (await api_place(service, place))["upcoming_closures"] if c["public_holiday"]]


async def test_a_closure_set_meanwhile_on_that_day_is_a_409(service):
    place = await new_place(service)
    day = quiet_monday(20)
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    assert (await service.client.put(f"/api/telecentres/{place}/closures/{day}",
                                     json={"reason": "Inventaire"},
                                     headers=service.staff())).status_code == 200
    stale = await post_form(service, page, f"{base}/closures",
                            {"day": day.isoformat(), "reason": "Travaux"})
    assert stale.status_code == 409 and 'value="Travaux"' in stale.text
    closures = (await api_place(service, place))["upcoming_closures"]
    assert {"day": day.isoformat(), "reason": "Inventaire", "public_holiday": False} in closures


async def test_removing_a_closure_and_a_stale_removal(service):
    place = await new_place(service)
    first, second = quiet_monday(20), quiet_monday(20) + timedelta(days=1)
    for day in (first, second):
        assert (await service.client.put(f"/api/telecentres/{place}/closures/{day}",
                                         json={"reason": "Travaux"},
                                         headers=service.staff())).status_code == 200
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    done = await post_form(service, page, f"{base}/closures/remove",
                           {"day": first.isoformat(), "seen_reason": "Travaux"})
    assert done.status_code == 303 and "done=reopened" in done.headers["location"]
    days = [c["day"] for c in (await api_place(service, place))["upcoming_closures"]]
    assert first.isoformat() not in days and second.isoformat() in days
    # Its reason changed meanwhile: 409, kept. Removed meanwhile: 409 too.
    assert (await service.client.put(f"/api/telecentres/{place}/closures/{second}",
                                     json={"reason": "Fibre"},
                                     headers=service.staff())).status_code == 200
    stale = await post_form(service, page, f"{base}/closures/remove",
                            {"day": second.isoformat(), "seen_reason": "Travaux"})
    assert stale.status_code == 409
    assert second.isoformat() in [c["day"] for c in
                                  (await api_place(service, place))["upcoming_closures"]]
    gone = await post_form(service, page, f"{base}/closures/remove",
                           {"day": first.isoformat(), "seen_reason": "Travaux"})
    assert gone.status_code == 409
    junk = await post_form(service, page, f"{base}/closures/remove", {"day": "zzz"})
    assert junk.status_code == 409


async def test_adding_a_desk_or_room(service):
    place = await new_place(service)
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    for form in ({"kind": "meeting_room", "name": "Salle Gascogne", "capacity": "8",
                  "booking_mode": ""},
                 {"kind": "hot_desk", "name": "Poste 9", "capacity": "1",
                  "booking_mode": "day"}):
        done = await post_form(service, page, f"{base}/desks", form)
        assert done.status_code == 303 and "done=desk" in done.headers["location"]
    desks = {d["name"]: d for d in (await api_place(service, place))["desks"]}
    assert desks["Salle Gascogne"]["booking_mode"] == "hour"
    assert desks["Salle Gascogne"]["capacity"] == 8
    assert desks["Poste 9"]["booking_mode"] == "day"
    page = await open_page(service, base)
    assert "Salle Gascogne" in page.text and "Poste 9" in page.text


@pytest.mark.parametrize("form, field", [
    ({"kind": "sofa", "name": "Canapé", "capacity": "1", "booking_mode": ""}, "kind"),
    ({"kind": "hot_desk", "name": " ", "capacity": "1", "booking_mode": ""}, "name"),
    ({"kind": "hot_desk", "name": "Poste X", "capacity": "deux", "booking_mode": ""},
     "capacity"),
    ({"kind": "hot_desk", "name": "Poste X", "capacity": "500", "booking_mode": ""},
     "capacity"),
    ({"kind": "meeting_room", "name": "Salle X", "capacity": "4", "booking_mode": "day"},
     "booking_mode"),
    ({"kind": "hot_desk", "name": "Déjà là", "capacity": "1", "booking_mode": ""}, "name"),
])
async def test_a_bad_desk_is_a_422_keeping_what_was_typed(service, form, field):
    place = await new_place(service)
    await new_desk(service, place, kind="hot_desk", mode="day", name="Déjà là")
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    refused = await post_form(service, page, f"{base}/desks", form)
    assert refused.status_code == 422, refused.text[:500]
    assert f'href="#{field}"' in refused.text
    if form["capacity"] != "1":
        assert f'id="capacity" name="capacity" value="{form["capacity"]}"' in refused.text
    assert len((await api_place(service, place))["desks"]) == 1


async def test_renaming_and_deactivating_a_desk_and_a_stale_change(service):
    place = await new_place(service)
    desk = await new_desk(service, place, kind="hot_desk", mode="day", name="Poste 1")
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    seen = {"seen_name": "Poste 1", "seen_active": "true"}
    done = await post_form(service, page, f"{base}/desks/{desk}",
                           seen | {"name": "Poste fenêtre"})  # unticked: deactivated
    assert done.status_code == 303 and "done=desk_changed" in done.headers["location"]
    [found] = (await api_place(service, place))["desks"]
    assert (found["name"], found["active"]) == ("Poste fenêtre", False)
    page = await open_page(service, base)
    assert "Poste fenêtre" in page.text and "désactivé" in page.text
    # Built from "Poste 1": the desk is now "Poste fenêtre", so nothing is done.
    stale = await post_form(service, page, f"{base}/desks/{desk}",
                            seen | {"name": "Poste porte", "active": "true"})
    assert stale.status_code == 409 and 'value="Poste porte"' in stale.text
    assert f'id="form-desk-{desk}" open' in stale.text
    [found] = (await api_place(service, place))["desks"]
    assert (found["name"], found["active"]) == ("Poste fenêtre", False)
    # Reactivated from what the page now shows; an empty name is a 422.
    page = await open_page(service, base)
    fresh = {"seen_name": "Poste fenêtre", "seen_active": "false"}
    refused = await post_form(service, page, f"{base}/desks/{desk}", fresh | {"name": ""})
    assert refused.status_code == 422 and f'href="#name-{desk}"' in refused.text
    done = await post_form(service, page, f"{base}/desks/{desk}",
                           fresh | {"name": "Poste fenêtre", "active": "true"})
    assert done.status_code == 303
    assert (await api_place(service, place))["desks"][0]["active"] is True


async def test_a_desk_of_another_place_or_unknown_ids_are_the_404_page(service):
    place, other = await new_place(service), await new_place(service)
    desk = await new_desk(service, other, kind="hot_desk", mode="day", name="Ailleurs")
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    seen = {"seen_name": "Ailleurs", "seen_active": "true", "name": "Ici"}
    for path in (f"{base}/desks/{desk}", f"{base}/desks/not-an-id",
                 f"/staff/telecentres/{uuid.uuid4()}/desks/{desk}",
                 "/staff/telecentres/nope/closures"):
        answer = await post_form(service, page, path, seen)
        assert answer.status_code == 404, path
        assert "Page introuvable" in text(answer)
    unknown = await post_form(service, page, f"/staff/telecentres/{uuid.uuid4()}/closures",
                              {"day": "2099-01-05", "reason": "Travaux"})
    assert unknown.status_code == 404
    assert (await api_place(service, other))["desks"][0]["name"] == "Ailleurs"


@pytest.mark.parametrize("form", ["opening-hours", "closures", "closures/remove", "desks"])
async def test_forms_need_their_csrf_field_and_staff(service, form):
    place = await new_place(service)
    path = f"/staff/telecentres/{place}/{form}"
    page = await open_page(service, f"/staff/telecentres/{place}")
    no_field = await service.client.post(path, data={"day": "2099-01-05"}, headers=STAFF)
    assert no_field.status_code == 403
    for role, claims in ((Role.SOLO, {"member": uuid.uuid4()}),
                         (Role.COMMITTEE, {"village": "32107"})):
        refused = await post_form(service, page, path, {"day": "2099-01-05", "reason": "x"},
                                  headers=identity(role, **claims))
        assert refused.status_code == 403 and "Accès refusé" in text(refused)
    signed_out = await post_form(service, page, path, {"day": "2099-01-05"}, headers={})
    assert signed_out.status_code == 401
    assert re.search(r'href="/sign-in\?next=', signed_out.text)


ODD = ["", " ", "\x00", "é" * 5000, "2026-W99", "9999-99-99", "-1", "1e9", "<script>", "%",
       "0" * 40, "00000000-0000-0000-0000-000000000000", "true", "24/12/99999"]


async def test_no_input_makes_a_500(service, amqp_url):
    place = await new_place(service)
    desk = await new_desk(service, place, kind="hot_desk", mode="day", name="Poste 1")
    [member] = await new_members(service, amqp_url)
    base = f"/staff/telecentres/{place}"
    page = await open_page(service, base)
    queries = ((base, "week"), ("/staff/telecentres/", "after"),
               (f"/staff/bookings/members/{member}", "coming_after"),
               (f"/staff/bookings/members/{member}", "past_after"))
    fields = ("opens_0", "closes_0", "seen_opens_0", "seen_closes_1", "day", "reason",
              "seen_reason", "kind", "name", "capacity", "booking_mode", "active", "seen_name",
              "seen_active")
    for odd in ODD:
        for path, name in queries:
            answer = await service.client.get(path, params={name: odd}, headers=STAFF)
            assert answer.status_code in (200, 422), (path, name, odd, answer.status_code)
        for form in ("opening-hours", "closures", "closures/remove", "desks", f"desks/{desk}"):
            answer = await post_form(service, page, f"{base}/{form}",
                                     {name: odd for name in fields})
            assert answer.status_code in (303, 409, 422), (form, odd, answer.status_code)
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    not_utf8 = await service.client.post(
        f"{base}/closures", content=b"csrftoken=" + token.encode() + b"&day=\xff\xfe&reason=%ZZ",
        headers={**STAFF, "Content-Type": "application/x-www-form-urlencoded"})
    assert not_utf8.status_code in (403, 422)
