"""One household's journey through the platform, step by step, over HTTP: a small async
driver for end-to-end, fault and load tests.

Every step takes an `httpx.AsyncClient` and the running platform (anything with the
`Endpoints` methods: `tests.support.platform_process.Platform` has them), does what a person,
a staff member or a solo would do, checks the answer, and returns what it learnt. A refused
request raises `StepRefused` (with the route, status and body); a wait past its deadline
raises AssertionError (from `tests.support.waiting.wait_for`).

The steps, in journey order (signatures are stable; add keyword arguments, change nothing):

    submit_contact(client, platform, household, *, idempotency_key=None) -> ContactIds
        JSON `POST /api/contacts`, as a program would.
    submit_web_form(client, platform, household) -> str
        The public form over plain HTTP, form-encoded, as a browser without JavaScript would:
        GET /?lang=..., then POST / with its hidden fields; returns the confirmation URL.
        The form drops, silently, a submission faster than PROSPECTS_FORM_MIN_SECONDS (3 s
        by default): start the platform with PROSPECTS_FORM_MIN_SECONDS=0 to submit at once.
        Both intakes share PROSPECTS_CONTACT_RATE_LIMIT (10 per 10 minutes per address):
        raise it for load ("100000 per minute").
    find_prospect(client, platform, email) -> dict | None          (ProspectSummary)
    wait_for_prospect(client, platform, email, *, timeout=60) -> dict
    qualify(client, platform, prospect_id, household, *, viability="confirmed",
            move_horizon="within_6_months", target_villages=None, notes=None) -> dict
        (ProspectDetail; publishes prospect.qualified)
    wait_for_case(client, platform, prospect_id, *, timeout=60) -> dict   (Case)
    set_committee(client, platform, insee_code, email, locale="fr") -> dict   (Village)
    prepare_case(client, platform, case_id, *, children) -> dict   (Case)
        Records the children and completes every step that comes before the move.
    install(client, platform, case_id, village, household_size, *, installed_on=None) -> str
        The member id (publishes solo.installed); installed_on defaults to today in Paris.
    wait_for_member(client, platform, member_id, *, timeout=60) -> dict
        The member as bookings knows them (learnt from solo.installed).
    find_free_desk(client, platform, member_id, *, insee_code=None, first_day=None,
                   days=30, kinds=("hot_desk",)) -> FreeSlot
    book_desk(client, platform, member_id, slot) -> dict   (BookingCreated; desk.booked)
    book_first_free_desk(client, platform, member_id, *, insee_code=None, attempts=5) -> dict
        find_free_desk then book_desk, looking again when the slot was taken meanwhile (409).
    read_kpis(client, platform) -> dict
    journey(client, platform, household, village, *, timeout=60) -> JourneyIds
        Every step above through the API (not the web form), for load tests.

A refused step raises StepRefused (its `.response` is the answer); find_free_desk raises
NoFreeDesk when nothing matches.
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol
from zoneinfo import ZoneInfo

import httpx

from .waiting import wait_for

PARIS = ZoneInfo("Europe/Paris")
# The checklist steps that come before the move, in an order their prerequisites allow
# (services/onboarding/domain/checklist.py); the welcome meeting and the network come after.
STEPS_BEFORE_INSTALL = ("discovery_visit", "village_chosen", "housing_found", "business_setup",
                        "broadband_confirmed", "school_enrolment")


class Endpoints(Protocol):
    def url(self, service: str) -> str: ...
    def staff_headers(self) -> dict[str, str]: ...
    def solo_headers(self, member_id: str) -> dict[str, str]: ...
    def committee_headers(self, insee_code: str) -> dict[str, str]: ...


@dataclass(frozen=True)
class Village:
    insee_code: str
    name: str  # as a person types it in the form


@dataclass(frozen=True)
class Household:
    """What the person tells the programme about their household."""

    first_name: str
    last_name: str
    email: str
    locale: str = "fr"
    phone: str | None = None
    origin_city: str | None = None
    origin_country: str | None = None  # ISO 3166-1 alpha-2
    profession: str | None = None
    sector: str | None = None
    adults: int = 1
    children: int = 0
    villages: tuple[Village, ...] = ()
    move_horizon: str | None = None
    message: str | None = None

    @property
    def size(self) -> int:
        return self.adults + self.children

    def contact_json(self) -> dict:
        """The body of `POST /api/contacts`."""
        body = {"first_name": self.first_name, "last_name": self.last_name,
                "email": self.email, "consent": True, "locale": self.locale,
                "household_adults": self.adults, "household_children": self.children,
                "desired_villages": [v.insee_code for v in self.villages]}
        optional = {"phone": self.phone, "origin_city": self.origin_city,
                    "origin_country": self.origin_country, "profession": self.profession,
                    "sector": self.sector, "move_horizon": self.move_horizon,
                    "message": self.message}
        return body | {k: v for k, v in optional.items() if v is not None}

    def form_fields(self) -> dict[str, str]:
        """The visible fields of the web form, as a person fills them (villages by name)."""
        fields = {"first_name": self.first_name, "last_name": self.last_name,
                  "email": self.email, "phone": self.phone or "",
                  "origin_city": self.origin_city or "",
                  "origin_country": self.origin_country or "",
                  "profession": self.profession or "", "sector": self.sector or "",
                  "household_adults": str(self.adults),
                  "household_children": str(self.children),
                  "move_horizon": self.move_horizon or "", "message": self.message or "",
                  "consent": "yes"}
        for n, village in enumerate(self.villages[:3], start=1):
            fields[f"village_{n}"] = village.name
        return fields


@dataclass(frozen=True)
class ContactIds:
    contact_id: str
    prospect_id: str
    is_new_prospect: bool


@dataclass(frozen=True)
class FreeSlot:
    telecentre_id: str
    telecentre_name: str
    desk_id: str
    desk_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True)
class JourneyIds:
    prospect_id: str
    case_id: str
    member_id: str
    booking_id: str
    contact_id: str | None = None
    booking: dict | None = field(default=None, compare=False)  # BookingCreated


class NoFreeDesk(AssertionError):
    """No place or no free slot matched what was asked."""


class StepRefused(AssertionError):
    """The platform answered a step with an unexpected status."""

    def __init__(self, response: httpx.Response, expected: int) -> None:
        self.response = response
        request = response.request
        super().__init__(f"{request.method} {request.url} answered {response.status_code} "
                         f"(expected {expected}): {response.text[:2000]}")


def _expect(response: httpx.Response, status: int) -> httpx.Response:
    if response.status_code != status:
        raise StepRefused(response, status)
    return response


def paris_today() -> dt.date:
    return dt.datetime.now(PARIS).date()


# Intake.
async def submit_contact(client: httpx.AsyncClient, platform: Endpoints, household: Household,
                         *, idempotency_key: str | None = None) -> ContactIds:
    headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
    response = await client.post(f"{platform.url('prospects')}/api/contacts",
                                 json=household.contact_json(), headers=headers)
    body = _expect(response, 202).json()
    return ContactIds(body["contact_id"], body["prospect_id"], body["is_new_prospect"])


class _HiddenInputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.values[found["name"]] = found.get("value") or ""


async def submit_web_form(client: httpx.AsyncClient, platform: Endpoints,
                          household: Household) -> str:
    base = platform.url("prospects")
    page = _expect(await client.get(f"{base}/", params={"lang": household.locale}), 200)
    hidden = _HiddenInputs()
    hidden.feed(page.text)
    assert "form_token" in hidden.values, "the form carries its signed token"
    response = await client.post(f"{base}/?lang={household.locale}",
                                 data=hidden.values | household.form_fields() | {"website": ""},
                                 follow_redirects=False)
    _expect(response, 303)
    return response.headers["location"]


# Staff: the prospect.
async def find_prospect(client: httpx.AsyncClient, platform: Endpoints,
                        email: str) -> dict | None:
    response = await client.get(f"{platform.url('prospects')}/api/prospects",
                                params={"q": email}, headers=platform.staff_headers())
    items = _expect(response, 200).json()["items"]
    return items[0] if items else None


async def wait_for_prospect(client: httpx.AsyncClient, platform: Endpoints, email: str, *,
                            timeout: float = 60) -> dict:
    return await wait_for(lambda: find_prospect(client, platform, email), timeout=timeout,
                          interval=0.3, message=f"the prospect {email}")


async def qualify(client: httpx.AsyncClient, platform: Endpoints, prospect_id: str,
                  household: Household, *, viability: str = "confirmed",
                  move_horizon: str = "within_6_months",
                  target_villages: list[str] | None = None, notes: str | None = None) -> dict:
    body = {"remote_work_viability": viability, "household_adults": household.adults,
            "household_children": household.children, "move_horizon": move_horizon,
            "target_villages": (target_villages if target_villages is not None
                                else [v.insee_code for v in household.villages]),
            "sector": household.sector, "notes": notes}
    response = await client.post(
        f"{platform.url('prospects')}/api/prospects/{prospect_id}/qualify", json=body,
        headers=platform.staff_headers())
    return _expect(response, 200).json()


# Staff: the installation case.
async def wait_for_case(client: httpx.AsyncClient, platform: Endpoints, prospect_id: str, *,
                        timeout: float = 60) -> dict:
    async def case() -> dict | None:
        response = await client.get(f"{platform.url('onboarding')}/api/cases",
                                    params={"prospect_id": prospect_id},
                                    headers=platform.staff_headers())
        cases = _expect(response, 200).json()
        return cases[0] if cases else None

    return await wait_for(case, timeout=timeout, interval=0.3,
                          message=f"the case of prospect {prospect_id}")


async def set_committee(client: httpx.AsyncClient, platform: Endpoints, insee_code: str,
                        email: str, locale: str = "fr") -> dict:
    response = await client.put(
        f"{platform.url('onboarding')}/api/villages/{insee_code}/committee",
        json={"email": email, "locale": locale}, headers=platform.staff_headers())
    return _expect(response, 200).json()


async def prepare_case(client: httpx.AsyncClient, platform: Endpoints, case_id: str, *,
                       children: int) -> dict:
    base = f"{platform.url('onboarding')}/api/cases/{case_id}"
    staff = platform.staff_headers()
    case = _expect(await client.patch(base, json={"children": children}, headers=staff),
                   200).json()
    present = {step["key"]: step["status"] for step in case["steps"]}
    for key in STEPS_BEFORE_INSTALL:
        if present.get(key) == "pending":
            case = _expect(await client.post(f"{base}/steps/{key}/complete", json={},
                                              headers=staff), 200).json()
    return case


async def install(client: httpx.AsyncClient, platform: Endpoints, case_id: str,
                  village: Village | str, household_size: int, *,
                  installed_on: dt.date | None = None) -> str:
    insee_code = village.insee_code if isinstance(village, Village) else village
    body = {"village": insee_code, "household_size": household_size,
            "installed_on": (installed_on or paris_today()).isoformat()}
    response = await client.post(
        f"{platform.url('onboarding')}/api/cases/{case_id}/install", json=body,
        headers=platform.staff_headers())
    return _expect(response, 201).json()["member_id"]


# The solo: a desk.
async def wait_for_member(client: httpx.AsyncClient, platform: Endpoints, member_id: str, *,
                          timeout: float = 60) -> dict:
    async def member() -> dict | None:
        response = await client.get(f"{platform.url('bookings')}/api/me",
                                    headers=platform.solo_headers(member_id))
        if response.status_code in (403, 404):  # not learnt from solo.installed yet
            return None
        return _expect(response, 200).json()

    return await wait_for(member, timeout=timeout, interval=0.3,
                          message=f"bookings knows member {member_id}")


async def find_free_desk(client: httpx.AsyncClient, platform: Endpoints, member_id: str, *,
                         insee_code: str | None = None, first_day: dt.date | None = None,
                         days: int = 30, kinds: tuple[str, ...] = ("hot_desk",)) -> FreeSlot:
    """The first free slot, from `first_day` (tomorrow by default), of a desk of one of
    `kinds` in a place of commune `insee_code` (any place when None)."""
    base, solo = platform.url("bookings"), platform.solo_headers(member_id)
    places = _expect(await client.get(f"{base}/api/telecentres", headers=solo), 200).json()
    places = [p for p in places if insee_code is None or p["commune"]["insee_code"] == insee_code]
    if not places:
        raise NoFreeDesk(f"no telecentre or coworking space in {insee_code}")
    start = first_day or paris_today() + dt.timedelta(days=1)
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        for place in places:
            response = await client.get(f"{base}/api/telecentres/{place['id']}/availability",
                                        params={"date": day.isoformat()}, headers=solo)
            for desk in _expect(response, 200).json()["desks"]:
                if desk["kind"] in kinds and desk["free_slots"]:
                    slot = desk["free_slots"][0]
                    return FreeSlot(place["id"], place["name"], desk["desk_id"], desk["name"],
                                    dt.datetime.fromisoformat(slot["starts_at"]),
                                    dt.datetime.fromisoformat(slot["ends_at"]))
    raise NoFreeDesk(f"no free {'/'.join(kinds)} in {days} days from {start}")


async def book_desk(client: httpx.AsyncClient, platform: Endpoints, member_id: str,
                    slot: FreeSlot) -> dict:
    body = {"desk_id": slot.desk_id, "starts_at": slot.starts_at.isoformat(),
            "ends_at": slot.ends_at.isoformat()}
    response = await client.post(f"{platform.url('bookings')}/api/bookings", json=body,
                                 headers=platform.solo_headers(member_id))
    return _expect(response, 201).json()


async def book_first_free_desk(client: httpx.AsyncClient, platform: Endpoints, member_id: str,
                               *, insee_code: str | None = None, attempts: int = 5) -> dict:
    """A desk in `insee_code` if it has a place, else anywhere; a slot someone else took
    meanwhile (409) makes it look again, as a person would."""
    for _ in range(attempts):
        try:
            slot = await find_free_desk(client, platform, member_id, insee_code=insee_code)
        except NoFreeDesk:
            if insee_code is None:
                raise
            insee_code = None
            continue
        try:
            return await book_desk(client, platform, member_id, slot)
        except StepRefused as refused:
            if refused.response.status_code != 409:
                raise
    raise NoFreeDesk(f"every slot found was taken meanwhile ({attempts} attempts)")


# Staff: the key figures.
async def read_kpis(client: httpx.AsyncClient, platform: Endpoints) -> dict:
    response = await client.get(f"{platform.url('dashboard')}/api/kpis",
                                headers=platform.staff_headers())
    return _expect(response, 200).json()


# The whole journey, through the API.
async def journey(client: httpx.AsyncClient, platform: Endpoints, household: Household,
                  village: Village, *, timeout: float = 60) -> JourneyIds:
    """Contact, qualification, case, installation in `village`, one desk booked in the
    first place with a free desk (in `village` when it has one). Each household needs its
    own email address. Returns every id learnt."""
    ids = await submit_contact(client, platform, household,
                               idempotency_key=str(uuid.uuid4()))
    await qualify(client, platform, ids.prospect_id, household)
    case = await wait_for_case(client, platform, ids.prospect_id, timeout=timeout)
    await prepare_case(client, platform, case["id"], children=household.children)
    member_id = await install(client, platform, case["id"], village, household.size)
    await wait_for_member(client, platform, member_id, timeout=timeout)
    booking = await book_first_free_desk(client, platform, member_id,
                                         insee_code=village.insee_code)
    return JourneyIds(ids.prospect_id, case["id"], member_id, booking["booking_id"],
                      ids.contact_id, booking)
