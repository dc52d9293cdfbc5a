"""Solos and committees: accounts opened from the bus, sign-in by emailed link (a GET
signs nothing in, a link works once and not after it expired), erasure."""

import datetime
import uuid

from shared.auth import FORWARDED_IDENTITY, Role, decode_token
from shared.events import (CommitteeChanged, InstalledVillage, ProspectErased,
                           ProspectQualified, SoloInstalled, new_event)
from tests.support.waiting import wait_for

from .conftest import PUBLIC_URL, link_in, link_path, same_words, unique_email

VILLAGE, OTHER_VILLAGE = "32233", "32256"  # Marciac, Mirande


async def nothing(db, count_sql: str) -> bool:
    return await db.fetchval(count_sql) == 0


def qualified(prospect_id: uuid.UUID, email: str, first_name: str = "Maïwenn"):
    return new_event(ProspectQualified(
        prospect_id=prospect_id, first_name=first_name, last_name="Le Gall", email=email,
        locale="fr", household_size=2, qualified_by="staff"), source="/soho/prospects",
        subject=str(prospect_id))


def installed(prospect_id: uuid.UUID, member_id: uuid.UUID):
    return new_event(SoloInstalled(
        member_id=member_id, prospect_id=prospect_id, case_id=uuid.uuid4(),
        village=InstalledVillage(insee_code=VILLAGE, name="Marciac"),
        installed_on=datetime.date(2026, 5, 1), household_size=2),
        source="/soho/onboarding", subject=str(member_id))


def committee(email: str | None, village: str = VILLAGE, removed: bool = False):
    return new_event(CommitteeChanged(insee_code=village, village_name="Marciac",
                                      email=email, locale="fr", removed=removed),
                     source="/soho/onboarding", subject=village)


async def installed_solo(svc, publish, db, smtp_server, email: str):
    prospect_id, member_id = uuid.uuid4(), uuid.uuid4()
    await publish(qualified(prospect_id, email))
    await wait_for(lambda: db.fetchval("SELECT count(*) FROM prospects"), timeout=15,
                   message="the prospect kept")
    event = installed(prospect_id, member_id)
    await publish(event, event)  # a duplicate changes nothing
    [mail] = await smtp_server.wait_for_messages(to=email)
    return prospect_id, member_id, mail


async def test_an_installed_solo_gets_a_welcome_link_that_works_once(
        identity, publish, db, smtp_server, listener):
    email = unique_email("solo")
    async with identity() as svc:
        prospect_id, member_id, mail = await installed_solo(svc, publish, db, smtp_server,
                                                            email)
        assert mail.message["X-Soho-Template"] == "identity.welcome_member"
        account = await db.fetchrow("SELECT * FROM accounts WHERE email = $1", email)
        assert account["role"] == "solo" and account["member_id"] == member_id
        assert account["name"] == "Maïwenn"
        lifetime = await db.fetchval("SELECT expires_at - created_at FROM links")
        assert lifetime == datetime.timedelta(days=7)
        await wait_for(lambda: [r for r in listener.received
                                if r.routing_key == "account.created"], timeout=15,
                       message="account.created published")
        [created] = [r.body for r in listener.received if r.routing_key == "account.created"]
        assert created["data"]["member_id"] == str(member_id)
        assert created["data"]["role"] == "solo" and "email" not in created["data"]

        path = link_path(link_in(mail))
        scanner = svc.browser()
        page = await scanner.get(path)  # a mail scanner: nothing is used, nobody signed in
        assert page.status_code == 200 and "Me connecter" in page.text
        assert scanner.session_cookie() is None
        assert await db.fetchval("SELECT used_at FROM links") is None

        person = svc.browser()
        entered = await person.form(path)
        assert entered.status_code == 303 and entered.headers["location"] == "/members/"
        allowed = await person.check("/members/bookings")
        assert allowed.status_code == 200
        who = decode_token(svc.app.state.settings.secret, allowed.headers[FORWARDED_IDENTITY])
        assert who.role is Role.SOLO and who.member == member_id and who.name == "Maïwenn"
        assert (await person.check("/staff/")).status_code == 403

        again = svc.browser()
        shown = await again.get(path)
        assert shown.status_code == 410 and 'action="/sign-in/link"' in shown.text
        assert (await again.client.post(path, data={"csrftoken": "x"})).status_code == 403
        csrf = (await again.get("/sign-in")).text.split('name="csrftoken" value="')[1][:100]
        refused = await again.client.post(path, data={"csrftoken": csrf.split('"')[0]})
        assert refused.status_code == 410 and again.session_cookie() is None


async def test_a_requested_sign_in_link_lasts_15_minutes_and_fails_once_expired(
        identity, publish, db, smtp_server):
    email = unique_email("solo")
    async with identity() as svc:
        await installed_solo(svc, publish, db, smtp_server, email)
        asked = await svc.browser().form("/sign-in", "/sign-in/link", email=email)
        assert asked.status_code == 200
        mails = await smtp_server.wait_for_messages(to=email, count=2)
        assert mails[1].message["X-Soho-Template"] == "identity.sign_in"
        path = link_path(link_in(mails[1]))
        lifetime = await db.fetchval("SELECT expires_at - created_at FROM links "
                                     "WHERE expires_at - created_at < interval '1 hour'")
        assert lifetime == datetime.timedelta(minutes=15)
        await db.execute("UPDATE links SET expires_at = now() - interval '1 second'")
        late = svc.browser()
        assert (await late.get(path)).status_code == 410
        csrf = (await late.get("/sign-in")).text.split('name="csrftoken" value="')[1]
        answer = await late.client.post(path, data={"csrftoken": csrf.split('"')[0]})
        assert answer.status_code == 410 and late.session_cookie() is None


async def test_a_link_asked_for_on_the_way_to_a_page_signs_in_and_goes_on_to_it(
        identity, publish, db, smtp_server):
    """A follow-up email links to /members/follow-ups/1; signed out, the person is sent to
    /sign-in?next=...; the link they ask for there carries that page, and opening it lands
    them on it, not on their home. Only a page of their own area: another's is dropped."""
    email = unique_email("solo")
    wanted = "/members/follow-ups/1"
    async with identity() as svc:
        await installed_solo(svc, publish, db, smtp_server, email)
        person = svc.browser()
        page = await person.get(f"/sign-in?next={wanted}")
        assert f'name="next" value="{wanted}"' in page.text.split('action="/sign-in/link"')[1]
        asked = await person.form(f"/sign-in?next={wanted}", "/sign-in/link", email=email,
                                  next=wanted)
        assert asked.status_code == 200
        mails = await smtp_server.wait_for_messages(to=email, count=2)
        url = link_in(mails[1])
        assert url.endswith("?next=%2Fmembers%2Ffollow-ups%2F1"), url
        opened = await person.get(url.removeprefix(PUBLIC_URL))
        assert f'name="next" value="{wanted}"' in opened.text
        entered = await person.form(url.removeprefix(PUBLIC_URL), link_path(url), next=wanted)
        assert entered.status_code == 303 and entered.headers["location"] == wanted

        # Another area's page is not carried; a foreign address is never followed.
        other = svc.browser()
        await other.form("/sign-in?next=/staff/", "/sign-in/link", email=email, next="/staff/")
        mails = await smtp_server.wait_for_messages(to=email, count=3)
        assert "next=" not in link_in(mails[2])
        forged = await other.form(link_path(link_in(mails[2])), link_path(link_in(mails[2])),
                                  next="//evil.example/members/")
        assert forged.status_code == 303 and forged.headers["location"] == "/members/"


async def test_asking_for_a_link_answers_the_same_whoever_asks(identity, publish, db,
                                                               smtp_server):
    email = unique_email("committee")
    async with identity() as svc:
        await publish(committee(email))
        await wait_for(lambda: db.fetchval("SELECT count(*) FROM accounts"), timeout=15,
                       message="the committee's account")
        known = await svc.browser().form("/sign-in", "/sign-in/link", email=email)
        unknown = await svc.browser().form("/sign-in", "/sign-in/link", email=unique_email())
        assert known.status_code == unknown.status_code == 200
        assert same_words(known.text, unknown.text)
        [mail] = await smtp_server.wait_for_messages(to=email)
        assert mail.message["X-Soho-Template"] == "identity.sign_in"
        # Staff get no sign-in link (they have a password); solos and committees no reset.
        forgot_known = await svc.browser().form("/sign-in/forgot", email=email)
        forgot_unknown = await svc.browser().form("/sign-in/forgot", email=unique_email())
        assert forgot_known.status_code == forgot_unknown.status_code == 200
        assert same_words(forgot_known.text, forgot_unknown.text)
        assert await db.fetchval("SELECT count(*) FROM links WHERE purpose = 'reset'") == 0


async def test_a_committee_signs_in_for_its_village_only_until_it_changes(
        identity, publish, db, smtp_server):
    email, successor = unique_email("accueil"), unique_email("accueil")
    async with identity() as svc:
        await publish(committee(email))
        await wait_for(lambda: db.fetchval("SELECT count(*) FROM accounts"), timeout=15,
                       message="the committee's account")
        assert smtp_server.to(email) == []  # no email until they ask for a link
        await svc.browser().form("/sign-in", "/sign-in/link", email=email)
        [mail] = await smtp_server.wait_for_messages(to=email)
        member = svc.browser()
        assert (await member.form(link_path(link_in(mail)))).headers["location"] == \
            "/committees/"
        allowed = await member.check(f"/committees/villages/{VILLAGE}")
        who = decode_token(svc.app.state.settings.secret, allowed.headers[FORWARDED_IDENTITY])
        assert who.role is Role.COMMITTEE and who.village == VILLAGE
        assert (await member.check("/members/")).status_code == 403
        assert (await member.check("/staff/")).status_code == 403

        await publish(committee(successor))  # another address: the first is disabled
        await wait_for(lambda: db.fetchval("SELECT count(*) FROM accounts "
                                           "WHERE disabled_at IS NOT NULL"), timeout=15,
                       message="the previous committee disabled")
        assert (await member.check(f"/committees/villages/{VILLAGE}")).status_code == 303
        await publish(committee(None, removed=True))
        await wait_for(lambda: nothing(db, "SELECT count(*) FROM accounts "
                                           "WHERE disabled_at IS NULL"), timeout=15,
                       message="every committee account disabled")
        await publish(committee(email))  # back again: the same account, enabled
        await wait_for(lambda: db.fetchval("SELECT count(*) FROM accounts WHERE email = $1 "
                                           "AND disabled_at IS NULL", email), timeout=15,
                       message="the first committee enabled again")
        assert await db.fetchval("SELECT count(*) FROM accounts") == 2


async def test_erasure_deletes_the_account_its_sessions_and_the_address_in_the_log(
        identity, publish, db, smtp_server):
    email = unique_email("solo")
    async with identity() as svc:
        prospect_id, _member, mail = await installed_solo(svc, publish, db, smtp_server, email)
        person = svc.browser()
        await person.form(link_path(link_in(mail)))
        await svc.browser().form("/sign-in", "/sign-in/link", email=email)
        assert await db.fetchval("SELECT count(*) FROM sessions") == 1
        assert await db.fetchval("SELECT count(*) FROM audit_log WHERE email = $1", email) >= 1
        await publish(new_event(ProspectErased(prospect_id=prospect_id),
                                source="/soho/prospects", subject=str(prospect_id)))
        await wait_for(lambda: nothing(db, "SELECT count(*) FROM accounts"), timeout=15,
                       message="the account erased")
        for table in ("sessions", "links", "prospects", "outgoing_mail"):
            assert await db.fetchval(f"SELECT count(*) FROM {table}") == 0, table
        assert await db.fetchval("SELECT count(*) FROM audit_log WHERE email IS NOT NULL") == 0
        assert await db.fetchval("SELECT count(*) FROM audit_log") > 0  # the ids stay
        assert (await person.check("/members/")).status_code == 303


async def test_an_installation_that_arrives_before_the_qualification_waits_for_it(
        identity, publish, db, smtp_server):
    """The two events travel on different queues: after a restart, solo.installed may be
    handled first. Nothing opens until the person is known, then the welcome goes once."""
    email = unique_email("early")
    prospect_id, member_id = uuid.uuid4(), uuid.uuid4()
    async with identity() as svc:
        await publish(installed(prospect_id, member_id))
        marker = unique_email()
        await publish(committee(marker))  # after it, on another queue: a sign of progress
        await wait_for(lambda: db.fetchval("SELECT count(*) FROM accounts"), timeout=15,
                       message="the committee's account")
        await wait_for(lambda: db.fetchval("SELECT count(*) FROM installations"), timeout=15,
                       message="the installation kept")
        assert svc.app.state.bus.started.is_set()
        assert await db.fetchval("SELECT count(*) FROM accounts WHERE role = 'solo'") == 0
        await publish(qualified(prospect_id, email))
        [mail] = await smtp_server.wait_for_messages(to=email)
        assert mail.message["X-Soho-Template"] == "identity.welcome_member"
        account = await db.fetchrow("SELECT * FROM accounts WHERE email = $1", email)
        assert account["member_id"] == member_id and account["role"] == "solo"
        again = qualified(prospect_id, email)  # qualified again: no second welcome
        await publish(again)
        await wait_for(lambda: db.fetchval("SELECT count(*) FROM inbox WHERE event_id = $1",
                                           again.id), timeout=15, message="handled again")
        assert len(smtp_server.to(email)) == 1
        assert await db.fetchval("SELECT count(*) FROM outgoing_mail WHERE to_address = $1",
                                 email) == 1
