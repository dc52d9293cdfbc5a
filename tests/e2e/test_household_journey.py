"""The journey of one household, end to end, through the real processes `soho up` starts.

Sanne de Vries, a UX designer in Amsterdam, her partner and their child want to live in
Marciac. Sanne sends the English web form from her browser; the team acknowledges it in
English; staff qualify the project; an installation case opens; the family moves in and
Marciac's welcome committee is told, in French; Sanne books a desk at the Marciac
coworking space and gets the confirmation with its calendar entry; the key figures move.
Nothing is left in a dead-letter queue or an outbox, and the platform's event history keeps
the household's story without a word of who they are.

A second household, a family of four from Lille, checks that the numbers staff enter at
qualification reach the case, the committee and the key figures as they were entered.

A third person, installed and booked in the same way, asks to be forgotten: staff erase
them from their prospect file, in Chromium behind the front door, and afterwards no
column of any table of any schema holds their address, phone number or surname."""

import asyncio
import datetime as dt
import json
import os
import random
import string
import sys
import uuid

import asyncpg
import httpx
import icalendar
import pytest

from soho import registry
from soho.registry import SERVICE_NAMES
from tests.support import household as steps
from tests.support.event_history import history_copies
from tests.support.household import Household, Village
from tests.support.personal_data_scan import places_holding
from tests.support.platform_process import running_platform
from tests.support.sign_in import signed_in_staff
from tests.support.waiting import wait_for

PATIENCE = 120.0  # seconds for each asynchronous outcome: the machine is slow and shared
MARCIAC = Village("32233", "Marciac")
COMMITTEE = "accueil.marciac@example.org"
FAMILY = Household(
    first_name="Sanne", last_name="de Vries", email="sanne.devries@example.nl", locale="en",
    phone="+31 6 12 34 56 78", origin_city="Amsterdam", origin_country="NL",
    profession="UX designer", sector="digital", adults=2, children=1, villages=(MARCIAC,),
    move_horizon="within_a_year",
    message="We are a family of three and would love a house with a garden near a school.")
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")


@pytest.fixture(scope="module")
async def platform(database_url, amqp_url, tmp_path_factory):
    """One platform for the households of this module: each test reads the key figures
    before it starts and asserts how they moved."""
    # A person takes more than the form's minimum fill time; a test browser does not.
    async with running_platform(tmp_path_factory.mktemp("platform"),
                                env={"PROSPECTS_FORM_MIN_SECONDS": "0"}) as platform:
        await platform.wait_ready(timeout=180)
        yield platform


# What the family sees and receives.
async def send_the_form_in_a_browser(browser, platform, family: Household) -> None:
    context = await browser.new_context(locale="en-GB")
    try:
        page = await context.new_page()
        await page.goto(f"{platform.url('prospects')}/?lang=en")
        await page.get_by_label("First name (required)", exact=True).fill(family.first_name)
        await page.get_by_label("Last name (required)", exact=True).fill(family.last_name)
        await page.get_by_label("Email address").fill(family.email)
        await page.get_by_label("Phone").fill(family.phone)
        await page.get_by_label("City").fill(family.origin_city)
        await page.get_by_label("Country").select_option(label="Netherlands")
        await page.get_by_label("Profession").fill(family.profession)
        await page.get_by_label("Sector").select_option(label="Digital, IT")
        await page.get_by_label("Adults").fill(str(family.adults))
        await page.get_by_label("Children").fill(str(family.children))
        await page.get_by_label("Village 1").fill(family.villages[0].name)
        await page.get_by_label("When would you like to move?").select_option(
            label="Within a year")
        await page.get_by_label("Your message").fill(family.message)
        await page.get_by_label("I agree", exact=False).check()
        await page.get_by_role("button", name="Send my request").click()
        heading = page.get_by_role("heading", level=1)
        await heading.wait_for(timeout=PATIENCE * 1000)
        assert await heading.inner_text() == "Thank you, your request has arrived"
        assert page.url.endswith("/confirmation?lang=en")
    finally:
        await context.close()


def subject_of(mail) -> str:
    # A long subject is folded onto the next line ("Subject:\n Booking..."): RFC 5322
    # folding white space, which Python's parser keeps as a leading space.
    return " ".join(str(mail["Subject"]).split())


async def the_mail(platform, to: str, subject_start: str):
    def found():
        return [m for m in platform.mails_to(to) if subject_of(m).startswith(subject_start)]

    [mail] = await wait_for(found, timeout=PATIENCE, interval=0.5,
                            message=f"the email {subject_start!r}... to {to}")
    return mail


def text_of(mail) -> str:
    return mail.get_body(preferencelist=("plain",)).get_content()


def calendar_of(mail) -> icalendar.Calendar:
    [invite] = [part for part in mail.iter_attachments()
                if part.get_content_type() == "text/calendar"]
    assert invite.get_filename() == "reservation.ics"
    content = invite.get_content()
    return icalendar.Calendar.from_ical(content if isinstance(content, str) else content.decode())


async def the_event(listener, event_type: str, **data):
    def found():
        return [r.body for r in listener.received if r.routing_key == event_type
                and all(r.body["data"].get(k) == v for k, v in data.items())]

    [event] = await wait_for(found, timeout=PATIENCE, interval=0.3,
                             message=f"{event_type} with {data}")
    return event


# The key figures and the plumbing.
async def figures_moved(client, platform, before: dict, expected: dict) -> dict | None:
    now = await steps.read_kpis(client, platform)
    moved = {name: now[name] - before[name] for name in expected}
    return now if moved == expected else None


async def dead_letter_counts() -> dict[str, int]:
    """`soho dlq list`, run as an operator would, on the platform's broker."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "soho", "dlq", "list", env=dict(os.environ),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output = (await asyncio.wait_for(process.communicate(), timeout=PATIENCE))[0].decode()
    assert process.returncode == 0, output
    counts = {}
    for line in output.splitlines():
        if "\t" in line and line.endswith("message(s)"):
            name, count = line.split("\t")
            counts[name] = int(count.split()[0])
    every_queue = {f"{queue}.dlq" for queue in registry.consumer_queues()}
    assert set(counts) == every_queue, f"every consumer's dead-letter queue listed: {output}"
    return counts


async def every_outbox_drained(client, platform) -> bool:
    for service in SERVICE_NAMES:
        metrics = (await client.get(f"{platform.url(service)}/metrics")).text
        if "soho_outbox_pending 0.0" not in metrics:
            return False
    return True


@pytest.mark.timeout(900)
async def test_a_dutch_family_moves_to_marciac_and_books_a_desk(platform, browser, listener,
                                                               amqp_url):
    family = FAMILY
    journey_began = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=2)
    async with httpx.AsyncClient(timeout=60) as client:
        before = await steps.read_kpis(client, platform)
        marciac_before = {v["insee_code"]: v for v in before["installations_by_village"]}
        await steps.set_committee(client, platform, MARCIAC.insee_code, COMMITTEE, "fr")

        # Sanne sends the English web form from her browser.
        await send_the_form_in_a_browser(browser, platform, family)
        contact = await the_event(listener, "contact.received", email=family.email)
        sent = {"channel": "web", "locale": "en", "first_name": "Sanne", "origin_country": "NL",
                "household_size": 3, "desired_villages": ["32233"], "is_new_prospect": True}
        assert {key: contact["data"].get(key) for key in sent} == sent
        prospect_id = contact["data"]["prospect_id"]

        # The team's acknowledgement reaches her mailbox, in English.
        ack = await the_mail(platform, family.email, "Soho Solo: we have received your message")
        assert "Hello Sanne," in text_of(ack)
        assert "What happens next?" in text_of(ack)

        # Staff find her in the pipeline and qualify the project.
        prospect = await steps.wait_for_prospect(client, platform, family.email)
        assert prospect["id"] == prospect_id
        assert prospect["stage"] == "new" and prospect["desired_villages"] == ["32233"]
        qualified = await steps.qualify(client, platform, prospect_id, family,
                                        notes="Remote work agreed with her employer.")
        assert qualified["stage"] == "qualified"
        assert qualified["qualification"]["score"] > 0
        await the_event(listener, "prospect.qualified", prospect_id=prospect_id)

        # An installation case opens; the household gets ready to move.
        case = await steps.wait_for_case(client, platform, prospect_id, timeout=PATIENCE)
        assert case["status"] == "open" and case["locale"] == "en"
        assert case["household_size"] == 3 and case["target_villages"] == ["32233"]
        case = await steps.prepare_case(client, platform, case["id"], children=1)
        assert {s["key"]: s["status"] for s in case["steps"]}["school_enrolment"] == "done"

        # They move in: the member is created and the village is told.
        today = steps.paris_today()
        member_id = await steps.install(client, platform, case["id"], MARCIAC, family.size,
                                        installed_on=today)
        installed = await the_event(listener, "solo.installed", member_id=member_id)
        assert installed["data"]["village"] == {"insee_code": "32233", "name": "Marciac"}
        assert installed["data"]["household_size"] == 3

        arrival = await the_mail(platform, COMMITTEE, "Un foyer arrive à Marciac le ")
        assert FRENCH_MONTHS[today.month - 1] in subject_of(arrival)
        body = text_of(arrival)
        assert "Prénom : Sanne" in body and "Personnes dans le foyer : 3" in body
        assert f"Référence : {case['id']}" in body
        assert "Vries" not in body and family.email not in body, "no surname, no address"

        welcome = await the_mail(platform, family.email, "Welcome to Marciac, Sanne!")
        assert "you are now a member of the Soho Solo network" in text_of(welcome)

        # Sanne books a desk at the Marciac coworking space.
        await steps.wait_for_member(client, platform, member_id, timeout=PATIENCE)
        slot = await steps.find_free_desk(client, platform, member_id,
                                          insee_code=MARCIAC.insee_code)
        booking = await steps.book_desk(client, platform, member_id, slot)
        assert booking["member_id"] == member_id and booking["status"] == "booked"
        booked = await the_event(listener, "desk.booked", booking_id=booking["booking_id"])
        assert booked["data"]["desk_id"] == slot.desk_id

        confirmation = await the_mail(platform, family.email, "Booking confirmed: ")
        assert booking["booking_id"] in text_of(confirmation)
        # It names what she booked, as bookings published it on desk.booked.
        assert booked["data"]["telecentre_name"] == slot.telecentre_name
        assert booked["data"]["desk_name"] == slot.desk_name
        assert slot.telecentre_name in text_of(confirmation)
        assert slot.desk_name in text_of(confirmation)
        calendar = calendar_of(confirmation)
        assert str(calendar["METHOD"]) == "PUBLISH"
        [entry] = calendar.walk("VEVENT")
        assert booking["booking_id"] in str(entry["UID"])
        assert entry.decoded("DTSTART") == dt.datetime.fromisoformat(booking["starts_at"])
        assert entry.decoded("DTEND") == dt.datetime.fromisoformat(booking["ends_at"])
        assert entry.decoded("DTSTART") == slot.starts_at
        assert str(entry["STATUS"]) == "CONFIRMED"

        # The key figures moved by exactly one household of three.
        expected = {"contacts": 1, "prospects": 1, "qualified": 1, "installed_solos": 1,
                    "new_inhabitants": 3, "bookings": 1, "members_booking": 1,
                    "villages_with_solos": 0 if "32233" in marciac_before else 1}
        after = await wait_for(lambda: figures_moved(client, platform, before, expected),
                               timeout=PATIENCE, interval=0.5, message=f"key figures {expected}")
        assert after["by_origin_country"].get("NL", 0) == before["by_origin_country"].get(
            "NL", 0) + 1

        # Each message went once, nothing is stuck anywhere.
        # Identity's welcome (the sign-in link) travels on its own, maybe a little later.
        await wait_for(lambda: len(platform.mails_to(family.email)) >= 4, timeout=PATIENCE,
                       message="four emails to the family")
        to_family = platform.mails_to(family.email)
        assert len(to_family) == 4, "acknowledgement, welcome, sign-in welcome, booking"
        assert [str(m["X-Soho-Template"]) for m in to_family].count(
            "identity.welcome_member") == 1
        assert len(platform.mails_to(COMMITTEE)) == 1
        await wait_for(lambda: every_outbox_drained(client, platform), timeout=PATIENCE,
                       interval=0.5, message="every outbox drained")
        assert {name: n for name, n in (await dead_letter_counts()).items() if n} == {}

        # The event history (kept for years, where erasure cannot reach) has the story and
        # the figures' facts, not the people.
        story = [contact, installed, booked]
        kept = await history_copies(amqp_url, journey_began, {e["id"] for e in story})
        history = json.dumps([kept[e["id"]].body for e in story])
        for who in (family.first_name, family.last_name, family.email, family.phone,
                    family.origin_city, family.profession, family.message, COMMITTEE):
            assert who not in history
        assert kept[contact["id"]].body["data"]["origin_country"] == "NL"
        assert kept[installed["id"]].body["data"]["village"]["insee_code"] == "32233"


MIRANDE = Village("32256", "Mirande")
MIRANDE_COMMITTEE = "accueil.mirande@example.org"
FAMILY_OF_FOUR = Household(
    first_name="Maud", last_name="Lefebvre", email="maud.lefebvre@example.fr", locale="fr",
    origin_city="Lille", origin_country="FR", profession="traductrice", sector="other",
    adults=2, children=2, villages=(MIRANDE,), move_horizon="within_6_months")


@pytest.mark.timeout(600)
async def test_a_family_of_two_adults_and_two_children_arrives_as_four(platform, listener):
    """Staff enter the household at qualification as 2 adults and 2 children: the case, the
    committee's arrival email and the new inhabitants count four people, two of them
    children, with nobody typing the numbers again."""
    family = FAMILY_OF_FOUR
    async with httpx.AsyncClient(timeout=60) as client:
        before = await steps.read_kpis(client, platform)
        await steps.set_committee(client, platform, MIRANDE.insee_code, MIRANDE_COMMITTEE)
        ids = await steps.submit_contact(client, platform, family)
        await steps.qualify(client, platform, ids.prospect_id, family)
        qualified = await the_event(listener, "prospect.qualified", prospect_id=ids.prospect_id)
        assert (qualified["data"]["household_size"], qualified["data"]["children"]) == (4, 2)

        case = await steps.wait_for_case(client, platform, ids.prospect_id, timeout=PATIENCE)
        case = (await client.get(f"{platform.url('onboarding')}/api/cases/{case['id']}",
                                 headers=platform.staff_headers())).json()
        assert (case["household_size"], case["children"]) == (4, 2)

        await steps.prepare_case(client, platform, case["id"], children=family.children)
        await steps.install(client, platform, case["id"], MIRANDE, family.size)
        arrival = await the_mail(platform, MIRANDE_COMMITTEE, "Un foyer arrive à Mirande le ")
        assert "Personnes dans le foyer : 4" in text_of(arrival)

        expected = {"installed_solos": 1, "new_inhabitants": 4}
        await wait_for(lambda: figures_moved(client, platform, before, expected),
                       timeout=PATIENCE, interval=0.5, message=f"key figures {expected}")


# Erasure --------------------------------------------------------------------------------

def somebody_to_forget() -> Household:
    """A person whose address, phone number and surname appear nowhere else in the run's
    database, so that finding one of them anywhere means finding them."""
    surname = "Kerzabou" + "".join(random.choices(string.ascii_lowercase, k=6))
    digits = "6" + "".join(random.choices(string.digits, k=8))
    return Household(
        first_name="Maëlys", last_name=surname.capitalize(),
        email=f"maelys.{uuid.uuid4().hex[:10]}@example.org", locale="fr",
        phone="+33 " + " ".join([digits[0], *(digits[i:i + 2] for i in range(1, 9, 2))]),
        origin_city="Nantes", origin_country="FR", profession="graphiste", sector="digital",
        adults=1, children=0, villages=(MARCIAC,), move_horizon="within_6_months",
        message=f"Je suis {surname}, joignable au {digits}.")


def traces_of(person: Household) -> list[str]:
    """What identifies the person, as typed and as a service may have normalised it (the
    phone's digits without spaces, as in +33612345678 or 0612345678)."""
    digits = "".join(c for c in person.phone if c.isdigit())[2:]  # without the 33
    return [person.email, person.phone, digits, person.last_name]


async def everyone_knows(conn: asyncpg.Connection, person: Household, prospect_id: str,
                         member_id: str) -> bool:
    """Every service has learnt of the person: identity's account, notifications' emails
    sent (acknowledgement, welcome, booking), the dashboard's person and member, bookings'
    member with a booking."""
    facts = await conn.fetchrow(
        """SELECT
             (SELECT count(*) FROM identity.accounts WHERE email = lower($1)) AS accounts,
             (SELECT count(*) FROM notifications.deliveries
              WHERE recipient = lower($1) AND status = 'sent') AS sent,
             (SELECT count(*) FROM dashboard.person WHERE id = $2 AND installed) AS person,
             (SELECT count(*) FROM dashboard.member WHERE id = $3 AND booked) AS member,
             (SELECT count(*) FROM bookings.bookings WHERE member_id = $3) AS bookings""",
        person.email, uuid.UUID(prospect_id), uuid.UUID(member_id))
    return (facts["accounts"] == 1 and facts["sent"] >= 3 and facts["person"] == 1
            and facts["member"] == 1 and facts["bookings"] == 1)


async def erase_in_the_file(browser, front: str, session: str, prospect_id: str) -> None:
    """Staff open the person's file, follow 'Effacer cette personne…' and confirm."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900},
                                        locale="fr-FR")
    try:
        await context.add_cookies([{"name": "soho_session", "value": session, "url": front}])
        page = await context.new_page()
        opened = await page.goto(f"{front}/staff/prospects/{prospect_id}")
        assert opened.status == 200
        for region, link in (("installation-case", "Voir le dossier d'installation"),
                             ("emails-sent", "Voir les emails envoyés")):
            # Filled by onboarding and notifications, or, until their fragment answers,
            # their link; either way the region is there under its heading.
            region = page.get_by_test_id(region)
            await region.locator("li").first.wait_for(timeout=PATIENCE * 1000)
            assert await region.get_attribute("aria-live") == "polite"
        await page.get_by_role("link", name="Effacer cette personne…").click()
        await page.wait_for_url(f"**/staff/prospects/{prospect_id}/erase")
        async with page.expect_response(
                lambda r: r.url.endswith(f"/staff/prospects/{prospect_id}")
                and r.request.method == "GET") as erased:
            await page.get_by_role("button", name="Effacer définitivement").click()
        assert (await erased.value).status == 410
        assert await page.get_by_role("heading", level=1).inner_text() == "Personne effacée"
    finally:
        await context.close()


@pytest.mark.timeout(600)
async def test_a_person_erased_from_their_file_is_nowhere_in_the_database(
        platform, browser, listener, amqp_url):
    person = somebody_to_forget()
    traces = traces_of(person)
    front = platform.url("front-door")
    began = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=2)
    conn = await asyncpg.connect(os.environ["DATABASE_URL"])
    try:
        async with httpx.AsyncClient(timeout=60) as client:
            ids = await steps.submit_contact(client, platform, person)
            await steps.qualify(client, platform, ids.prospect_id, person)
            case = await steps.wait_for_case(client, platform, ids.prospect_id,
                                             timeout=PATIENCE)
            await steps.prepare_case(client, platform, case["id"], children=0)
            member_id = await steps.install(client, platform, case["id"], MARCIAC, 1)
            await steps.wait_for_member(client, platform, member_id, timeout=PATIENCE)
            await steps.book_first_free_desk(client, platform, member_id,
                                             insee_code=MARCIAC.insee_code)
        await wait_for(lambda: everyone_knows(conn, person, ids.prospect_id, member_id),
                       timeout=PATIENCE, interval=0.5, message="every service knows them")
        before = await places_holding(conn, traces)
        # The scan sees them where they are (so that finding nothing later means something).
        schemas = {place.split(".")[0] for place in before}
        assert {"prospects", "onboarding", "notifications", "identity"} <= schemas, before
        assert all(trace in sum(before.values(), []) for trace in traces), before
        assert {"prospects.outbox.body", "notifications.outbox.body"} <= set(before), before

        async with signed_in_staff(platform, f"dpo.{uuid.uuid4().hex[:8]}@example.org",
                                   name="Claire Dufau") as staff:
            await erase_in_the_file(browser, front, staff.cookies["soho_session"],
                                    ids.prospect_id)
            await the_event(listener, "prospect.erased", prospect_id=ids.prospect_id)

            async def nothing_left() -> bool:
                return not await places_holding(conn, traces)

            try:
                await wait_for(nothing_left, timeout=PATIENCE, interval=1.0,
                               message="no trace of the person in any table")
            except AssertionError:
                raise AssertionError(f"still there: {await places_holding(conn, traces)}"
                                     ) from None

            # The file says only that a person was erased.
            page = await staff.get(f"{front}/staff/prospects/{ids.prospect_id}")
            assert page.status_code == 410
            assert "Cette personne a été effacée" in page.text
            for trace in traces + [person.first_name]:
                assert trace not in page.text
    finally:
        await conn.close()

    # The event history (where erasure cannot reach) never had them either.
    about_them = {r.body["id"] for r in listener.received
                  if person.email in json.dumps(r.body)}
    assert about_them, "the events about the person carried their address to the consumers"
    kept = await history_copies(amqp_url, began, about_them)
    history = json.dumps([copy.body for copy in kept.values()])
    assert not [trace for trace in traces if trace in history]
