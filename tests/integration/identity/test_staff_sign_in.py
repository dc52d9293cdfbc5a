"""Staff: invited, choose a password from the emailed link, sign in, are recognised by the
front door's check, sign out."""

import re
from datetime import timedelta

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, decode_token

from .conftest import invite, link_in, link_path, same_words, unique_email

PASSWORD = "les tournesols du Gers"


async def test_invited_staff_choose_a_password_sign_in_and_out(identity, smtp_server, db):
    email = unique_email("camille")
    async with identity() as svc:
        link = await invite(svc, email, name="Camille Martin", admin=True)
        [mail] = await smtp_server.wait_for_messages(to=email)
        assert mail.message["X-Soho-Template"] == "identity.invitation"
        assert link_in(mail) == link
        browser = svc.browser()

        shown = await browser.get(link_path(link))  # opening the link uses nothing
        assert shown.status_code == 200 and "name=\"password\"" in shown.text, shown.text
        assert await db.fetchval("SELECT used_at FROM links") is None

        weak = await browser.form(link_path(link), password="short", password_again="short")
        assert weak.status_code == 422 and 'data-testid="error-summary"' in weak.text
        assert await db.fetchval("SELECT used_at FROM links") is None

        chosen = await browser.form(link_path(link), password=PASSWORD, password_again=PASSWORD)
        assert chosen.status_code == 303 and chosen.headers["location"] == "/staff/"
        assert await db.fetchval("SELECT used_at FROM links") is not None
        again = await svc.browser().get(link_path(link))
        assert again.status_code == 410

        # A new browser signs in with the password.
        other = svc.browser()
        signed = await other.form("/sign-in?next=/staff/accounts", "/sign-in", email=email.upper(),
                                  password=PASSWORD, next="/staff/accounts")
        assert signed.status_code == 303 and signed.headers["location"] == "/staff/accounts"
        cookie = signed.headers["set-cookie"]
        assert "soho_session=" in cookie and "HttpOnly" in cookie
        assert "samesite=lax" in cookie.lower() and "Path=/" in cookie
        assert "secure" not in cookie.lower()  # the public URL is http here
        assert "Max-Age=2592000" in cookie

        allowed = await other.check("/staff/")
        assert allowed.status_code == 200
        who = decode_token(svc.app.state.settings.secret, allowed.headers[FORWARDED_IDENTITY])
        assert who.role is Role.STAFF and who.name == "Camille Martin" and who.admin
        assert str(who.account) == who.sub
        assert (await other.check("/members/")).status_code == 403
        refused = await other.check("/committees/")
        assert "Accès refusé" in refused.text and 'data-testid="person-name"' in refused.text
        assert re.search(r'action="/sign-out".*name="csrftoken"', refused.text)

        out = await other.form("/sign-in/forgot", "/sign-out")
        assert out.status_code == 303 and out.headers["location"].startswith("/sign-in")
        assert 'soho_session=""' in out.headers["set-cookie"] or "Max-Age=0" in \
            out.headers["set-cookie"]
        # The session row is gone: the old cookie opens nothing any more.
        other.client.cookies.set("soho_session", signed.cookies["soho_session"])
        page = await other.check("/staff/")
        assert page.status_code == 303
        assert page.headers["location"] == "/sign-in?next=%2Fstaff%2F"
        assert (await other.check("/staff/", method="POST")).status_code == 401
        assert (await other.check("/staff/api/kpis")).status_code == 401
        assert (await other.check("/staff/events/stream")).status_code == 401
        actions = [r["action"] for r in await db.fetch("SELECT action FROM audit_log ORDER BY id")]
        assert actions == ["invited", "password_set", "sign_in", "sign_in", "signed_out"]


async def test_a_wrong_password_answers_as_an_unknown_address(identity, db):
    email = unique_email()
    async with identity() as svc:
        link = await invite(svc, email)
        browser = svc.browser()
        await browser.form(link_path(link), password=PASSWORD, password_again=PASSWORD)
        wrong = await svc.browser().form("/sign-in", email=email, password="not the password!")
        unknown = await svc.browser().form("/sign-in", email=unique_email(),
                                           password="not the password!")
        assert wrong.status_code == unknown.status_code == 401
        assert "incorrect" in wrong.text and 'value="' + email + '"' in wrong.text
        assert same_words(wrong.text, unknown.text)
        rows = await db.fetch("SELECT action, client FROM audit_log "
                              "WHERE action = 'sign_in_failed'")
        assert len(rows) == 2 and all(r["client"] for r in rows)


async def test_sign_out_everywhere_ends_every_session(identity, db):
    email = unique_email()
    async with identity() as svc:
        link = await invite(svc, email)
        first = svc.browser()
        await first.form(link_path(link), password=PASSWORD, password_again=PASSWORD)
        second = svc.browser()
        await second.form("/sign-in", email=email, password=PASSWORD)
        assert await db.fetchval("SELECT count(*) FROM sessions") == 2
        done = await second.form("/sign-in/forgot", "/sign-out/everywhere")
        assert done.status_code == 303
        assert await db.fetchval("SELECT count(*) FROM sessions") == 0
        assert (await first.check("/staff/")).status_code == 303


async def test_someone_signed_in_who_opens_the_sign_in_page_goes_on(identity, db):
    """To `next` when it is in their area, else to their home; the form when `next` is
    another role's area (to change account); the form again once signed out."""
    email = unique_email()
    async with identity() as svc:
        link = await invite(svc, email)
        person = svc.browser()
        await person.form(link_path(link), password=PASSWORD, password_again=PASSWORD)
        assert person.client.cookies.get("soho_session")
        for asked, landed in [("/sign-in", "/staff/"),
                              ("/sign-in?next=/staff/prospects/%3Fstage%3Dnew",
                               "/staff/prospects/?stage=new"),
                              ("/sign-in?next=//evil.example/", "/staff/"),
                              ("/sign-in?next=/", "/staff/")]:
            answer = await person.client.get(asked)
            assert answer.status_code == 303, asked
            assert answer.headers["location"] == landed, asked
        other_area = await person.client.get("/sign-in?next=/members/")
        assert other_area.status_code == 200 and 'name="password"' in other_area.text
        await person.form("/sign-in/forgot", "/sign-out")
        again = await person.client.get("/sign-in")
        assert again.status_code == 200 and 'name="password"' in again.text


async def test_a_session_idle_too_long_or_expired_is_over(identity, db):
    email = unique_email()
    async with identity() as svc:
        link = await invite(svc, email)
        browser = svc.browser()
        await browser.form(link_path(link), password=PASSWORD, password_again=PASSWORD)
        assert (await browser.check("/staff/")).status_code == 200
        await db.execute("UPDATE sessions SET last_seen_at = now() - interval '8 hours'")
        assert (await browser.check("/staff/")).status_code == 303
        await db.execute("UPDATE sessions SET last_seen_at = now(), expires_at = now()")
        assert (await browser.check("/staff/")).status_code == 303
        await db.execute("UPDATE sessions SET expires_at = now() + interval '1 day', "
                         "last_seen_at = now() - interval '2 minutes'")
        assert (await browser.check("/staff/")).status_code == 200
        touched = await db.fetchval("SELECT now() - last_seen_at FROM sessions")
        assert touched < timedelta(seconds=30)


async def test_a_disabled_account_loses_its_sessions_and_cannot_sign_in(identity, db):
    admin_email, email = unique_email("admin"), unique_email()
    async with identity() as svc:
        admin_link = await invite(svc, admin_email, name="Ada", admin=True)
        admin = svc.browser()
        await admin.form(link_path(admin_link), password=PASSWORD, password_again=PASSWORD)
        member = svc.browser()
        await member.form(link_path(await invite(svc, email, name="Bea")), password=PASSWORD,
                          password_again=PASSWORD)
        admin_token = (await admin.check("/staff/accounts")).headers[FORWARDED_IDENTITY]
        headers = {FORWARDED_IDENTITY: admin_token}
        member_id = await db.fetchval("SELECT id FROM accounts WHERE email = $1", email)
        page = await admin.get("/staff/accounts", headers=headers)
        assert page.status_code == 200 and email in page.text
        csrf = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
        done = await admin.client.post(f"/staff/accounts/{member_id}/disable",
                                       data={"csrftoken": csrf}, headers=headers)
        assert done.status_code == 303
        assert (await member.check("/staff/")).status_code == 303
        again = await svc.browser().form("/sign-in", email=email, password=PASSWORD)
        assert again.status_code == 401


@pytest.mark.parametrize("public_url", ["https://soho.example.org"])
async def test_the_cookie_is_secure_behind_https(identity, public_url):
    email = unique_email()
    async with identity(SOHO_PUBLIC_URL=public_url) as svc:
        link = await invite(svc, email)
        assert link.startswith(public_url + "/password/")
        browser = svc.browser()
        path = "/password/" + link.rsplit("/", 1)[1]
        shown = await browser.get(path, headers={"Host": "evil.example"})
        assert "evil.example" not in shown.text
        # The CSRF cookie is Secure too, so this client (over http) would not send it back:
        # read the field and the cookie from the page and send them by hand.
        csrf = re.search(r'name="csrftoken" value="([^"]+)"', shown.text).group(1)
        chosen = await browser.client.post(
            path, data={"csrftoken": csrf, "password": PASSWORD, "password_again": PASSWORD},
            cookies={"csrftoken": shown.cookies["csrftoken"]})
        assert chosen.status_code == 303
        assert "Secure" in chosen.headers["set-cookie"]
