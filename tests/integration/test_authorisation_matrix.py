"""The authorisation matrix of the whole platform (issue 8).

Every route of the five services, read from each app itself, has its audience in the access
table (tests/support/route_catalogue.py); a route the table does not know fails. Then, on
the five services running in-process as `soho serve` runs them, with real records made
through their own APIs (prospects qualified, cases opened and installed, members known to
bookings, bookings, deliveries):
- every route that needs a token refuses no token, a bad one, a forged, expired or foreign
  one with 401, also on ids that do not exist (authorisation comes before the lookup);
- a token of the wrong role gets 403; a committee on another village's resources 403; a
  member on another member's booking or card 403;
- whoever may call a route gets through, with the answer the route gives them;
- public and probe routes need no token; signed links open with their own signature only;
- the dashboard's sign-in cookie is held to the same rules as the bearer header;
- people's pages behind the front door take the token identity gives the front door
  (X-Soho-Identity) as they take a bearer token."""

import asyncio
import base64
import contextlib
import datetime
import json
import os
import uuid
from dataclasses import dataclass, field

import jwt
import pytest

from services.bookings.domain.holidays import public_holiday
from services.notifications.domain.unsubscribe import make_token
from services.notifications.adapters.templating import CATALOG
from services.onboarding.use_cases.seeding import seed_villages
from shared.auth import ALGORITHM, AUDIENCE, FORWARDED_IDENTITY, ISSUER, Role, issue_token
from shared.db import connect
from shared.http.app import create_app
from shared.reference.calendar import PARIS
from soho import registry
from tests.support.route_catalogue import ACCESS, SERVICES, Audience, Route, app_routes, routes_of
from tests.support.service_app import running_service
from tests.support.smtp import free_port
from tests.support.waiting import wait_for

SECRET = os.environ["SOHO_SECRET"]  # tests/conftest.py sets it for the run
OTHER_SECRET = "another-secret-that-is-at-least-32-bytes-long"
VILLAGE, OTHER_VILLAGE, VILLAGE_TO_CLEAR = "32050", "32051", "32052"  # Betplan, Bézéril, Bezolles
# A committee only notifications knows (Bézues-Bajon): onboarding's removal of Bezolles's
# committee (committee.changed) makes notifications forget Bezolles's too.
CHANNELS_TO_CLEAR = "32053"
COOKIE = "soho_staff"
SETTINGS = {
    "prospects": {"contact_rate_limit": "100000/minute"},
    "bookings": {"BOOKINGS_RATE_LIMIT_PER_MINUTE": 100_000},
    # No mail server listens there and one attempt is all: deliveries fail, and one failed
    # delivery is what staff may re-send.
    "notifications": {"SMTP_URL": f"smtp://127.0.0.1:{free_port()}",
                      "NOTIFICATIONS_MAX_ATTEMPTS": 1, "NOTIFICATIONS_POLL_INTERVAL": 0.5,
                      "NOTIFICATIONS_FIRST_BACKOFF": 0.05, "NOTIFICATIONS_SMTP_TIMEOUT": 2.0},
}


# --- who calls ---------------------------------------------------------------------------

def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _claims(**changes) -> dict:
    now = datetime.datetime.now(datetime.UTC)
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "staff", "role": "staff", "iat": now,
              "exp": now + datetime.timedelta(hours=1)} | changes
    return {k: v for k, v in claims.items() if v is not None}


def _signed(**changes) -> str:
    return jwt.encode(_claims(**changes), SECRET, algorithm=ALGORITHM)


# Each is a token (or None: no token at all) that must be refused with 401 everywhere.
BAD_TOKENS = {
    "no-token": lambda: None,
    "garbage": lambda: "garbage",
    "other-secret": lambda: issue_token(OTHER_SECRET, Role.STAFF),
    "expired": lambda: issue_token(SECRET, Role.STAFF, ttl=datetime.timedelta(minutes=-1)),
    "wrong-audience": lambda: _signed(aud="another-platform"),
    "wrong-issuer": lambda: _signed(iss="someone-else"),
    "alg-none": lambda: jwt.encode(_claims(), None, algorithm="none"),
    "no-expiry": lambda: _signed(exp=None),
    "unknown-role": lambda: _signed(role="admin"),
    "tampered-role": lambda: _tampered(issue_token(SECRET, Role.SOLO, member=uuid.uuid4())),
    # Signed with the secret, but without the scope its role needs.
    "solo-without-member": lambda: _signed(role="solo", sub="member:unknown"),
    "committee-without-village": lambda: _signed(role="committee", sub="committee:unknown"),
}
def _tampered(token: str) -> str:
    """A solo's token with its claims rewritten to staff, its signature kept."""
    header, _, signature = token.split(".")
    claims = {k: int(v.timestamp()) if isinstance(v, datetime.datetime) else v
              for k, v in _claims().items()}
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"{header}.{payload}.{signature}"


@dataclass
class World:
    """The running services and the records the matrix calls the routes on."""

    services: dict
    values: dict = field(default_factory=dict)  # path parameters, by the table's names
    bodies: dict = field(default_factory=dict)  # request bodies, by the table's names

    def token(self, who: str) -> str:
        return {
            "staff": lambda: issue_token(SECRET, Role.STAFF, sub="matrix-staff"),
            "committee": lambda: issue_token(SECRET, Role.COMMITTEE, village=VILLAGE),
            "committee-elsewhere": lambda: issue_token(SECRET, Role.COMMITTEE,
                                                       village=OTHER_VILLAGE),
            "solo": lambda: issue_token(SECRET, Role.SOLO, member=self.values["member"]),
            "solo-other": lambda: issue_token(SECRET, Role.SOLO,
                                              member=self.values["other_member"]),
        }[who]()

    def headers(self, who: str) -> dict[str, str]:
        return bearer(self.token(who))


# --- how a route is called -----------------------------------------------------------------

# Path parameters naming nothing that exists (any other parameter: a new UUID); the step key
# and the locale are closed lists, so they stay real.
UNKNOWN = {"insee_code": "32999", "key": "discovery_visit", "months": "6", "locale": "fr",
           "name": "no.such.template", "day": "2031-01-06"}


def path_of(route: Route, world: World, unknown: bool = False) -> str:
    values = {name: (UNKNOWN.get(name) or str(uuid.uuid4())) if unknown else world.values[key]
              for name, key in route.params.items()}
    return route.path.format(**{k: str(v) for k, v in values.items()})


async def call(world: World, route: Route, headers: dict[str, str] | None = None,
               unknown: bool = False):
    """(status, response or None) of the route called with these headers."""
    path = path_of(route, world, unknown)
    headers = headers or {}
    if route.streams:
        return await _stream_status(world.services[route.service].app, path, headers), None
    client = world.services[route.service].client
    client.cookies.clear()  # a sign-in cookie set by an earlier call must not come along
    body = world.bodies[route.body] if route.body else None
    if route.form:  # a page's form: its CSRF cookie and field, as a browser sends them
        await client.get(route.form, headers={FORWARDED_IDENTITY: world.token("staff")})
        form = {**body, "csrftoken": client.cookies["csrftoken"]}
        response = await client.request(route.method, path, headers=headers, data=form)
        client.cookies.clear()
        return response.status_code, response
    response = await client.request(route.method, path, headers=headers, json=body)
    return response.status_code, response


async def _stream_status(app, path: str, headers: dict[str, str]) -> int:
    """The status of an endless response (server-sent events): the ASGI app is called
    directly, read up to its response start, then told the client went away."""
    started: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    gone = asyncio.Event()
    requested = False

    async def receive() -> dict:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await gone.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start" and not started.done():
            started.set_result(message["status"])

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "", "query_string": b"", "client": ("127.0.0.1", 50000),
             "server": ("testserver", 80),
             "headers": [(b"host", b"testserver")] + [(k.lower().encode(), v.encode())
                                                      for k, v in headers.items()]}
    task = asyncio.create_task(app(scope, receive, send))
    try:
        return await asyncio.wait_for(asyncio.shield(started), 20)
    finally:
        gone.set()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


# --- the world -----------------------------------------------------------------------------

def days_ahead(n: int) -> datetime.date:
    day = datetime.datetime.now(PARIS).date() + datetime.timedelta(days=n)
    while public_holiday(day):
        day += datetime.timedelta(days=1)
    return day


def at(day: datetime.date, hour: int) -> str:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS).isoformat()


EVERY_DAY = [{"weekday": d, "opens": "08:00", "closes": "20:00"} for d in range(7)]
QUALIFICATION = {"remote_work_viability": "confirmed", "household_adults": 2,
                 "household_children": 0, "move_horizon": "within_a_year"}


def ok(response, *statuses: int) -> dict:
    assert response.status_code in (statuses or (200,)), (response.request.url, response.text)
    return response.json() if response.content else {}


async def new_prospect(world: World, label: str) -> str:
    contact = {"first_name": "Matrix", "last_name": label.title(), "consent": True,
               "email": f"matrix.{label}.{uuid.uuid4().hex[:8]}@example.org"}
    client = world.services["prospects"].client
    return ok(await client.post("/api/contacts", json=contact), 202)["prospect_id"]


async def open_cases(world: World, labels: list[str]) -> dict[str, str]:
    """A case per label: a prospect qualified on prospects, the case opened by onboarding
    from prospect.qualified."""
    prospects, onboarding = world.services["prospects"], world.services["onboarding"]
    staff = world.headers("staff")
    by_label = {label: await new_prospect(world, f"case-{label}") for label in labels}
    for prospect in by_label.values():
        ok(await prospects.client.post(f"/api/prospects/{prospect}/qualify",
                                       json=QUALIFICATION, headers=staff))

    async def case_of(prospect: str) -> str | None:
        found = await onboarding.client.get("/api/cases", params={"prospect_id": prospect},
                                            headers=staff)
        return found.json()[0]["id"] if found.status_code == 200 and found.json() else None

    cases = {}
    for label, prospect in by_label.items():
        cases[label] = await wait_for(lambda p=prospect: case_of(p), timeout=60,
                                      message=f"onboarding opened the case of {label}")
    return cases


async def build_prospects_and_members(world: World) -> None:
    v, onboarding = world.values, world.services["onboarding"]
    staff = world.headers("staff")
    v["prospect"] = await new_prospect(world, "reader")
    v["prospect_to_erase"] = await new_prospect(world, "erased")
    v["prospect_to_qualify"] = await new_prospect(world, "qualified")
    v["prospect_to_move"] = await new_prospect(world, "moved")  # the board's move form
    v["prospect_for_forms"] = await new_prospect(world, "forms")  # the prospect file's forms
    v["prospect_to_erase_by_page"] = await new_prospect(world, "erased-by-page")
    v["prospect_form"] = "note"
    cases = await open_cases(world, ["read", "complete", "skip", "reopen", "install", "abandon",
                                     "member", "other"])
    installed_on = (datetime.date.today() - datetime.timedelta(days=200)).isoformat()
    for key, case, village in (("member", "member", VILLAGE),
                               ("other_member", "other", OTHER_VILLAGE)):
        answer = await onboarding.client.post(
            f"/api/cases/{cases[case]}/install", headers=staff,
            json={"village": village, "installed_on": installed_on, "household_size": 2})
        v[key] = ok(answer, 201)["member_id"]
    ok(await onboarding.client.post(
        f"/api/cases/{cases['reopen']}/steps/discovery_visit/complete", headers=staff))
    ok(await onboarding.client.put(
        f"/api/villages/{VILLAGE_TO_CLEAR}/committee", headers=staff,
        json={"email": "comite-bezolles@example.org", "locale": "fr"}))
    v.update(case=cases["read"], case_to_complete=cases["complete"],
             case_to_skip=cases["skip"], case_to_reopen=cases["reopen"],
             case_to_install=cases["install"], case_to_abandon=cases["abandon"],
             step="discovery_visit", months="1", village=VILLAGE,
             village_to_clear=VILLAGE_TO_CLEAR, stylesheet="dashboard.css",
             public_village="32233")  # a demonstration host village (seeding.py)
    v.update(step_action="complete", case_form="assignee")  # the case page's forms


async def build_bookings(world: World) -> None:
    v = world.values
    staff, client = world.headers("staff"), world.services["bookings"].client

    async def known(who: str) -> bool:  # bookings learns members from solo.installed
        return (await client.get("/api/me", headers=world.headers(who))).status_code == 200

    for who in ("solo", "solo-other"):
        await wait_for(lambda w=who: known(w), timeout=60, message=f"bookings knows {who}")

    async def place(label: str) -> str:
        body = {"kind": "telecentre", "name": f"Télécentre {label} {uuid.uuid4().hex[:6]}",
                "insee_code": VILLAGE, "commune": "Betplan",
                "address": "1 chemin du Bourdillou, 32730 Betplan", "opening_hours": EVERY_DAY}
        return ok(await client.post("/api/telecentres", json=body, headers=staff), 201)["id"]

    async def desk(place_id: str, kind: str = "meeting_room", mode: str = "hour") -> str:
        body = {"kind": kind, "name": f"{kind} {uuid.uuid4().hex[:6]}", "capacity": 4,
                "booking_mode": mode}
        return ok(await client.post(f"/api/telecentres/{place_id}/desks", json=body,
                                    headers=staff), 201)["id"]

    async def book(who: str, desk_id: str, day, hour: int) -> str:
        body = {"desk_id": desk_id, "starts_at": at(day, hour), "ends_at": at(day, hour + 1)}
        return ok(await client.post("/api/bookings", json=body, headers=world.headers(who)),
                  201)["booking_id"]

    # Weeks ahead: other bookings tests sweep no-shows over the next few days.
    day = days_ahead(30)
    v["place"], v["place_to_edit"] = await place("lecture"), await place("réglages")
    room, v["desk_to_edit"] = await desk(v["place"]), await desk(v["place_to_edit"])
    v["day_to_close"], v["day_to_reopen"] = str(days_ahead(40)), str(days_ahead(41))
    ok(await client.put(f"/api/telecentres/{v['place_to_edit']}/closures/{v['day_to_reopen']}",
                        json={"reason": "Travaux"}, headers=staff))
    v["booking"] = await book("solo", room, day, 9)
    v["booking_to_cancel"] = await book("solo", room, day, 10)
    v["booking_of_other"] = await book("solo-other", room, day, 11)
    world.bodies.update(
        booking={"desk_id": room, "starts_at": at(day, 14), "ends_at": at(day, 15)},
        booking_for_member={"desk_id": room, "starts_at": at(day, 16), "ends_at": at(day, 17)},
        place={"kind": "coworking", "name": f"Coworking matrice {uuid.uuid4().hex[:6]}",
               "insee_code": VILLAGE, "commune": "Betplan", "address": "Betplan",
               "opening_hours": EVERY_DAY},
        week={"opening_hours": EVERY_DAY}, closure={"reason": "Inventaire"},
        desk={"kind": "hot_desk", "name": f"Poste {uuid.uuid4().hex[:6]}", "capacity": 1,
              "booking_mode": "day"},
        desk_patch={"capacity": 3})


async def build_notifications(world: World) -> None:
    v, client = world.values, world.services["notifications"].client
    staff = world.headers("staff")
    for village, name in ((VILLAGE, "Betplan"), (CHANNELS_TO_CLEAR, "Bézues-Bajon")):
        ok(await client.put(f"/api/committees/{village}", headers=staff,
                            json={"village_name": name, "email": f"comite-{village}@example.org"}),
           200, 201)

    async def failed() -> str | None:
        log = await client.get("/api/notifications", params={"status": "failed"},
                               headers=staff)
        items = log.json()["items"] if log.status_code == 200 else []
        return items[0]["id"] if items else None

    v["channels_to_clear"] = CHANNELS_TO_CLEAR
    v["notification"] = await wait_for(failed, timeout=60, message="a failed delivery")
    v.update(template="booking.confirmation", template_overridden="contact.acknowledgement",
             locale="fr")
    for name in (v["template_overridden"], v["template"]):  # the file's text, as an override
        source = ok(await client.get(f"/api/templates/{name}/fr", headers=staff))
        body = {k: source[k] for k in ("subject", "body_text", "body_html")}
        ok(await client.put(f"/api/templates/{name}/fr", json=body, headers=staff))
    world.bodies["template"] = body
    world.bodies["committee_channels"] = {"village_name": "Betplan",
                                          "email": "comite-32050@example.org"}
    stream = next(info.stream for info in CATALOG.values() if info.stream)
    v["unsubscribe_token"] = make_token(SECRET, "matrix.unsubscribe@example.org", stream)


def bodies() -> dict:
    contact = {"first_name": "Camille", "last_name": "Martin", "consent": True,
               "email": f"camille.matrix.{uuid.uuid4().hex[:8]}@example.org"}
    return {
        "contact": contact, "recorded_contact": {**contact, "channel": "phone"},
        "stage": {"stage": "contacted"},
        "stage_form": {"stage": "contacted", "seen_stage": "new"},
        "page_note": {"text": "Note de la matrice."}, "empty_form": {},
        "host_status_form": {"host_status": "host", "seen_host_status": "none"},
        "committee_form": {"email": "comite-betplan@example.org", "locale": "fr",
                           "revision": ""},
        "note": {"text": "Rappelée ce matin."},
        "assignee": {"assigned_to": "marie"}, "qualification": QUALIFICATION,
        "step_note": {"note": "Visite faite."}, "skip_reason": {"reason": "Déjà sur place."},
        "case_update": {"notes": "Matrice."}, "abandon": {"reason": "Projet abandonné."},
        "install": {"village": VILLAGE, "household_size": 2,
                    "installed_on": datetime.date.today().isoformat()},
        "follow_up": {"still_here": True, "activity_going": True},
        "village_update": {"housing_notes": "Gîtes communaux."},
        "committee": {"email": "comite-betplan@example.org", "locale": "fr"},
        "card": {"listed": False, "profession": "développeuse"},
    }


@pytest.fixture(scope="module")
async def world(database_url, amqp_url):
    conn = await connect(database_url, "onboarding")
    try:
        async with conn.transaction():
            await seed_villages(conn)  # "already loaded" when another test seeded first
    finally:
        await conn.close()
    async with contextlib.AsyncExitStack() as stack:
        services = {name: await stack.enter_async_context(running_service(
            registry.load(name), database_url, amqp_url, **SETTINGS.get(name, {})))
            for name in SERVICES}
        built = World(services)
        await build_prospects_and_members(built)
        await build_bookings(built)
        await build_notifications(built)
        built.bodies.update(bodies())
        yield built


# --- the table covers the apps --------------------------------------------------------------

@pytest.mark.parametrize("service", SERVICES)
def test_the_access_table_classifies_every_route_and_only_real_ones(service):
    app = create_app(registry.load(service))
    served = app_routes(app)
    table = [(r.method, r.path) for r in routes_of(service)]
    assert len(table) == len(set(table)), "a route is listed twice"
    assert served - set(table) == set(), "routes with no audience in route_catalogue.py"
    assert set(table) - served == set(), "routes in route_catalogue.py the app lacks"


@pytest.mark.parametrize("service", SERVICES)
def test_the_openapi_document_says_which_routes_need_a_token(service):
    """Clients (and schemathesis) learn from the document which routes take a token."""
    document = create_app(registry.load(service)).openapi()
    for route in routes_of(service):
        operation = document["paths"].get(route.path, {}).get(route.method.lower())
        if operation is None:
            continue  # the document's own pages and the static files are left out of it
        assert bool(operation.get("security")) == route.audience.needs_token, str(route)


# --- 401: no token, or a bad one ------------------------------------------------------------

TOKEN_ROUTES = [r for r in ACCESS if r.audience.needs_token and not r.form]


def _cases(routes, variants):
    return [pytest.param(r, v, id=f"{r} {v}") for r in routes for v in variants]


@pytest.mark.parametrize("route, variant", _cases(TOKEN_ROUTES, BAD_TOKENS))
async def test_no_token_or_a_bad_one_is_401(world, route, variant):
    token = BAD_TOKENS[variant]()
    status, response = await call(world, route, bearer(token) if token else {})
    assert status == 401, (str(route), variant, response.text if response else None)
    if response is not None:
        assert response.headers.get("www-authenticate") == "Bearer"


def basic_scheme(world: World) -> dict[str, str]:
    """A valid staff token, sent as a password under another scheme than Bearer."""
    credentials = base64.b64encode(b"staff:" + world.token("staff").encode()).decode()
    return {"Authorization": f"Basic {credentials}"}


@pytest.mark.parametrize("route, variant", _cases(
    TOKEN_ROUTES, ["no-token", "basic-scheme", "expired"]))
async def test_on_unknown_ids_too_authorisation_comes_first(world, route, variant):
    """A 404 before the token is checked would tell a stranger which ids exist."""
    headers = {"no-token": {}, "basic-scheme": basic_scheme(world),
               "expired": bearer(BAD_TOKENS["expired"]())}[variant]
    status, response = await call(world, route, headers, unknown=True)
    assert status == 401, (str(route), variant, response.text if response else None)


# (A page's form is read by the route itself, after the access check: no JSON body.)
BODY_ROUTES = [r for r in TOKEN_ROUTES if r.body and not r.form]


@pytest.mark.parametrize("route, variant", _cases(BODY_ROUTES, ["no-token", "expired"]))
async def test_a_broken_body_without_a_valid_token_is_401_not_422(world, route, variant):
    """FastAPI parses the body before the dependencies: the token must still come first."""
    headers = {"Content-Type": "application/json"}
    if variant == "expired":
        headers |= bearer(BAD_TOKENS["expired"]())
    client = world.services[route.service].client
    client.cookies.clear()
    response = await client.request(route.method, path_of(route, world, False),
                                    headers=headers, content=b"{not json")
    assert response.status_code == 401, (str(route), variant, response.text)
    assert response.headers.get("www-authenticate") == "Bearer"


COOKIE_ROUTES = [r for r in ACCESS if r.cookie]
FORWARDED_ROUTES = [r for r in ACCESS if r.forwarded and not r.form]


@pytest.mark.parametrize("route, variant", _cases(FORWARDED_ROUTES, [
    v for v in BAD_TOKENS if v != "no-token"]))
async def test_a_bad_token_from_the_front_door_is_401(world, route, variant):
    status, response = await call(world, route, {FORWARDED_IDENTITY: BAD_TOKENS[variant]()})
    assert status == 401, (str(route), variant, response.text if response else None)


@pytest.mark.parametrize("route, variant", _cases(COOKIE_ROUTES, [
    v for v in BAD_TOKENS if v != "no-token"]))
async def test_a_bad_sign_in_cookie_is_401(world, route, variant):
    status, response = await call(world, route, {"Cookie": f"{COOKIE}={BAD_TOKENS[variant]()}"})
    assert status == 401, (str(route), variant, response.text if response else None)


# --- 403: the wrong role, or another village's or member's ----------------------------------

REFUSED = {
    Audience.STAFF: ["committee", "solo"],
    Audience.STAFF_OR_COMMITTEE: ["solo", "committee-elsewhere"],
    Audience.COMMITTEE: ["staff", "solo"],
    Audience.OWN_COMMITTEE: ["staff", "solo", "committee-elsewhere"],
    Audience.STAFF_OR_SOLO: ["committee"],
    Audience.STAFF_OR_OWN_SOLO: ["committee", "solo-other"],
    Audience.OWN_SOLO: ["staff", "committee"],
    Audience.ANY_TOKEN: [],
}
ADMITTED = {
    Audience.STAFF: ["staff"],
    Audience.STAFF_OR_COMMITTEE: ["staff", "committee"],
    Audience.COMMITTEE: ["committee"],
    Audience.OWN_COMMITTEE: ["committee"],
    Audience.STAFF_OR_SOLO: ["staff", "solo"],
    Audience.STAFF_OR_OWN_SOLO: ["staff", "solo"],
    Audience.OWN_SOLO: ["solo"],
    Audience.ANY_TOKEN: ["staff", "committee", "solo"],
}


def _by_principal(table):
    return [pytest.param(r, who, id=f"{r} {who}")
            for r in TOKEN_ROUTES for who in table[r.audience]]


@pytest.mark.parametrize("route, who", _by_principal(REFUSED))
async def test_the_wrong_role_or_scope_is_403(world, route, who):
    status, response = await call(world, route, world.headers(who))
    assert status == 403, (str(route), who, response.text if response else None)
    if route.cookie:
        status, _ = await call(world, route, {"Cookie": f"{COOKIE}={world.token(who)}"})
        assert status == 403, (str(route), who, "as the sign-in cookie")
    if route.forwarded:
        status, _ = await call(world, route, {FORWARDED_IDENTITY: world.token(who)})
        assert status == 403, (str(route), who, "as the front door's token")


@pytest.mark.parametrize("route, who", _by_principal(ADMITTED))
async def test_who_may_call_a_route_gets_through(world, route, who):
    status, response = await call(world, route, world.headers(who))
    assert status in route.ok, (str(route), who, response.text if response else None)
    if route.cookie:
        status, _ = await call(world, route, {"Cookie": f"{COOKIE}={world.token(who)}"})
        assert status in route.ok, (str(route), who, "as the sign-in cookie")
    if route.forwarded:
        status, _ = await call(world, route, {FORWARDED_IDENTITY: world.token(who)})
        assert status in route.ok, (str(route), who, "as the front door's token")


# --- no token needed ------------------------------------------------------------------------

OPEN_ROUTES = [r for r in ACCESS if r.audience in (Audience.PROBE, Audience.PUBLIC)]


@pytest.mark.parametrize("route", [pytest.param(r, id=str(r)) for r in OPEN_ROUTES])
async def test_public_and_probe_routes_answer_without_a_token(world, route):
    status, response = await call(world, route)
    assert status in route.ok, (str(route), response.text)


# --- signed links ---------------------------------------------------------------------------

async def test_the_calendar_feed_opens_with_its_own_token_only(world):
    client = world.services["bookings"].client
    me = (await client.get("/api/me", headers=world.headers("solo"))).json()
    feed = await client.get(me["calendar_feed_url"])
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert world.values["booking"] in feed.text
    assert world.values["booking_of_other"] not in feed.text, "another member's booking"
    made_up = "/api/calendar/" + "A" * 40 + ".ics"
    assert (await client.get(made_up)).status_code == 404
    assert (await client.get(made_up, headers=world.headers("staff"))).status_code == 404


async def test_an_unsubscribe_link_works_with_its_own_signature_only(world):
    client = world.services["notifications"].client
    good = world.values["unsubscribe_token"]
    forged = make_token(OTHER_SECRET, "matrix.unsubscribe@example.org", "x")
    body, _, signature = good.partition(".")
    other_address = make_token(SECRET, "someone.else@example.org", "x").split(".")[0]
    for token in (forged, f"{other_address}.{signature}", "garbage", body):
        for method in ("GET", "POST"):
            answer = await client.request(method, f"/unsubscribe/{token}",
                                          headers=world.headers("staff"))
            assert answer.status_code == 404, (method, token)
    assert (await client.get(f"/unsubscribe/{good}")).status_code == 200
    assert (await client.post(f"/unsubscribe/{good}")).status_code == 200


# --- the dashboard's page and sign-in form --------------------------------------------------

async def page(world: World, cookie: str | None = None, headers: dict | None = None):
    client = world.services["dashboard"].client
    client.cookies.clear()
    return await client.get("/", headers=({"Cookie": f"{COOKIE}={cookie}"} if cookie else {})
                            | (headers or {}))


async def test_the_staff_page_shows_figures_to_a_staff_cookie_only(world):
    signed_out = await page(world)
    assert signed_out.status_code == 200 and 'name="token"' in signed_out.text
    assert 'action="/logout' not in signed_out.text
    with_bearer = await page(world, headers=world.headers("staff"))
    assert 'action="/logout' not in with_bearer.text, "the page reads the cookie only"
    staff = await page(world, world.token("staff"))
    assert staff.status_code == 200 and 'action="/logout' in staff.text
    for who in ("committee", "solo"):
        refused = await page(world, world.token(who))
        assert refused.status_code == 403 and 'action="/logout' not in refused.text, who
    for variant in ("garbage", "other-secret", "expired", "alg-none", "unknown-role"):
        refused = await page(world, BAD_TOKENS[variant]())
        assert refused.status_code == 401 and 'action="/logout' not in refused.text, variant
        assert COOKIE in refused.headers.get("set-cookie", ""), "the bad cookie is cleared"


async def sign_in(world: World, token: str):
    client = world.services["dashboard"].client
    client.cookies.clear()
    return await client.post("/login", data={"token": token})


async def test_the_sign_in_form_admits_staff_tokens_only(world):
    staff = await sign_in(world, world.token("staff"))
    assert staff.status_code == 303 and f"{COOKIE}=" in staff.headers["set-cookie"]
    assert "httponly" in staff.headers["set-cookie"].lower()
    for who in ("committee", "solo"):
        refused = await sign_in(world, world.token(who))
        assert refused.status_code == 403 and "set-cookie" not in refused.headers, who
    for variant in ("garbage", "other-secret", "expired", "wrong-audience", "alg-none",
                    "unknown-role"):
        refused = await sign_in(world, BAD_TOKENS[variant]())
        assert refused.status_code == 401 and "set-cookie" not in refused.headers, variant
    assert (await sign_in(world, "")).status_code == 401

