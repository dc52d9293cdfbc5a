"""Signing people in through the front door, for end-to-end tests: inviting staff with
`soho staff invite`, reading the links identity emails, posting its forms with their CSRF
field as a browser would.

    link = await invite_staff(platform, "anne@example.org", name="Anne Lafitte")
    async with signed_in_staff(platform, "anne@example.org") as client:
        page = await client.get(f"{front}/staff/")
"""

import asyncio
import contextlib
import os
import re
import subprocess
import sys
from email.message import EmailMessage
from html.parser import HTMLParser

import httpx

from .waiting import wait_for

GOOD_PASSWORD = "un chemin de campagne au soleil"  # long rather than complicated (CNIL)
LINK = re.compile(r"https?://[^\s\"'<>]+/(?:sign-in/link|password)/[A-Za-z0-9_\-]+")
TEMPLATE_HEADER = "X-Soho-Template"


def soho(platform, *args: str) -> subprocess.CompletedProcess:
    """The `soho` command as an operator runs it beside the platform: its database (the
    tests' environment), its secret, and links through its front door."""
    env = {**os.environ, "SOHO_PUBLIC_URL": platform.url("front-door"),
           "SMTP_URL": f"smtp://127.0.0.1:{platform.sink_port}",
           "SOHO_SECRET": platform.secret}
    return subprocess.run([sys.executable, "-m", "soho", *args], capture_output=True,
                          text=True, timeout=120, env=env)


async def invite_staff(platform, email: str, *, name: str, admin: bool = False) -> str:
    """`soho staff invite`: returns the link it prints (the same as the one emailed)."""
    args = ["staff", "invite", email, "--name", name] + (["--admin"] if admin else [])
    done = await asyncio.to_thread(soho, platform, *args)
    assert done.returncode == 0, done.stderr
    printed = LINK.search(done.stdout)
    assert printed, done.stdout
    return printed.group(0)


def template_of(mail: EmailMessage) -> str:
    return str(mail[TEMPLATE_HEADER] or "")


def link_in(mail: EmailMessage) -> str:
    body = mail.get_body(("plain",))
    found = LINK.search(body.get_content() if body else mail.as_string())
    assert found, f"no link in {mail['Subject']!r}"
    return found.group(0)


def identity_mails(platform, to: str, template: str) -> list[EmailMessage]:
    return [m for m in platform.mails_to(to) if template_of(m) == f"identity.{template}"]


async def emailed_link(platform, to: str, template: str, *, count: int = 1,
                       timeout: float = 60) -> str:
    """The link in the `count`-th email of that template to that address."""
    await wait_for(lambda: len(identity_mails(platform, to, template)) >= count,
                   timeout=timeout, message=f"email {template} #{count} to {to}")
    return link_in(identity_mails(platform, to, template)[count - 1])


class _Fields(HTMLParser):
    """The hidden inputs of the page's forms, by form action."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._action: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._action = attrs.get("action") or ""
            self.forms.setdefault(self._action, {})
        elif tag == "input" and self._action is not None and attrs.get("type") == "hidden":
            self.forms[self._action][attrs.get("name") or ""] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._action = None


def hidden_fields(html: str, action: str) -> dict[str, str]:
    parser = _Fields()
    parser.feed(html)
    if action not in parser.forms:
        raise AssertionError(f"no form posting to {action!r} (forms: {list(parser.forms)})")
    return parser.forms[action]


async def post_form(client: httpx.AsyncClient, page_url: str, action: str,
                    data: dict[str, str], **kwargs) -> httpx.Response:
    """GET the page (its CSRF cookie and field), then POST the form as a browser would."""
    page = await client.get(page_url)
    assert page.status_code == 200, (page_url, page.status_code, page.text[:300])
    origin = str(httpx.URL(page_url).copy_with(path="/", query=None, fragment=None))
    url = action if action.startswith("http") else origin.rstrip("/") + action
    return await client.post(url, data={**hidden_fields(page.text, action), **data},
                             **kwargs)


async def set_password(client: httpx.AsyncClient, link: str,
                       password: str = GOOD_PASSWORD) -> httpx.Response:
    path = httpx.URL(link).path
    return await post_form(client, link, path,
                           {"password": password, "password_again": password})


async def sign_in(client: httpx.AsyncClient, front: str, email: str,
                  password: str = GOOD_PASSWORD) -> httpx.Response:
    return await post_form(client, f"{front}/sign-in", "/sign-in",
                           {"email": email, "password": password})


@contextlib.asynccontextmanager
async def signed_in_staff(platform, email: str, *, name: str = "Staff E2E",
                          admin: bool = False):
    """An httpx client with a staff session at the front door (invited if new)."""
    front = platform.url("front-door")
    link = await invite_staff(platform, email, name=name, admin=admin)
    async with httpx.AsyncClient(timeout=30) as client:
        chosen = await set_password(client, link)
        assert chosen.status_code in (200, 303), chosen.text[:500]
        client.cookies.clear()
        answer = await sign_in(client, front, email)
        assert answer.status_code == 303, answer.text[:500]
        yield client
