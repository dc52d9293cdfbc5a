"""Helpers for the tests of the staff's pages of bookings: who calls (the token the front
door passes on in X-Soho-Identity), a page's CSRF field, a form posted as a browser does."""

import html
import os
import re
import uuid

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

SECRET = os.environ["SOHO_SECRET"]
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')


def identity(role: Role = Role.STAFF, **claims) -> dict[str, str]:
    if role is Role.STAFF:
        claims.setdefault("sub", str(uuid.uuid4()))
        claims.setdefault("name", "Marie Dupont")
    return {FORWARDED_IDENTITY: issue_token(SECRET, role, **claims)}


STAFF = identity()


def text(answer) -> str:
    return html.unescape(answer.text)


def hidden(page, name: str, index: int = 0) -> str:
    """The value of the `index`-th hidden field of that name on the page."""
    found = re.findall(rf'type="hidden" name="{re.escape(name)}" value="([^"]*)"', page.text)
    return html.unescape(found[index])


async def open_page(service, path: str, headers=None, status: int = 200):
    page = await service.client.get(path, headers=STAFF if headers is None else headers)
    assert page.status_code == status, (path, page.status_code, page.text[:2000])
    return page


async def post_form(service, page, path: str, data: dict, headers=None):
    """The form posted with the page's CSRF field (its cookie came with the page)."""
    token = CSRF.search(page.text).group(1)
    return await service.client.post(path, data={"csrftoken": token, **data},
                                     headers=STAFF if headers is None else headers)
