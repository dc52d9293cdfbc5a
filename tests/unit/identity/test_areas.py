"""Which role each area needs, which requests are pages, where `next` may lead."""

import pytest

from services.identity.domain.areas import is_page_request, required_role, safe_next
from shared.roles import Role


@pytest.mark.parametrize(("uri", "role"), [
    ("/staff", Role.STAFF), ("/staff/", Role.STAFF), ("/staff/accounts?x=1", Role.STAFF),
    ("/members/", Role.SOLO), ("/members/bookings/1", Role.SOLO),
    ("/committees", Role.COMMITTEE), ("/committees/villages/32050", Role.COMMITTEE),
    ("/", None), ("/staffing", None), ("/membership", None), ("/sign-in", None), ("", None),
])
def test_the_role_of_each_area(uri, role):
    assert required_role(uri) is role


@pytest.mark.parametrize(("method", "uri", "page"), [
    ("GET", "/staff/", True), ("HEAD", "/members/", True), ("get", "/committees/x", True),
    ("POST", "/staff/", False), ("DELETE", "/members/x", False),
    ("GET", "/staff/api/kpis", False), ("GET", "/members/api", False),
    ("GET", "/staff/stream", False), ("GET", "/staff/events/stream?x", False),
])
def test_pages_are_gets_outside_apis_and_streams(method, uri, page):
    assert is_page_request(method, uri) is page


@pytest.mark.parametrize("uri", ["/staff/", "/members/?lang=en", "/committees/villages/A#x"])
def test_local_paths_are_safe(uri):
    assert safe_next(uri) == uri


@pytest.mark.parametrize("uri", [
    None, "", "staff", "//evil.example/", "/\\evil.example", "https://evil.example/",
    "/x\r\nSet-Cookie: a=b", "/x\x00", "javascript:alert(1)", "/" + "a" * 3000,
])
def test_anything_else_is_not(uri):
    assert safe_next(uri) is None
