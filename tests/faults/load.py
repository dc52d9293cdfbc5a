"""The stream of work the platform takes while faults are injected: contacts by API (some
sent twice with the same Idempotency-Key), qualifications, installations, and desks booked
by the new members, with deliberate double bookings (two members racing for one slot) and
some cancellations. Every accepted answer goes into the ground truth."""

import asyncio
import contextlib
import dataclasses
import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

import httpx

from tests.support import household as journey
from tests.support.household import FreeSlot, Household, StepRefused, Village
from tests.support.waiting import wait_for

from .ground_truth import Booking, GroundTruth, Member, Person
from .persistence import persist

COUNTRIES = ("GB", "NL", "FR", "BE", "DE", "US")
SECTORS = ("digital", "consulting", "creative", "engineering", "health")
WAIT = 90.0  # for an event to travel (a case opened, a member known)


@dataclass(frozen=True)
class LoadPlan:
    contacts: int = 1500
    qualified: int = 360
    installed: int = 150
    bookings_per_member: int = 3
    contested_slots: int = 60  # two members at once for the same desk and half-day
    cancel_share: float = 0.15
    replay_share: float = 0.05  # contacts sent a second time with the same key
    concurrency: int = 16

    def scaled(self, factor: float) -> "LoadPlan":
        return dataclasses.replace(
            self, contacts=round(self.contacts * factor), qualified=round(self.qualified * factor),
            installed=max(2, round(self.installed * factor)),
            contested_slots=round(self.contested_slots * factor))

    def operations(self) -> int:
        """Requests that change something, as planned (each double booking counts 2)."""
        bookings = self.installed * self.bookings_per_member + 2 * self.contested_slots
        return (self.contacts + self.qualified + self.installed + bookings
                + int(bookings * self.cancel_share))


@dataclass
class Load:
    client: httpx.AsyncClient
    platform: object  # tests.support.platform_process.Platform
    truth: GroundTruth
    plan: LoadPlan
    villages: list[str]
    slots: list[FreeSlot]
    rng: random.Random
    members_ready: list[str] = field(default_factory=list)
    durations: dict[str, float] = field(default_factory=dict)

    async def run(self, spread: float) -> None:
        """Households start evenly over `spread` seconds (so the faults, drawn over the
        same window, hit a platform at work); the double bookings happen in its second half."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        gate = asyncio.Semaphore(self.plan.concurrency)
        households = [self._household(i) for i in range(self.plan.contacts)]
        chosen = self.rng.sample(range(self.plan.contacts), self.plan.qualified)
        to_qualify = set(chosen)
        to_install = set(chosen[: self.plan.installed])
        contested = [self.slots.pop() for _ in range(min(self.plan.contested_slots,
                                                         len(self.slots)))]
        race_times = sorted(self.rng.uniform(0.5, 0.95) * spread for _ in contested)

        async def one(i: int) -> None:
            await asyncio.sleep(max(0.0, started + i * spread / self.plan.contacts - loop.time()))
            async with gate, self._noting_stuck(households[i].email):
                await self._journey(households[i], i in to_qualify, i in to_install)

        async def race(slot: FreeSlot, at: float) -> None:
            await asyncio.sleep(max(0.0, started + at - loop.time()))
            async with gate, self._noting_stuck(f"double booking of {slot.desk_id}"):
                await self._double_booking(slot)

        await asyncio.gather(*(one(i) for i in range(self.plan.contacts)),
                             *(race(slot, at) for slot, at in zip(contested, race_times)))
        self.durations["load"] = loop.time() - started

    @contextlib.asynccontextmanager
    async def _noting_stuck(self, who: str):
        """A journey that cannot go on (an unexpected answer, an event that never came) is
        a finding for the report; the others go on."""
        try:
            yield
        except AssertionError as exc:
            self.truth.stuck.append(f"{who}: {str(exc)[:500]}")

    def _household(self, i: int) -> Household:
        run = uuid.uuid4().hex[:6]
        return Household(
            first_name=f"Charge{i}", last_name=f"Fautes{run}",
            email=f"faults-{run}-{i}@example.org", locale=self.rng.choice(("fr", "en")),
            origin_country=self.rng.choice(COUNTRIES), sector=self.rng.choice(SECTORS),
            adults=self.rng.randint(1, 2), children=self.rng.randint(0, 3),
            villages=(Village(self.rng.choice(self.villages), "?"),),
            move_horizon="within_a_year")

    async def _journey(self, person: Household, qualify: bool, install: bool) -> None:
        ids = await self._contact(person)
        if not qualify:
            return
        await self._qualify(ids.prospect_id, person)
        if not install:
            return
        member = await self._install(ids.prospect_id, person)
        await persist(self.truth, "wait member", lambda: journey.wait_for_member(
            self.client, self.platform, member.member_id, timeout=WAIT))
        self.members_ready.append(member.member_id)
        for _ in range(self.plan.bookings_per_member):
            if self.slots:
                await self._book(member.member_id, self.slots.pop())

    async def _contact(self, person: Household) -> journey.ContactIds:
        key = str(uuid.uuid4())

        def send():
            return journey.submit_contact(self.client, self.platform, person,
                                          idempotency_key=key)

        ids = await persist(self.truth, "contact", send)
        self.truth.contact(Person(ids.contact_id, ids.prospect_id, person.email,
                                  person.origin_country, person.size))
        if self.rng.random() < self.plan.replay_share:  # a client that retries anyway
            again = await persist(self.truth, "contact", send)
            assert again == ids, f"a replayed Idempotency-Key answered {again}, first {ids}"
            self.truth.replays["contact"] += 1
        return ids

    async def _qualify(self, prospect_id: str, person: Household) -> None:
        async def ours() -> dict | None:
            response = await self.client.get(
                f"{self.platform.url('prospects')}/api/prospects/{prospect_id}",
                headers=self.platform.staff_headers())
            if response.status_code != 200:
                raise StepRefused(response, 200)
            return response.json() if response.json()["qualification"] else None

        await persist(self.truth, "qualify",
                      lambda: journey.qualify(self.client, self.platform, prospect_id, person),
                      resolve_conflict=ours)
        self.truth.qualification(prospect_id)

    async def _install(self, prospect_id: str, person: Household) -> Member:
        case = await persist(self.truth, "wait case", lambda: journey.wait_for_case(
            self.client, self.platform, prospect_id, timeout=WAIT))
        village = person.villages[0].insee_code
        case_url = f"{self.platform.url('onboarding')}/api/cases/{case['id']}"

        async def ours() -> str | None:
            response = await self.client.get(case_url, headers=self.platform.staff_headers())
            if response.status_code != 200:
                raise StepRefused(response, 200)
            return response.json()["member_id"]

        member_id = await persist(
            self.truth, "install",
            lambda: journey.install(self.client, self.platform, case["id"], village,
                                    person.size),
            resolve_conflict=ours)
        member = Member(member_id, case["id"], prospect_id, person.email, village, person.size)
        self.truth.installation(member)
        return member

    async def _book(self, member_id: str, slot: FreeSlot, *, may_cancel: bool = True,
                    ) -> str | None:
        """The booking id, or None when the slot was (really) taken by someone else."""
        async def ours() -> dict | None:
            response = await self.client.get(f"{self.platform.url('bookings')}/api/me/bookings",
                                             headers=self.platform.solo_headers(member_id))
            if response.status_code != 200:
                raise StepRefused(response, 200)
            return next((b for b in response.json() if b["desk_id"] == slot.desk_id and
                         dt.datetime.fromisoformat(b["starts_at"]) == slot.starts_at), None)

        try:
            booked = await persist(self.truth, "book", lambda: journey.book_desk(
                self.client, self.platform, member_id, slot), resolve_conflict=ours)
        except StepRefused as refused:
            if refused.response.status_code != 409:
                raise
            self.truth.conflicts["booking"] += 1
            return None
        booking_id = booked["booking_id"]
        self.truth.booking(Booking(booking_id, member_id, slot.desk_id,
                                   slot.starts_at.isoformat()))
        if may_cancel and self.rng.random() < self.plan.cancel_share:
            await self._cancel(member_id, booking_id)
        return booking_id

    async def _cancel(self, member_id: str, booking_id: str) -> None:
        async def cancel() -> None:
            response = await self.client.delete(
                f"{self.platform.url('bookings')}/api/bookings/{booking_id}",
                headers=self.platform.solo_headers(member_id))
            if response.status_code != 204:  # a second DELETE answers 204 too
                raise StepRefused(response, 204)

        await persist(self.truth, "cancel", cancel)
        self.truth.cancellation(booking_id)

    async def _double_booking(self, slot: FreeSlot) -> None:
        """Two members ask for the same desk and half-day at the same moment: the database
        lets exactly one of them have it (kept: a cancelled slot could rightly go to the
        other's retry)."""
        await wait_for(lambda: len(self.members_ready) >= 2, timeout=WAIT, interval=0.5,
                       message="two members ready to book")
        first, second = self.rng.sample(self.members_ready, 2)
        won = await asyncio.gather(self._book(first, slot, may_cancel=False),
                                   self._book(second, slot, may_cancel=False))
        winners = [b for b in won if b is not None]
        assert len(winners) == 1, f"{slot}: {len(winners)} members got it ({winners})"


async def free_slots(client: httpx.AsyncClient, platform, days: int,
                     rng: random.Random) -> list[FreeSlot]:
    """Every free half-day of every hot desk and office from tomorrow on, shuffled: no two
    overlap, so each can be given to one booking (or one race)."""
    base, staff = platform.url("bookings"), platform.staff_headers()
    places = (await client.get(f"{base}/api/telecentres", headers=staff)).json()
    start = journey.paris_today() + dt.timedelta(days=1)

    async def day_of(place: dict, day: dt.date) -> list[FreeSlot]:
        response = await client.get(f"{base}/api/telecentres/{place['id']}/availability",
                                    params={"date": day.isoformat()}, headers=staff)
        found = []
        for desk in response.json()["desks"]:
            if desk["kind"] == "meeting_room":
                continue
            taken: list[tuple[dt.datetime, dt.datetime]] = []
            periods = [(dt.datetime.fromisoformat(s["starts_at"]),
                        dt.datetime.fromisoformat(s["ends_at"])) for s in desk["free_slots"]]
            for begin, end in sorted(periods, key=lambda p: p[1] - p[0]):
                if not any(begin < t_end and t_begin < end for t_begin, t_end in taken):
                    taken.append((begin, end))
                    found.append(FreeSlot(place["id"], place["name"], desk["desk_id"],
                                          desk["name"], begin, end))
        return found

    days_found = await asyncio.gather(*(day_of(place, start + dt.timedelta(days=n))
                                        for place in places for n in range(days)))
    slots = [slot for found in days_found for slot in found]
    rng.shuffle(slots)
    return slots
