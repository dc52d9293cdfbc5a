"""What protects sign-in: CSRF on every form, rate limits per address and per client,
slowing an account after wrong passwords (logged), and no input giving a 500."""

import uuid

import pytest

from .conftest import invite, link_path, unique_email

PASSWORD = "un chemin de campagne au soleil"


async def staff_with_password(svc, email: str, **kwargs) -> None:
    link = await invite(svc, email, **kwargs)
    await svc.browser().form(link_path(link), password=PASSWORD, password_again=PASSWORD)


async def test_a_post_without_its_csrf_field_is_refused(identity, db):
    email = unique_email()
    async with identity() as svc:
        await staff_with_password(svc, email)
        browser = svc.browser()
        await browser.get("/sign-in")  # the cookie, but no field
        for path in ("/sign-in", "/sign-in/link", "/sign-in/forgot", "/sign-out",
                     "/sign-out/everywhere", "/staff/accounts"):
            bare = await browser.client.post(path, data={"email": email, "password": PASSWORD})
            assert bare.status_code == 403, path
        stranger = svc.browser()  # no cookie at all
        assert (await stranger.client.post("/sign-in", data={
            "email": email, "password": PASSWORD})).status_code == 403
        assert browser.session_cookie() is None
        assert await db.fetchval("SELECT count(*) FROM sessions") == 1  # the invitation's


async def test_wrong_passwords_slow_the_account_and_are_logged(identity, db):
    email = unique_email("bruno")
    async with identity() as svc:
        await staff_with_password(svc, email)
        browser = svc.browser()
        for _ in range(5):
            refused = await browser.form("/sign-in", email=email, password="not the password")
            assert refused.status_code == 401
        slowed = await browser.form("/sign-in", email=email, password=PASSWORD)
        assert slowed.status_code == 429 and int(slowed.headers["Retry-After"]) >= 25
        assert "Réessayez" in slowed.text and browser.session_cookie() is None
        actions = [r["action"] for r in await db.fetch(
            "SELECT action FROM audit_log WHERE email = $1 ORDER BY id", email)]
        assert actions.count("sign_in_failed") == 6 and actions.count("sign_in_slowed") == 1
        assert await db.fetchval("SELECT failed_sign_ins FROM accounts WHERE email = $1",
                                 email) == 5
        # Once the delay is over, the right password works and the count starts again.
        await db.execute("UPDATE accounts SET slowed_until = now() - interval '1 second'")
        signed = await browser.form("/sign-in", email=email, password=PASSWORD)
        assert signed.status_code == 303
        assert await db.fetchval("SELECT failed_sign_ins FROM accounts WHERE email = $1",
                                 email) == 0


async def test_sign_in_attempts_are_limited_per_address_and_per_client(identity):
    async with identity(IDENTITY_SIGN_IN_PER_EMAIL=3, IDENTITY_SIGN_IN_PER_CLIENT=5) as svc:
        browser = svc.browser()
        target = unique_email()
        answers = [(await browser.form("/sign-in", email=target, password="x" * 12)).status_code
                   for _ in range(4)]
        assert answers == [401, 401, 401, 429]
        # Other addresses from the same client: the client's own budget runs out too.
        answers = [(await browser.form("/sign-in", email=unique_email(),
                                       password="x" * 12)) for _ in range(2)]
        assert [a.status_code for a in answers] == [401, 429]
        assert 0 < int(answers[-1].headers["Retry-After"]) <= 900


async def test_link_and_reset_requests_are_limited(identity, smtp_server):
    async with identity(IDENTITY_REQUESTS_PER_EMAIL=2) as svc:
        browser = svc.browser()
        email = unique_email()
        answers = [(await browser.form("/sign-in", "/sign-in/link", email=email)).status_code
                   for _ in range(2)]
        forgot = await browser.form("/sign-in/forgot", email=email)
        assert answers == [200, 200] and forgot.status_code == 429
        assert "Retry-After" in forgot.headers


@pytest.mark.parametrize(("path", "data"), [
    ("/sign-in", {}), ("/sign-in", {"email": "x" * 5000, "password": "y" * 5000}),
    ("/sign-in", {"email": "a@b.fr", "password": "p", "next": "//evil.example"}),
    ("/sign-in/link", {"email": "not an address"}), ("/sign-in/link", {}),
    ("/sign-in/forgot", {"email": "\x00@\x01.fr"}),
    ("/sign-in/link/short", {}), ("/sign-in/link/" + "A" * 43, {}),
    ("/password/" + "A" * 43, {"password": "x"}), ("/password/%00", {}),
    ("/sign-out", {}), ("/sign-out/everywhere", {}),
    ("/staff/accounts", {"email": "a@b.fr"}),
    (f"/staff/accounts/{uuid.uuid4()}/disable", {}),
    ("/staff/accounts/not-a-uuid/disable", {}),
    (f"/staff/accounts/{uuid.uuid4()}/explode", {}),
])
async def test_malformed_posts_get_a_clear_answer(identity, path, data):
    async with identity() as svc:
        browser = svc.browser()
        page = await browser.get("/sign-in")
        csrf = page.text.split('name="csrftoken" value="')[1].split('"')[0]
        answer = await browser.client.post(path, data={"csrftoken": csrf, **data})
        assert 300 <= answer.status_code < 500, (path, answer.status_code, answer.text[:300])


async def test_odd_bodies_and_queries_never_give_500(identity):
    async with identity() as svc:
        browser = svc.browser()
        page = await browser.get("/sign-in")
        csrf = page.text.split('name="csrftoken" value="')[1].split('"')[0]
        odd = [
            await browser.client.post("/sign-in", content=b"\xff\xfe" * 10, headers={
                "content-type": "application/x-www-form-urlencoded"}),
            await browser.client.post("/sign-in", content=b"--x\r\n", headers={
                "content-type": "multipart/form-data; boundary=x"}),
            await browser.client.post("/sign-in", json={"csrftoken": csrf}),
            await browser.client.get("/sign-in", params={"next": "x" * 5000}),
            await browser.client.get("/sign-in", params={"signed_out": "maybe"}),
            await browser.client.get("/staff/accounts/audit", params={"before": "-1"}),
            await browser.client.get("/auth/check"),
            await browser.client.get("/auth/check", headers={"X-Forwarded-Uri": "\x7f" * 10}),
        ]
        assert all(a.status_code < 500 for a in odd), [a.status_code for a in odd]


async def test_auth_check_reads_nginx_headers_too(identity):
    """ingress-nginx sends X-Original-URI and makes a 500 of a 303: without a session it
    gets 401, and its auth-signin annotation sends a page on to /sign-in."""
    async with identity() as svc:
        browser = svc.browser()
        page = await browser.client.get("/auth/check", headers={
            "X-Original-URI": "/members/?x=1", "X-Original-Method": "GET"})
        assert page.status_code == 401 and "location" not in page.headers
        caddy = await browser.client.get("/auth/check", headers={
            "X-Forwarded-Uri": "/members/?x=1", "X-Forwarded-Method": "GET"})
        assert caddy.status_code == 303
        assert caddy.headers["location"] == "/sign-in?next=%2Fmembers%2F%3Fx%3D1"
        api = await browser.client.get("/auth/check", headers={
            "X-Original-URI": "/members/api/me", "X-Original-Method": "GET"})
        assert api.status_code == 401
        assert (await browser.check("//evil.example/staff")).headers["location"] == "/sign-in"
