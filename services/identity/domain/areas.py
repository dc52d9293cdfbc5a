"""The areas of people's pages behind the front door, the role each needs, and where a
person may be sent back to after signing in."""

from urllib.parse import urlsplit

from shared.roles import Role

AREAS: tuple[tuple[str, Role], ...] = (
    ("/staff", Role.STAFF),
    ("/members", Role.SOLO),
    ("/committees", Role.COMMITTEE),
)
MAX_NEXT = 2000


def _path_of(uri: str) -> str:
    return urlsplit(uri).path if uri else "/"


def required_role(uri: str) -> Role | None:
    """The role a request's original path needs (None outside the areas)."""
    path = _path_of(uri)
    for prefix, role in AREAS:
        if path == prefix or path.startswith(prefix + "/"):
            return role
    return None


def is_page_request(method: str, uri: str) -> bool:
    """A browser's request for a page, which may be redirected to the sign-in page;
    anything else (a form post, an API call, an event stream) is answered 401."""
    path = _path_of(uri)
    return (method.upper() in ("GET", "HEAD") and "/api/" not in path + "/"
            and "/stream" not in path)


def safe_next(next_uri: str | None) -> str | None:
    """`next_uri` when it is a path on this site, else None: "//evil.example" and
    "/\\evil.example" are other sites to a browser, and a scheme is never local."""
    if not next_uri or len(next_uri) > MAX_NEXT or not next_uri.startswith("/"):
        return None
    if next_uri.startswith("//") or "\\" in next_uri:
        return None
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in next_uri):
        return None
    parts = urlsplit(next_uri)
    if parts.scheme or parts.netloc:
        return None
    return next_uri
