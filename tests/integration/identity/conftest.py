"""Fixtures of the identity integration tests: a clean schema, a real SMTP server, the
service running in-process with its relay and mail worker, and a browser-like client
(cookies kept, CSRF field read from each page)."""

import contextlib
import re
import uuid
from urllib.parse import urlsplit

import httpx
import pytest

from services.identity.app import SERVICE
from services.identity.use_cases.staff import invite_staff
from shared.db import connect
from tests.support.publishing import event_publisher
from tests.support.service_app import running_service
from tests.support.smtp import smtp_server  # noqa: F401  (fixture)

PUBLIC_URL = "http://front.example.org"
TABLES = ("accounts", "sessions", "links", "audit_log", "throttle", "prospects",
          "outgoing_mail", "outbox")
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
async def clean_schema(database_url):
    conn = await connect(database_url, "identity")
    try:
        await conn.execute(f"TRUNCATE {', '.join(TABLES)} CASCADE")
    finally:
        await conn.close()


@pytest.fixture
async def db(database_url):
    conn = await connect(database_url, "identity")
    yield conn
    await conn.close()


@pytest.fixture
async def publish(amqp_url):
    async with event_publisher(amqp_url) as send:
        yield send


def settings_for(smtp_url: str, **overrides) -> dict:
    return {"SMTP_URL": smtp_url, "SOHO_PUBLIC_URL": PUBLIC_URL,
            "IDENTITY_MAIL_POLL_INTERVAL": 0.5, "IDENTITY_MAIL_FIRST_BACKOFF": 0.05,
            "IDENTITY_MAIL_MAX_BACKOFF": 0.4, "IDENTITY_SMTP_TIMEOUT": 5.0, **overrides}


class Browser:
    """A person's browser against the service: keeps cookies, fills CSRF fields."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def get(self, path: str, **kwargs) -> httpx.Response:
        return await self.client.get(path, **kwargs)

    async def form(self, page: str, action: str | None = None, /, **fields) -> httpx.Response:
        """GETs `page` (which sets the CSRF cookie), then POSTs `fields` with its field."""
        shown = await self.client.get(page)
        match = CSRF.search(shown.text)
        assert match, f"no CSRF field on {page} ({shown.status_code})"
        return await self.client.post(action or page, data={"csrftoken": match.group(1),
                                                            **fields})

    def session_cookie(self) -> str | None:
        return self.client.cookies.get("soho_session")

    async def check(self, uri: str, method: str = "GET", **headers) -> httpx.Response:
        """What the front door asks about a request to `uri`."""
        return await self.client.get("/auth/check", headers={
            "X-Forwarded-Uri": uri, "X-Forwarded-Method": method, **headers})


@pytest.fixture
def identity(database_url, amqp_url, smtp_server):
    """`async with identity(**settings) as svc:` the service (svc.browser() for a new
    browser sharing nothing with the others)."""

    @contextlib.asynccontextmanager
    async def start(**overrides):
        settings = settings_for(smtp_server.url, **overrides)
        async with running_service(SERVICE, database_url, amqp_url, **settings) as svc:
            transport = svc.client._transport

            def browser() -> Browser:
                return Browser(httpx.AsyncClient(transport=transport,
                                                 base_url="http://testserver"))

            svc.browser = browser
            yield svc

    return start


def link_path(url: str) -> str:
    assert url.startswith(PUBLIC_URL + "/"), url
    return urlsplit(url).path


def link_in(mail) -> str:
    """The front-door link in an email's text part."""
    text = mail.message.get_body(("plain",)).get_content()
    found = re.search(re.escape(PUBLIC_URL) + r"/\S+", text)
    assert found, text
    return found.group(0).rstrip(".)>")


async def invite(svc, email: str, *, name: str = "", admin: bool = False) -> str:
    """Invites a staff member as `soho staff invite` does; the invitation link."""
    async with svc.app.state.pool.acquire() as conn, conn.transaction():
        invitation = await invite_staff(conn, svc.app.state.settings, email=email, name=name,
                                        admin=admin)
    return invitation.link


def unique_email(prefix: str = "person") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@example.org"


def same_words(a: str, b: str) -> bool:
    """The two pages say the same, apart from the addresses echoed and the form values."""
    def strip(html: str) -> str:
        return re.sub(r'value="[^"]*"|[\w.+-]+@example\.org', "", html)
    return strip(a) == strip(b)
