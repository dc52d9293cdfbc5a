"""follow_up.due: the member gets an email, in their language, asking the follow-up's
questions with the link to their page behind the front door; once, however often the event
comes; parked until the person is known; nothing for a person erased."""

from tests.support.waiting import wait_for

from .events import contact_received, follow_up_due, prospect_erased, solo_installed
from .staff_pages_helpers import STAFF, text
from .test_late_events_after_erasure import handled

PUBLIC = "https://soho-solo.example.org"  # SOHO_PUBLIC_URL of these tests (conftest)


def questions(smtp_server, contact) -> list:
    return [m for m in smtp_server.to(contact.data.email)
            if m.message["X-Soho-Template"] == "follow_up.question"]


async def test_the_member_is_asked_in_their_language_with_the_link_to_answer(
        service, smtp_server, publish, db):
    english = contact_received(locale="en", first_name="Alice")
    french = contact_received(locale="fr", first_name="Camille")
    asked_en = follow_up_due(english.data.prospect_id, months=6)
    asked_fr = follow_up_due(french.data.prospect_id, months=12)
    async with service(smtp_server.url):
        await publish(english, french)
        await smtp_server.wait_for_messages(to=english.data.email)
        await smtp_server.wait_for_messages(to=french.data.email)
        await publish(asked_en, asked_fr, asked_en)  # the second one: a redelivery
        [en] = await wait_for(lambda: questions(smtp_server, english), message="English")
        [fr] = await wait_for(lambda: questions(smtp_server, french), message="French")
        await wait_for(lambda: handled(db, asked_en, asked_fr), message="both handled")
        # The redelivery planned nothing more: one row for the event, sent.
        assert await db.fetchval("SELECT count(*) FROM deliveries WHERE event_id = $1",
                                 asked_en.id) == 1

    assert en.message["Subject"] == "6 months in Lectoure: how are things?"
    text = en.message.get_body(("plain",)).get_content()
    assert "Hello Alice," in text and "are you still living in the village?" in text
    assert f"Answer (two minutes): {PUBLIC}/members/follow-ups/6?lang=en" in text
    html = en.message.get_body(("html",)).get_content()
    assert f'href="{PUBLIC}/members/follow-ups/6?lang=en"' in html
    assert en.message["List-Unsubscribe"].startswith(f"<{PUBLIC}/unsubscribe/")

    assert fr.message["Subject"] == "Un an à Lectoure : où en êtes-vous ?"
    text = fr.message.get_body(("plain",)).get_content()
    assert "Bonjour Camille," in text and "Voilà un an que vous vous êtes installé·e" in text
    assert f"{PUBLIC}/members/follow-ups/12?lang=fr" in text
    assert len(smtp_server.to(english.data.email)) == 2  # acknowledgement, question


async def test_a_question_for_a_person_not_known_yet_waits_for_them(service, smtp_server,
                                                                   publish, db):
    contact = contact_received(locale="en", first_name="Bo")
    asked = follow_up_due(contact.data.prospect_id, months=1)
    async with service(smtp_server.url):
        await publish(asked)
        await wait_for(lambda: handled(db, asked), message="the question handled")
        assert await db.fetchval("SELECT waiting_for FROM parked_events WHERE event_id = $1",
                                 asked.id) == "prospect"
        await publish(contact)
        [mail] = await wait_for(lambda: questions(smtp_server, contact), message="the question")
        assert await db.fetchval("SELECT count(*) FROM parked_events WHERE event_id = $1",
                                 asked.id) == 0
    assert mail.message["Subject"] == "A month in Lectoure: how are things?"
    assert f"{PUBLIC}/members/follow-ups/1?lang=en" in mail.message.get_body(
        ("plain",)).get_content()


async def test_nothing_is_sent_or_kept_for_an_erased_person(service, smtp_server, publish, db):
    contact = contact_received(locale="fr")
    installed = solo_installed(contact.data.prospect_id)
    before_erasure = follow_up_due(contact.data.prospect_id, months=6)  # parked: unknown yet
    after_erasure = follow_up_due(contact.data.prospect_id, months=12,
                                  member_id=installed.data.member_id)
    erased = prospect_erased(contact.data.prospect_id)
    other = contact_received()
    async with service(smtp_server.url):
        await publish(before_erasure)
        await wait_for(lambda: handled(db, before_erasure), message="parked")
        await publish(erased)
        await wait_for(lambda: handled(db, erased), message="the erasure handled")
        await publish(contact, installed, after_erasure)
        await wait_for(lambda: handled(db, contact, installed, after_erasure),
                       message="the late events handled")
        # A sign that the sender ran meanwhile: someone else's acknowledgement arrives.
        await publish(other)
        await smtp_server.wait_for_messages(to=other.data.email)

        assert smtp_server.to(contact.data.email) == []
        assert await db.fetchval(
            "SELECT count(*) FROM deliveries WHERE event_id = ANY($1::uuid[])",
            [before_erasure.id, after_erasure.id]) == 0
        assert await db.fetchval("SELECT count(*) FROM parked_events WHERE prospect_id = $1",
                                 contact.data.prospect_id) == 0


async def test_staff_preview_the_question_with_its_sample_values(service, smtp_server):
    async with service(smtp_server.url, SOHO_PUBLIC_URL="http://127.0.0.1:8080") as svc:
        listing = await svc.client.get("/staff/deliveries/templates", headers=STAFF)
        french = await svc.client.get("/staff/deliveries/templates/follow_up.question/fr",
                                      headers=STAFF)
        framed = await svc.client.get(
            "/staff/deliveries/templates/follow_up.question/en/preview.html", headers=STAFF)
    assert listing.status_code == 200
    assert "Questions de suivi (1, 6, 12 mois)" in text(listing)
    assert french.status_code == 200
    assert "6 mois à Lectoure : où en êtes-vous ?" in text(french)
    assert framed.status_code == 200
    assert "It has been 6 months since you moved to Lectoure" in text(framed)
    assert 'href="https://soho-solo.example.org/members/follow-ups/6"' in framed.text
