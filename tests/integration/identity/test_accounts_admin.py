"""/staff/accounts: admins list, invite, disable and enable, make and unmake admins, and
read the audit log; nobody else does. And `soho staff invite` from the command line."""

import os
import re
import subprocess
import sys

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

from .conftest import PUBLIC_URL, invite, link_in, link_path, unique_email

PASSWORD = "un chemin de campagne au soleil"
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')


async def signed_in(svc, email: str, **kwargs):
    """A browser with a session, and the identity header the front door would add."""
    browser = svc.browser()
    link = await invite(svc, email, **kwargs)
    await browser.form(link_path(link), password=PASSWORD, password_again=PASSWORD)
    token = (await browser.check("/staff/accounts")).headers[FORWARDED_IDENTITY]
    browser.client.headers[FORWARDED_IDENTITY] = token
    return browser


async def post(browser, path: str, **data):
    page = await browser.get("/staff/accounts")
    return await browser.client.post(path, data={"csrftoken": CSRF.search(page.text).group(1),
                                                 **data})


async def test_an_admin_invites_disables_and_makes_admins(identity, db, smtp_server):
    admin_email, newcomer = unique_email("ada"), unique_email("noe")
    async with identity() as svc:
        admin = await signed_in(svc, admin_email, name="Ada Admin", admin=True)
        page = await admin.get("/staff/accounts")
        assert page.status_code == 200 and admin_email in page.text
        assert 'data-testid="person-name">Ada Admin<' in page.text

        refused = await post(admin, "/staff/accounts", email="not an address", name="Noé")
        assert refused.status_code == 422 and 'data-testid="error-summary"' in refused.text
        invited = await post(admin, "/staff/accounts", email=newcomer.upper(), name="Noé",
                             admin="on")
        assert invited.status_code == 303
        [mail] = await smtp_server.wait_for_messages(to=newcomer)
        assert "Ada Admin" in mail.message.get_body(("plain",)).get_content()
        assert link_in(mail).startswith(PUBLIC_URL + "/password/")
        account = await db.fetchrow("SELECT id, admin FROM accounts WHERE email = $1", newcomer)
        assert account["admin"]

        for action, column, value in (("revoke-admin", "admin", False),
                                      ("grant-admin", "admin", True),
                                      ("disable", "disabled_at IS NOT NULL", True),
                                      ("enable", "disabled_at IS NOT NULL", False)):
            done = await post(admin, f"/staff/accounts/{account['id']}/{action}")
            assert done.status_code == 303, action
            assert await db.fetchval(f"SELECT {column} FROM accounts WHERE id = $1",
                                     account["id"]) is value, action

        me = await db.fetchval("SELECT id FROM accounts WHERE email = $1", admin_email)
        for action in ("disable", "revoke-admin"):
            assert (await post(admin, f"/staff/accounts/{me}/{action}")).status_code == 403
        assert await db.fetchval("SELECT admin AND disabled_at IS NULL FROM accounts "
                                 "WHERE id = $1", me)

        audit = await admin.get("/staff/accounts/audit")
        assert audit.status_code == 200
        for action in ("invited", "admin_revoked", "admin_granted", "disabled", "enabled"):
            assert f'data-action="{action}"' in audit.text, action
        assert newcomer in audit.text


async def test_the_audit_log_pages_newest_first(identity, db):
    async with identity() as svc:
        admin = await signed_in(svc, unique_email(), admin=True)
        await db.execute("INSERT INTO audit_log (action, detail) "
                         "SELECT 'link_requested', 'row ' || n FROM generate_series(1, 120) n")
        first = await admin.get("/staff/accounts/audit")
        assert first.text.count('data-testid="audit-row"') == 50
        older = re.search(r'href="/staff/accounts/audit\?before=(\d+)"', first.text)
        second = await admin.get(f"/staff/accounts/audit?before={older.group(1)}")
        assert second.text.count('data-testid="audit-row"') == 50
        assert "row 120" in first.text and "row 70" in second.text
        assert "row 120" not in second.text


async def test_only_admins_see_the_team_s_accounts(identity):
    async with identity() as svc:
        plain = await signed_in(svc, unique_email())
        assert (await plain.get("/staff/accounts")).status_code == 403
        assert (await plain.get("/staff/accounts/audit")).status_code == 403
        assert (await post(plain, "/staff/accounts", email=unique_email())).status_code == 403
        nobody = svc.browser()
        answer = await nobody.get("/staff/accounts")
        assert answer.status_code == 303 and answer.headers["location"].startswith("/sign-in")
        # An admin token without an account in this service (soho token) is not enough.
        forged = await nobody.get("/staff/accounts", headers={
            FORWARDED_IDENTITY: issue_token(svc.app.state.settings.secret, Role.STAFF,
                                            admin=True)})
        assert forged.status_code == 403


def test_soho_staff_invite_prints_the_link_only(database_url):
    email = unique_email("first")
    env = {**os.environ, "DATABASE_URL": database_url, "SOHO_PUBLIC_URL": PUBLIC_URL}
    done = subprocess.run([sys.executable, "-m", "soho", "staff", "invite", email, "--admin",
                           "--name", "Première Personne"], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(re.escape(PUBLIC_URL) + r"/password/[A-Za-z0-9_-]{43}\n", done.stdout)
    again = subprocess.run([sys.executable, "-m", "soho", "staff", "invite", "nobody"],
                           capture_output=True, text=True, timeout=120, env=env)
    assert again.returncode != 0 and "EMAIL" in again.stderr
