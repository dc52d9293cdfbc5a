"""Every HTTP route of the platform and who may call it: the access table the authorisation
matrix (tests/integration/test_authorisation_matrix.py) checks each service's app against.

A route the table does not list fails that test, so a new route cannot slip in without
someone deciding its audience. `params` name the values the test's world provides for the
path parameters, `body` the body it sends, `ok` what a caller who may use the route gets."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts


class Audience(StrEnum):
    PROBE = "probe"  # operations and documents: /health, /ready, /metrics, /docs, /asyncapi
    PUBLIC = "public"  # anyone, no token: the web form, POST /api/contacts, static files
    SIGN_IN = "sign-in"  # the dashboard's page and sign-in form: anyone, figures for staff
    SIGNED_LINK = "signed-link"  # the URL's own signed token is the credential
    ANY_TOKEN = "any-token"  # any valid token, whatever its role
    STAFF = "staff"
    STAFF_OR_COMMITTEE = "staff+committee"  # a committee: its own village only
    COMMITTEE = "committee"  # committees only (their pages), whatever their village
    OWN_COMMITTEE = "own-committee"  # committees only, each on its own village
    STAFF_OR_SOLO = "staff+solo"  # any member (the members' directory)
    STAFF_OR_OWN_SOLO = "staff+own-solo"  # a member: their own booking or card only
    OWN_SOLO = "solo"  # members only, each acting as themself

    @property
    def needs_token(self) -> bool:
        return self not in (Audience.PROBE, Audience.PUBLIC, Audience.SIGN_IN,
                            Audience.SIGNED_LINK)


@dataclass(frozen=True)
class Route:
    service: str
    method: str
    path: str
    audience: Audience
    params: Mapping[str, str] = field(default_factory=dict)  # path parameter -> world key
    body: str | None = None  # world key of the JSON body
    ok: tuple[int, ...] = (200,)
    cookie: bool = False  # the dashboard's sign-in cookie opens it as well as a bearer
    # A person's page behind the front door: the token identity gives the front door
    # (X-Soho-Identity) opens it as a bearer does; refusals are pages (401, 403).
    forwarded: bool = False
    streams: bool = False  # an endless response (server-sent events)
    # A page's form (behind the front door): posted as a form with its CSRF field, the
    # cookie taken from a GET of `form` first (a POST without them is 403 before anything).
    form: str | None = None

    def __str__(self) -> str:
        return f"{self.service} {self.method} {self.path}"


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route the app answers, HEAD left out where GET is there;
    a mount or a websocket shows as its type, so it is classified like the rest."""
    found: set[tuple[str, str]] = set()
    for route in iter_route_contexts(app.routes):
        methods = set(route.methods or ()) or {type(route.original_route).__name__.upper()}
        if "GET" in methods:
            methods.discard("HEAD")
        found |= {(method, route.path) for method in methods}
    return found


def _routes(service: str, audience: Audience, *entries: tuple, **common) -> list[Route]:
    """Routes of one audience: (method, path) or (method, path, {params, body, ok...})."""
    return [Route(service, method, path, audience, **common, **(extra[0] if extra else {}))
            for method, path, *extra in entries]


def probes(service: str) -> list[Route]:
    return _routes(service, Audience.PROBE, *[("GET", p) for p in (
        "/health", "/ready", "/metrics", "/asyncapi", "/asyncapi.json", "/openapi.json",
        "/docs", "/docs/oauth2-redirect", "/redoc")])


PROSPECT = {"prospect_id": "prospect"}

PROSPECTS = [
    *probes("prospects"),
    *_routes("prospects", Audience.PUBLIC,
             ("GET", "/"), ("POST", "/", {"ok": (303,)}), ("GET", "/confirmation"),
             ("POST", "/api/contacts", {"body": "contact", "ok": (202,)})),
    *_routes("prospects", Audience.STAFF,
             ("POST", "/api/contacts/recorded", {"body": "recorded_contact", "ok": (202,)}),
             ("GET", "/api/prospects"),
             ("GET", "/api/prospects/{prospect_id}", {"params": PROSPECT}),
             ("GET", "/api/prospects/{prospect_id}/export", {"params": PROSPECT}),
             ("DELETE", "/api/prospects/{prospect_id}",
              {"params": {"prospect_id": "prospect_to_erase"}, "ok": (202,)}),
             ("POST", "/api/prospects/{prospect_id}/stage", {"params": PROSPECT,
                                                             "body": "stage"}),
             ("POST", "/api/prospects/{prospect_id}/notes", {"params": PROSPECT,
                                                             "body": "note", "ok": (201,)}),
             ("PUT", "/api/prospects/{prospect_id}/assignee", {"params": PROSPECT,
                                                               "body": "assignee"}),
             ("POST", "/api/prospects/{prospect_id}/qualify",
              {"params": {"prospect_id": "prospect_to_qualify"}, "body": "qualification"})),
    # (search without its required q: 422 comes after the access check)
    *_routes("prospects", Audience.STAFF, ("GET", "/api/prospects/search", {"ok": (422,)})),
    # Behind the front door: the staff's pages (the pipeline board and its moves, search).
    *_routes("prospects", Audience.STAFF, ("GET", "/staff/prospects/search"),
             forwarded=True),
    *_routes("prospects", Audience.STAFF,
             ("GET", "/staff/prospects/"),
             ("POST", "/staff/prospects/{prospect_id}/move", {
                 "params": {"prospect_id": "prospect_to_move"}, "body": "stage_form",
                 "form": "/staff/prospects/",
                 "ok": (303, 409)}), forwarded=True),
    # Behind the front door: the prospect file (tests/integration/prospects/
    # test_prospect_file.py posts its forms).
    *_routes("prospects", Audience.STAFF,
             ("GET", "/staff/prospects/{prospect_id}", {"params": PROSPECT}),
             ("GET", "/staff/prospects/{prospect_id}/export", {"params": PROSPECT}),
             ("GET", "/staff/prospects/{prospect_id}/export.json", {"params": PROSPECT}),
             ("GET", "/staff/prospects/{prospect_id}/erase", {"params": PROSPECT}),
             forwarded=True),
    *_routes("prospects", Audience.STAFF,
             ("POST", "/staff/prospects/{prospect_id}/erase", {
                 "params": {"prospect_id": "prospect_to_erase_by_page"}, "body": "empty_form",
                 "form": "/staff/prospects/", "ok": (303, 409, 422)}),
             ("POST", "/staff/prospects/{prospect_id}/{form}", {
                 "params": {"prospect_id": "prospect_for_forms", "form": "prospect_form"},
                 "body": "page_note", "form": "/staff/prospects/", "ok": (303, 409, 422)}),
             forwarded=True),
]

VILLAGE = {"insee_code": "village"}
CASE = {"case_id": "case"}
MEMBER = {"member_id": "member"}


def _step(action: str, case: str, body: str | None = None) -> tuple:
    return ("POST", f"/api/cases/{{case_id}}/steps/{{key}}/{action}",
            {"params": {"case_id": case, "key": "step"}, "body": body})


ONBOARDING = [
    *probes("onboarding"),
    *_routes("onboarding", Audience.STAFF,
             ("GET", "/api/villages"),
             ("DELETE", "/api/villages/{insee_code}/committee",
              {"params": {"insee_code": "village_to_clear"}, "ok": (204,)}),
             ("GET", "/api/overdue-steps"),
             _step("complete", "case_to_complete", "step_note"),
             _step("skip", "case_to_skip", "skip_reason"),
             _step("reopen", "case_to_reopen"),
             ("GET", "/api/cases"),
             ("GET", "/api/cases/{case_id}", {"params": CASE}),
             ("PATCH", "/api/cases/{case_id}", {"params": CASE, "body": "case_update"}),
             ("GET", "/api/cases/{case_id}/matches", {"params": CASE}),
             ("POST", "/api/cases/{case_id}/install",
              {"params": {"case_id": "case_to_install"}, "body": "install", "ok": (201,)}),
             ("POST", "/api/cases/{case_id}/abandon",
              {"params": {"case_id": "case_to_abandon"}, "body": "abandon"}),
             ("GET", "/api/follow-ups/due"),
             ("PUT", "/api/members/{member_id}/follow-ups/{months}",
              {"params": {**MEMBER, "months": "months"}, "body": "follow_up"}),
             ("GET", "/api/retention")),
    *_routes("onboarding", Audience.STAFF_OR_COMMITTEE,
             ("GET", "/api/villages/{insee_code}", {"params": VILLAGE}),
             ("PATCH", "/api/villages/{insee_code}", {"params": VILLAGE,
                                                      "body": "village_update"}),
             ("PUT", "/api/villages/{insee_code}/committee", {"params": VILLAGE,
                                                              "body": "committee"})),
    *_routes("onboarding", Audience.STAFF_OR_SOLO, ("GET", "/api/members")),
    *_routes("onboarding", Audience.COMMITTEE, ("GET", "/committees/", {"ok": (303,)}),
             ("GET", "/committees/contact"), forwarded=True),
    # How the committee is told: its language and webhook (tests/integration/onboarding/
    # test_committee_contact_page.py posts it; the village is read from the principal).
    *_routes("onboarding", Audience.COMMITTEE,
             ("POST", "/committees/contact", {
                 "body": "empty_form", "form": "/staff/villages/",
                 "ok": (200, 303, 404, 409, 422)}),
             forwarded=True),
    *_routes("onboarding", Audience.OWN_COMMITTEE,
             ("GET", "/committees/villages/{insee_code}", {"params": VILLAGE}),
             ("GET", "/committees/villages/{insee_code}/page", {"params": VILLAGE}),
             forwarded=True),
    # The committee's forms (tests/integration/onboarding/test_committee_pages.py posts
    # them as a committee, and checks another village's committee gets 403 and writes
    # nothing).
    *_routes("onboarding", Audience.OWN_COMMITTEE,
             ("POST", "/committees/villages/{insee_code}/households/{case_id}/contact", {
                 "params": {**VILLAGE, **CASE}, "body": "empty_form",
                 "form": "/staff/villages/", "ok": (303, 404)}),
             ("POST", "/committees/villages/{insee_code}/page", {
                 "params": VILLAGE, "body": "empty_form", "form": "/staff/villages/",
                 "ok": (200, 303, 409)}),
             forwarded=True),
    # The public site's villages: no sign-in.
    *_routes("onboarding", Audience.PUBLIC,
             ("GET", "/villages/"),
             ("GET", "/villages/{insee_code}", {"params": {"insee_code": "public_village"}})),
    # Behind the front door: the staff's case pages (tests/integration/onboarding/
    # test_case_pages.py posts their forms).
    *_routes("onboarding", Audience.STAFF,
             ("GET", "/staff/cases/"),
             ("GET", "/staff/cases/of-prospect/{prospect_id}", {"params": PROSPECT}),
             ("GET", "/staff/cases/{case_id}", {"params": CASE}),
             ("GET", "/staff/cases/{case_id}/abandon", {"params": CASE}),
             forwarded=True),
    *_routes("onboarding", Audience.STAFF,
             ("POST", "/staff/cases/{case_id}/steps/{key}/{action}", {
                 "params": {"case_id": "case_to_complete", "key": "step",
                            "action": "step_action"},
                 "body": "empty_form", "form": "/staff/cases/", "ok": (303, 409, 422)}),
             ("POST", "/staff/cases/{case_id}/{form}", {
                 "params": {"case_id": "case", "form": "case_form"}, "body": "empty_form",
                 "form": "/staff/cases/", "ok": (303, 409, 422)}),
             forwarded=True),
    # Another member reads a member's card only when it is listed; the world's is not.
    *_routes("onboarding", Audience.STAFF_OR_OWN_SOLO,
             ("GET", "/api/members/{member_id}", {"params": MEMBER}),
             ("PUT", "/api/members/{member_id}/card", {"params": MEMBER, "body": "card"})),
    # Behind the front door: the staff's village and member pages (tests/integration/
    # onboarding/test_village_pages.py posts their forms as staff).
    *_routes("onboarding", Audience.STAFF,
             ("GET", "/staff/villages/"),
             ("GET", "/staff/villages/{insee_code}", {"params": VILLAGE}),
             ("GET", "/staff/members/"),
             ("GET", "/staff/members/{member_id}", {"params": MEMBER}), forwarded=True),
    *_routes("onboarding", Audience.STAFF,
             ("POST", "/staff/villages/{insee_code}/host-status", {
                 "params": VILLAGE, "body": "host_status_form", "form": "/staff/villages/",
                 "ok": (303, 409, 422)}),
             ("POST", "/staff/villages/{insee_code}/committee", {
                 "params": VILLAGE, "body": "committee_form", "form": "/staff/villages/",
                 "ok": (303, 409, 422)}),
             ("POST", "/staff/villages/{insee_code}/committee/remove", {
                 "params": VILLAGE, "body": "empty_form", "form": "/staff/villages/",
                 "ok": (303, 409)}), forwarded=True),
    # Behind the front door: the members' directory, their card and their follow-ups
    # (tests/integration/onboarding/test_member_directory_pages.py posts them as others).
    *_routes("onboarding", Audience.OWN_SOLO,
             ("GET", "/members/directory/"),
             ("GET", "/members/directory/card"),
             ("GET", "/members/follow-ups/{months}", {"params": {"months": "months"}}),
             forwarded=True),
    *_routes("onboarding", Audience.OWN_SOLO,
             ("POST", "/members/directory/card", {
                 "body": "empty_form", "form": "/members/directory/card",
                 "ok": (303, 409, 422)}),
             ("POST", "/members/directory/card/contact-agreement", {
                 "body": "empty_form", "form": "/members/directory/card",
                 "ok": (303, 409)}),
             ("POST", "/members/follow-ups/{months}", {
                 "params": {"months": "months"}, "body": "empty_form",
                 "form": "/members/directory/", "ok": (303, 409, 422)}),
             forwarded=True),
]

PLACE = {"telecentre_id": "place"}
PLACE_ADMIN = {"telecentre_id": "place_to_edit"}
BOOKING = {"booking_id": "booking"}

BOOKINGS = [
    *probes("bookings"),
    *_routes("bookings", Audience.SIGNED_LINK, ("GET", "/api/calendar/{token}.ics"),
             ("GET", "/calendar/{token}.ics")),  # the same feed through the front door
    # The public site's telecentres and coworking spaces: no sign-in.
    *_routes("bookings", Audience.PUBLIC,
             ("GET", "/telecentres"),
             ("GET", "/telecentres/{telecentre_id}", {"params": PLACE}),
             ("GET", "/telecentres/near/{insee_code}",
              {"params": {"insee_code": "public_village"}})),
    *_routes("bookings", Audience.ANY_TOKEN,
             ("GET", "/api/telecentres"),
             ("GET", "/api/telecentres/{telecentre_id}", {"params": PLACE}),
             ("GET", "/api/telecentres/{telecentre_id}/availability", {"params": PLACE})),
    *_routes("bookings", Audience.STAFF,
             ("GET", "/api/telecentres/{telecentre_id}/occupancy", {"params": PLACE}),
             ("POST", "/api/telecentres", {"body": "place", "ok": (201,)}),
             ("PUT", "/api/telecentres/{telecentre_id}/opening-hours",
              {"params": PLACE_ADMIN, "body": "week", "ok": (204,)}),
             ("PUT", "/api/telecentres/{telecentre_id}/closures/{day}",
              {"params": {**PLACE_ADMIN, "day": "day_to_close"}, "body": "closure"}),
             ("DELETE", "/api/telecentres/{telecentre_id}/closures/{day}",
              {"params": {**PLACE_ADMIN, "day": "day_to_reopen"}, "ok": (204,)}),
             ("POST", "/api/telecentres/{telecentre_id}/desks",
              {"params": PLACE_ADMIN, "body": "desk", "ok": (201,)}),
             ("PATCH", "/api/desks/{desk_id}", {"params": {"desk_id": "desk_to_edit"},
                                                "body": "desk_patch"}),
             ("GET", "/api/members"),
             # Staff booking for a member (who may have no account yet).
             ("POST", "/api/members/{member_id}/bookings",
              {"params": MEMBER, "body": "booking_for_member", "ok": (201,)})),
    *_routes("bookings", Audience.STAFF_OR_OWN_SOLO,
             ("GET", "/api/bookings/{booking_id}", {"params": BOOKING}),
             # Cancelling twice answers 204 again: staff and the member both cancel it.
             ("DELETE", "/api/bookings/{booking_id}",
              {"params": {"booking_id": "booking_to_cancel"}, "ok": (204,)}),
             # Weeks ahead, so past the access checks the check-in window refuses (422).
             ("POST", "/api/bookings/{booking_id}/check-in", {"params": BOOKING,
                                                              "ok": (422,)}),
             ("GET", "/api/bookings/{booking_id}/calendar.ics", {"params": BOOKING})),
    *_routes("bookings", Audience.OWN_SOLO,
             ("POST", "/api/bookings", {"body": "booking", "ok": (201,)}),
             ("GET", "/api/me"), ("GET", "/api/me/bookings"),
             ("POST", "/api/me/calendar-feed")),
    *_routes("bookings", Audience.OWN_SOLO, ("GET", "/members/"),
             ("GET", "/members/book"),
             ("GET", "/members/book/{telecentre_id}", {"params": PLACE}),
             ("GET", "/members/bookings"), forwarded=True),
    # The members' booking forms (tests/integration/bookings/test_member_booking_pages.py
    # posts them as other roles, without identity and without the CSRF field).
    *_routes("bookings", Audience.OWN_SOLO,
             ("POST", "/members/book/{telecentre_id}", {
                 "params": PLACE, "body": "empty_form", "form": "/members/",
                 "ok": (303, 409, 422)}),
             *[("POST", f"/members/bookings/{{booking_id}}/{action}", {
                 "params": BOOKING, "body": "empty_form", "form": "/members/",
                 "ok": (303, 404, 409, 422)}) for action in ("cancel", "check-in")],
             ("POST", "/members/calendar-feed", {
                 "body": "empty_form", "form": "/members/", "ok": (303,)}),
             forwarded=True),
    # Repeat bookings and the waiting list (tests/integration/bookings/
    # test_repeat_and_waiting_list.py): the matrix's booking body has no `weeks` nor
    # `kind` (422 once past the access checks), its booking id is no waiting-list entry.
    *_routes("bookings", Audience.OWN_SOLO,
             ("POST", "/api/bookings/repeat", {"body": "booking", "ok": (422,)}),
             ("GET", "/api/me/waiting-list"),
             ("POST", "/api/waiting-list", {"body": "booking", "ok": (422,)}),
             ("DELETE", "/api/waiting-list/{entry_id}", {"params": {"entry_id": "booking"},
                                                         "ok": (404,)})),
    *_routes("bookings", Audience.OWN_SOLO,
             ("POST", "/members/book/{telecentre_id}/repeat", {
                 "params": PLACE, "body": "empty_form", "form": "/members/", "ok": (422,)}),
             ("POST", "/members/waiting-list", {
                 "body": "empty_form", "form": "/members/", "ok": (422,)}),
             ("POST", "/members/waiting-list/{entry_id}/leave", {
                 "params": {"entry_id": "booking"}, "body": "empty_form", "form": "/members/",
                 "ok": (404,)}),
             forwarded=True),
    # Behind the front door: the staff's telecentre pages and a member's bookings.
    *_routes("bookings", Audience.STAFF,
             ("GET", "/staff/telecentres/"),
             ("GET", "/staff/telecentres/{telecentre_id}", {"params": PLACE}),
             ("GET", "/staff/bookings/members/{member_id}", {"params": MEMBER}),
             # Staff booking a desk for a member: the places, then a place's week.
             ("GET", "/staff/bookings/members/{member_id}/book", {"params": MEMBER}),
             ("GET", "/staff/bookings/members/{member_id}/book/{telecentre_id}",
              {"params": {**MEMBER, **PLACE}}),
             forwarded=True),
    # Their forms (tests/integration/bookings/test_staff_booking_for_member.py posts them as
    # other roles and without the CSRF field); the empty form is 422, another member's
    # booking through this member's address 404.
    *_routes("bookings", Audience.STAFF,
             ("POST", "/staff/bookings/members/{member_id}/book/{telecentre_id}", {
                 "params": {**MEMBER, **PLACE}, "body": "empty_form",
                 "form": "/staff/telecentres/", "ok": (303, 409, 422)}),
             ("POST", "/staff/bookings/members/{member_id}/bookings/{booking_id}/cancel", {
                 "params": {**MEMBER, "booking_id": "booking_of_other"}, "body": "empty_form",
                 "form": "/staff/telecentres/", "ok": (303, 404, 409)}),
             forwarded=True),
    # Their forms (tests/integration/bookings/test_staff_telecentre_forms.py posts them as
    # other roles and without a token).
    *_routes("bookings", Audience.STAFF, *[
        ("POST", f"/staff/telecentres/{{telecentre_id}}/{form}", {
            "params": PLACE_ADMIN, "body": "empty_form", "form": "/staff/telecentres/",
            "ok": (303, 409, 422)})
        for form in ("opening-hours", "closures", "closures/remove", "desks")],
             ("POST", "/staff/telecentres/{telecentre_id}/desks/{desk_id}", {
                 "params": {**PLACE_ADMIN, "desk_id": "desk_to_edit"}, "body": "empty_form",
                 "form": "/staff/telecentres/", "ok": (303, 409, 422)}),
             forwarded=True),
]

NOTIFICATION = {"notification_id": "notification"}
TEMPLATE = {"name": "template", "locale": "locale"}

NOTIFICATIONS = [
    *probes("notifications"),
    *_routes("notifications", Audience.SIGNED_LINK,
             ("GET", "/unsubscribe/{token}"), ("POST", "/unsubscribe/{token}")),
    *_routes("notifications", Audience.STAFF,
             ("GET", "/api/notifications"),
             ("GET", "/api/notifications/{notification_id}", {"params": NOTIFICATION}),
             ("POST", "/api/notifications/{notification_id}/resend",
              {"params": NOTIFICATION, "ok": (202,)}),
             ("GET", "/api/committees"),
             ("PUT", "/api/committees/{insee_code}", {"params": VILLAGE,
                                                      "body": "committee_channels"}),
             ("DELETE", "/api/committees/{insee_code}",
              {"params": {"insee_code": "channels_to_clear"}, "ok": (204,)}),
             ("GET", "/api/templates"),
             ("GET", "/api/templates/{name}/{locale}", {"params": TEMPLATE}),
             ("PUT", "/api/templates/{name}/{locale}", {"params": TEMPLATE,
                                                        "body": "template"}),
             ("DELETE", "/api/templates/{name}/{locale}",
              {"params": {"name": "template_overridden", "locale": "locale"}, "ok": (204,)})),
    *_routes("notifications", Audience.STAFF_OR_COMMITTEE,
             ("GET", "/api/committees/{insee_code}", {"params": VILLAGE})),
    # A committee's own channels (tests/integration/notifications/test_committee_channels.py
    # posts the form as a committee; its village is read from the principal).
    *_routes("notifications", Audience.COMMITTEE,
             ("GET", "/committees/notifications"),
             ("POST", "/committees/notifications", {
                 "body": "empty_form", "form": "/staff/deliveries/",
                 "ok": (200, 303, 409, 422)}),
             forwarded=True),
    # Behind the front door: the delivery log, a message, a person's messages (the prospect
    # file loads them), the message templates (tests/integration/notifications/
    # test_staff_pages.py posts their forms).
    *_routes("notifications", Audience.STAFF,
             ("GET", "/staff/deliveries/"),
             ("GET", "/staff/deliveries/{notification_id}", {"params": NOTIFICATION}),
             ("GET", "/staff/deliveries/{notification_id}/body.html", {"params": NOTIFICATION}),
             ("GET", "/staff/deliveries/of-prospect/{prospect_id}", {"params": PROSPECT}),
             ("GET", "/staff/deliveries/templates"),
             ("GET", "/staff/deliveries/templates/{name}/{locale}", {"params": TEMPLATE}),
             ("GET", "/staff/deliveries/templates/{name}/{locale}/preview.html",
              {"params": TEMPLATE}),
             forwarded=True),
    *_routes("notifications", Audience.STAFF,
             ("POST", "/staff/deliveries/{notification_id}/resend", {
                 "params": NOTIFICATION, "body": "empty_form", "form": "/staff/deliveries/",
                 "ok": (303, 409)}),
             ("POST", "/staff/deliveries/templates/{name}/{locale}", {
                 "params": TEMPLATE, "body": "template", "form": "/staff/deliveries/templates",
                 "ok": (303, 409, 422)}),
             ("POST", "/staff/deliveries/templates/{name}/{locale}/reset", {
                 "params": TEMPLATE, "body": "empty_form", "form": "/staff/deliveries/templates",
                 "ok": (303, 409)}),
             forwarded=True),
]

DASHBOARD = [
    *probes("dashboard"),
    *_routes("dashboard", Audience.SIGN_IN, ("GET", "/"), ("POST", "/login")),
    *_routes("dashboard", Audience.PUBLIC,
             ("POST", "/logout", {"ok": (303,)}), ("GET", "/favicon.ico", {"ok": (204,)}),
             ("GET", "/static/{name}", {"params": {"name": "stylesheet"}}),
             ("GET", "/key-figures")),  # the public site's key figures
    *_routes("dashboard", Audience.STAFF,
             ("GET", "/partials/figures"), ("GET", "/api/kpis"), ("GET", "/api/kpis.csv"),
             ("GET", "/api/events/recent"), cookie=True),
    *_routes("dashboard", Audience.STAFF, ("GET", "/api/events/stream"),
             cookie=True, streams=True),
    # Behind the front door: the staff page and its calls, under /staff/.
    *_routes("dashboard", Audience.PUBLIC,
             ("GET", "/staff/static/{name}", {"params": {"name": "stylesheet"}})),
    *_routes("dashboard", Audience.STAFF,
             ("GET", "/staff/"), ("GET", "/staff/partials/figures"), ("GET", "/staff/api/kpis"),
             ("GET", "/staff/api/kpis.csv"), forwarded=True),
    *_routes("dashboard", Audience.STAFF, ("GET", "/staff/api/events/stream"),
             forwarded=True, streams=True),
]

ACCESS: list[Route] = [*PROSPECTS, *ONBOARDING, *BOOKINGS, *NOTIFICATIONS, *DASHBOARD]
SERVICES = ("prospects", "onboarding", "bookings", "notifications", "dashboard")


def routes_of(service: str) -> list[Route]:
    return [r for r in ACCESS if r.service == service]
