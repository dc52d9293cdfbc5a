"""Who may see a person's page, answered as a page in the shared look.

Behind the front door identity already sent a visitor without a session to /sign-in and
refused the wrong role; a service checks again, the same way its API does, from the token
the front door passed on (or a program's bearer token):

    who = page_access(request, PAGES, Role.SOLO)
    if isinstance(who, Response):
        return who  # 401 (no token, a bad one) or 403 (another role), as a page

No token or a bad one: 401 with a link to sign in (and `WWW-Authenticate: Bearer`, as the
APIs answer); the wrong role: 403. `refused_page` is the 403 of a scope check (another
village's page), `not_found_page` the 404."""

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from shared.auth import Principal, Role

from .language import page_language
from .menus import home_of
from .pages import Pages, page_principal
from .texts import LAYOUT

SIGNED_OUT = {
    "fr": {"title": "Connexion nécessaire",
           "text": "Cette page est réservée aux personnes connectées.",
           "link": "Se connecter"},
    "en": {"title": "Please sign in",
           "text": "This page is for people who are signed in.",
           "link": "Sign in"},
}


def page_access(request: Request, pages: Pages, *roles: Role) -> Principal | Response:
    """The principal when their role may see this page, else the page that refuses."""
    principal = page_principal(request)
    if principal is None:
        return signed_out_page(request, pages)
    if principal.role not in roles:
        return refused_page(request, pages, principal)
    return principal


def signed_out_page(request: Request, pages: Pages) -> Response:
    words = SIGNED_OUT[page_language(request)]
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return pages.render(
        request, "message.html", status_code=401, headers={"WWW-Authenticate": "Bearer"},
        title=words["title"], paragraphs=[words["text"]],
        link={"href": f"/sign-in?next={quote(back, safe='/')}", "label": words["link"]})


def refused_page(request: Request, pages: Pages, principal: Principal) -> Response:
    words = LAYOUT[page_language(request)]
    return pages.render(request, "message.html", principal=principal, status_code=403,
                        title=words["forbidden_title"], paragraphs=[words["forbidden"]],
                        link={"href": home_of(principal.role), "label": words["back_home"]})


def not_found_page(request: Request, pages: Pages, principal: Principal | None) -> Response:
    words = LAYOUT[page_language(request)]
    return pages.render(request, "message.html", principal=principal, status_code=404,
                        title=words["not_found_title"], paragraphs=[words["not_found"]],
                        link={"href": home_of(principal.role) if principal else "/",
                              "label": words["back_home"]})
