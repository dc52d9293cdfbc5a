"""CSRF protection of every state-changing form, by asgi-csrf (Simon Willison's
double-submit signed cookie): a GET of a page sets the `csrftoken` cookie, each form
carries the same value in its hidden `csrftoken` field (`csrf_field` in the templates),
and a POST to a page path without a matching field answers 403.

Applied to the paths of a service's `page_prefixes` only: its JSON API keeps taking bearer
tokens from programs, which a browser cannot send on another site's behalf. Two things
asgi-csrf leaves open are closed here: a POST with no cookie at all is checked too (not
waved through), and a body it cannot read is refused with 403, not a server error."""

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from asgi_csrf import asgi_csrf

FORM_FIELD = "csrftoken"
COOKIE = "csrftoken"
SCOPE_KEY = "csrftoken"


class _EveryPath:
    """asgi-csrf lets a POST without cookies through unless its path is "always
    protected": under a page prefix, every path is."""

    def __contains__(self, path: object) -> bool:
        return True


async def _refused(scope: Scope, send: Send, message_id=None) -> None:
    body = ("<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>403</title>"
            "<p>Ce formulaire a expiré : rechargez la page et recommencez. / This form has "
            "expired: reload the page and try again.</p></html>").encode()
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class CsrfProtection:
    def __init__(self, app: ASGIApp, *, prefixes: tuple[str, ...], secret: str,
                 secure: bool = False) -> None:
        self.app = app
        self.prefixes = prefixes
        # asgi-csrf reads the form field of the cookie's name (FORM_FIELD == COOKIE).
        self.protected = asgi_csrf(app, signing_secret=secret, cookie_name=COOKIE,
                                   always_protect=_EveryPath(),
                                   cookie_secure=secure, cookie_samesite="Lax",
                                   send_csrf_failed=_refused)

    def _is_page(self, path: str) -> bool:
        return any(path == p or path.startswith(p.rstrip("/") + "/") for p in self.prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._is_page(scope["path"]):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "POST" and _is_multipart(scope):
            # No page form uploads files, and asgi-csrf 0.11 cannot parse multipart bodies
            # with python-multipart 0.0.2x (a TypeError, a 500): refuse them as bad forms.
            await _refused(scope, send)
            return
        started = False

        async def tracking_send(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.protected(scope, receive, tracking_send)
        except (UnicodeDecodeError, ValueError, IndexError, AssertionError, TypeError):
            # asgi-csrf could not read the form (or compare a non-ASCII field: TypeError
            # from secrets.compare_digest): refuse it as a bad form (403). An error after
            # the answer began is the page's own, not a form's: let it through.
            if started:
                raise
            await _refused(scope, send)


def _is_multipart(scope: Scope) -> bool:
    content_type = dict(scope.get("headers") or []).get(b"content-type", b"")
    return content_type.lower().lstrip().startswith(b"multipart/")


def csrf_token(request: Request) -> str | None:
    get_token = request.scope.get(SCOPE_KEY)
    return get_token() if callable(get_token) else None
