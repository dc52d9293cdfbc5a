"""A committee's own channels behind the front door (/committees/notifications): where it is
told (address, language, webhook: set by staff in onboarding, shown), its rhythm (a message
for each arrival or the weekly digest) saved with PUT /api/committees/{insee}'s use case at
the revision the form was drawn at (409 stale, the choice kept; 422 naming the field), a new
webhook secret shown once; its own village only, from the principal; staff and solos 403,
no identity 401, no CSRF field 403. After choosing weekly, an arrival goes to the digest,
even one whose event brings onboarding's copy of the committee."""

import datetime
import uuid

import pytest

from shared.auth import Role
from shared.events import SoloInstalled, new_event
from shared.events.solo_installed import InstalledVillage, VillageCommittee
from tests.support.waiting import wait_for

from .events import contact_received, unique_email
from .staff_pages_helpers import STAFF, identity, post_form, text

PAGE = "/committees/notifications"
A, B = "32013", "32107"


def committee(village: str = A) -> dict[str, str]:
    return identity(Role.COMMITTEE, village=village, name="Comité")


@pytest.fixture
async def svc(service, smtp_server):
    """Plain-HTTP front door (an https one makes the CSRF cookie Secure)."""
    async with service(smtp_server.url, NOTIFICATIONS_STAFF_EMAILS=[],
                       SOHO_PUBLIC_URL="http://127.0.0.1:8080") as running:
        yield running


async def set_by_staff(svc, village: str, **body) -> dict:
    answer = await svc.client.put(f"/api/committees/{village}", headers=svc.staff(), json={
        "village_name": "Auch" if village == A else "Lectoure", **body})
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


async def get(svc, headers, path: str = PAGE, expect: int = 200):
    page = await svc.client.get(path, headers=headers)
    assert page.status_code == expect, (page.status_code, page.text[:1500])
    return page


async def test_the_committee_reads_its_channels_and_saves_the_weekly_digest(svc, db):
    email = unique_email("comite-auch")
    await set_by_staff(svc, A, email=email, locale="fr")
    await set_by_staff(svc, B, email=unique_email("comite-lectoure"), digest="immediate")
    page = await get(svc, committee())
    shown = text(page)
    assert page.headers["cache-control"] == "no-store" and '<html lang="fr">' in page.text
    for fact in (email, "français", "Vous recevrez un email à chaque arrivée",
                 "Vous recevrez un résumé chaque lundi à 8 h", "Aucun",
                 "l'adresse de connexion est enregistrée par l'équipe Soho Solo",
                 'href="/committees/contact"'):
        assert fact in shown, fact
    assert 'value="immediate" aria-describedby="digest-immediate-hint" checked' in page.text
    assert 'name="email"' not in page.text  # the address is staff's, shown only
    assert 'aria-current="page"' in page.text

    saved = await post_form(svc.client, page, PAGE, {"digest": "weekly"},
                            headers=committee())
    assert saved.status_code == 303 and saved.headers["location"] == f"{PAGE}?done=saved"
    row = await db.fetchrow("SELECT * FROM committees WHERE insee_code = $1", A)
    assert (row["digest"], row["email"], row["locale"]) == ("weekly", email, "fr")
    assert await db.fetchval("SELECT digest FROM committees WHERE insee_code = $1",
                             B) == "immediate"
    again = await get(svc, committee(), f"{PAGE}?done=saved")
    assert "C'est enregistré." in text(again)
    assert "Aujourd'hui : vous recevez un résumé chaque lundi à 8 h." in text(again)
    assert 'value="weekly" aria-describedby="digest-weekly-hint" checked' in again.text

    english = await get(svc, committee(), f"{PAGE}?lang=en")
    assert '<html lang="en">' in english.text
    for fact in ("Being told of arrivals", "You will get a summary every Monday at 8:00.",
                 "French", "Now: you get a summary every Monday"):
        assert fact in text(english), fact
    back = await post_form(svc.client, english, f"{PAGE}?lang=en", {"digest": "immediate"},
                           headers=committee())
    assert back.headers["location"] == f"{PAGE}?done=saved&lang=en"


async def test_a_bad_choice_is_422_naming_the_field_and_a_stale_form_409_keeping_it(svc, db):
    await set_by_staff(svc, A, email=unique_email("comite"))
    page = await get(svc, committee())
    for bad in ({"digest": "daily"}, {}):
        refused = await post_form(svc.client, page, PAGE, bad, headers=committee())
        assert refused.status_code == 422
        assert 'data-testid="error-summary"' in refused.text
        assert '<a href="#digest-immediate">Choisissez un message à chaque arrivée' \
            in text(refused)
        assert 'aria-describedby="digest-error"' in refused.text
        assert "<title>Erreur" in refused.text
    assert await db.fetchval("SELECT digest FROM committees") == "immediate"

    await set_by_staff(svc, A, email=unique_email("comite-new"))  # changed meanwhile
    stale = await post_form(svc.client, page, PAGE, {"digest": "weekly"}, headers=committee())
    assert stale.status_code == 409 and 'data-testid="problem"' in stale.text
    assert "Vos réglages ont changé entre-temps" in text(stale)
    assert 'value="weekly" aria-describedby="digest-weekly-hint" checked' in stale.text
    assert await db.fetchval("SELECT digest FROM committees") == "immediate"
    retried = await post_form(svc.client, stale, PAGE, {"digest": "weekly"},
                              headers=committee())
    assert retried.status_code == 303
    assert await db.fetchval("SELECT digest FROM committees") == "weekly"


async def test_a_committee_with_no_row_sees_an_empty_form_and_saving_says_why_not(svc, db):
    page = await get(svc, committee())
    assert "n'a pas encore d'adresse ni de webhook" in text(page)
    assert 'name="digest"' in page.text and 'name="rotate_secret"' not in page.text
    refused = await post_form(svc.client, page, PAGE, {"digest": "weekly"}, headers=committee())
    assert refused.status_code == 422 and "l'équipe Soho Solo doit d'abord" in text(refused)
    assert await db.fetchval("SELECT count(*) FROM committees") == 0


async def test_a_new_webhook_secret_is_shown_once(svc, db):
    first = await set_by_staff(svc, A, email=unique_email("comite"),
                               webhook_url="https://hooks.example.org/soho")
    page = await get(svc, committee())
    assert first["webhook_secret"] not in page.text  # never shown on a plain visit
    assert "https://hooks.example.org/soho" in page.text and 'name="rotate_secret"' in page.text
    rotated = await post_form(svc.client, page, PAGE, {"digest": "immediate",
                                                       "rotate_secret": "on"},
                              headers=committee())
    assert rotated.status_code == 200 and rotated.headers["cache-control"] == "no-store"
    secret = await db.fetchval("SELECT webhook_secret FROM committees")
    assert secret != first["webhook_secret"] and len(secret) == 64
    assert f'data-testid="secret-value">{secret}<' in rotated.text
    later = await get(svc, committee())
    assert secret not in later.text
    kept = await post_form(svc.client, later, PAGE, {"digest": "weekly"}, headers=committee())
    assert kept.status_code == 303
    assert await db.fetchval("SELECT webhook_secret FROM committees") == secret


async def test_only_committees_each_on_its_own_village(svc, db):
    a_email, b_email = unique_email("comite-a"), unique_email("comite-b")
    await set_by_staff(svc, A, email=a_email)
    await set_by_staff(svc, B, email=b_email)
    of_b = await get(svc, committee(B))
    assert b_email in text(of_b) and a_email not in text(of_b)
    # B's form, whatever it carries, writes B's row only: there is no village to name.
    saved = await post_form(svc.client, of_b, PAGE, {"digest": "weekly", "insee_code": A},
                            headers=committee(B))
    assert saved.status_code == 303
    assert dict(await db.fetch("SELECT insee_code, digest FROM committees")) == {
        A: "immediate", B: "weekly"}

    solo = identity(Role.SOLO, sub=str(uuid.uuid4()), member=str(uuid.uuid4()))
    for headers in (STAFF, solo):
        refused = await get(svc, headers, expect=403)
        assert a_email not in refused.text and "Accès refusé" in text(refused)
        posted = await post_form(svc.client, of_b, PAGE, {"digest": "immediate"},
                                 headers=headers)
        assert posted.status_code == 403
    svc.client.headers.pop("X-Soho-Identity", None)
    assert (await svc.client.get(PAGE)).status_code == 401
    csrf = {"csrftoken": svc.client.cookies["csrftoken"]}
    assert (await svc.client.post(PAGE, data=csrf | {"digest": "immediate"})).status_code == 401
    # No CSRF field: 403, nothing written.
    assert (await svc.client.post(PAGE, data={"digest": "immediate"},
                                  headers=committee(B))).status_code == 403
    assert dict(await db.fetch("SELECT insee_code, digest FROM committees")) == {
        A: "immediate", B: "weekly"}


def installed_with_committee(prospect_id: uuid.UUID, email: str):
    """solo.installed as onboarding publishes it, with its copy of the village's committee."""
    data = SoloInstalled(member_id=uuid.uuid4(), prospect_id=prospect_id, case_id=uuid.uuid4(),
                         village=InstalledVillage(insee_code=A, name="Auch"),
                         installed_on=datetime.date(2025, 9, 1),
                         household_size=2,
                         committee=VillageCommittee(email=email, locale="fr"))
    return new_event(data, source="/soho/onboarding", subject=str(data.member_id))


async def test_after_choosing_weekly_an_arrival_goes_to_the_digest(svc, db, publish,
                                                                   smtp_server):
    email = unique_email("comite-auch")
    await set_by_staff(svc, A, email=email)
    page = await get(svc, committee())
    assert (await post_form(svc.client, page, PAGE, {"digest": "weekly"},
                            headers=committee())).status_code == 303
    contact = contact_received(first_name="Léa")
    await publish(contact, installed_with_committee(contact.data.prospect_id, email))
    await wait_for(lambda: db.fetchval(
        f"SELECT count(*) = 1 FROM digest_items WHERE insee_code = '{A}'"),
        message="the arrival kept for the weekly digest")
    assert await db.fetchval("SELECT count(*) FROM deliveries WHERE recipient = $1 "
                             "AND template = 'solo.arrival'", email) == 0
    assert await db.fetchval("SELECT digest FROM committees") == "weekly"  # kept by learn


async def test_the_committee_has_its_messages_sent_to_an_address_of_its_choice(
        svc, db, publish, smtp_server):
    """The sign-in address is staff's; where the messages go is the committee's own choice,
    kept when staff or onboarding's events change the committee, empty for the sign-in one."""
    sign_in, town_hall = unique_email("comite-auch"), unique_email("mairie-auch")
    await set_by_staff(svc, A, email=sign_in)
    page = await get(svc, committee())
    assert 'name="send_to" value=""' in page.text
    refused = await post_form(svc.client, page, PAGE, {"digest": "immediate",
                                                       "send_to": "mairie at auch"},
                              headers=committee())
    assert refused.status_code == 422 and '<a href="#send_to">Saisissez une adresse' \
        in text(refused)
    assert 'aria-invalid="true"' in refused.text and 'value="mairie at auch"' in refused.text
    assert await db.fetchval("SELECT send_to FROM committees") is None

    saved = await post_form(svc.client, page, PAGE, {"digest": "immediate",
                                                     "send_to": f" {town_hall.upper()} "},
                            headers=committee())
    assert saved.status_code == 303
    assert await db.fetchval("SELECT send_to FROM committees") == town_hall
    shown = text(await get(svc, committee()))
    assert town_hall in shown and sign_in in shown  # both, each named

    await set_by_staff(svc, A, email=sign_in, locale="en")  # staff's change keeps the choice
    contact = contact_received(first_name="Léa")
    await publish(contact, installed_with_committee(contact.data.prospect_id, sign_in))
    [mail] = await smtp_server.wait_for_messages(to=town_hall)
    assert "Auch" in mail.message["Subject"] and smtp_server.to(sign_in) == []
    assert await db.fetchval("SELECT send_to FROM committees") == town_hall

    cleared = await post_form(svc.client, await get(svc, committee()), PAGE,
                              {"digest": "immediate", "send_to": ""}, headers=committee())
    assert cleared.status_code == 303
    assert await db.fetchval("SELECT send_to FROM committees") is None
