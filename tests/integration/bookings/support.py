"""Helpers for the bookings tests: members made the way production makes them (a
solo.installed CloudEvent on soho.events), places set up through the staff API, dates."""

import uuid
from datetime import UTC, date, datetime, time, timedelta


from services.bookings.domain.holidays import public_holiday
from shared.reference.calendar import PARIS
from shared.events import InstalledVillage, ProspectErased, SoloInstalled, new_event
from tests.support.publishing import event_publisher
from tests.support.waiting import wait_for

EVERY_DAY = [{"weekday": d, "opens": "08:00", "closes": "20:00"} for d in range(7)]


async def publish(amqp_url: str, *events) -> None:
    """Publish CloudEvents as a platform service's relay does (persistent, confirmed)."""
    async with event_publisher(amqp_url) as send:
        await send(*events)


def solo_installed(member_id: uuid.UUID | None = None, prospect_id: uuid.UUID | None = None):
    data = SoloInstalled(member_id=member_id or uuid.uuid4(),
                         prospect_id=prospect_id or uuid.uuid4(), case_id=uuid.uuid4(),
                         village=InstalledVillage(insee_code="32208", name="Lectoure"),
                         installed_on=date(2026, 9, 1), household_size=3, sector="numérique",
                         origin_country="FR")
    return new_event(data, source="/soho/onboarding", subject=str(data.member_id))


def prospect_erased(prospect_id: uuid.UUID):
    return new_event(ProspectErased(prospect_id=prospect_id), source="/soho/prospects",
                     subject=str(prospect_id))


async def member_count(service, member_ids) -> int:
    async with service.app.state.pool.acquire() as conn:
        return await conn.fetchval("SELECT count(*) FROM members WHERE member_id = ANY($1)",
                                   list(member_ids))


async def new_members(service, amqp_url: str, n: int = 1) -> list[uuid.UUID]:
    """n members, learned by the service from solo.installed events."""
    events = [solo_installed() for _ in range(n)]
    await publish(amqp_url, *events)
    ids = [e.data.member_id for e in events]
    await wait_for(lambda: _all_there(service, ids), timeout=30, message=f"{n} members")
    return ids


async def _all_there(service, ids) -> bool:
    return await member_count(service, ids) == len(ids)


async def new_place(service, week=None, **fields) -> uuid.UUID:
    body = {"kind": "telecentre", "name": f"Télécentre test {uuid.uuid4().hex[:8]}",
            "insee_code": "32107", "commune": "Condom", "address": "1 rue du Test, 32100 Condom",
            "opening_hours": EVERY_DAY if week is None else week, **fields}
    response = await service.client.post("/api/telecentres", json=body, headers=service.staff())
    assert response.status_code == 201, response.text
    return uuid.UUID(response.json()["id"])


async def new_desk(service, place_id: uuid.UUID, kind: str = "meeting_room",
                   mode: str = "hour", name: str | None = None) -> uuid.UUID:
    response = await service.client.post(
        f"/api/telecentres/{place_id}/desks", headers=service.staff(),
        json={"kind": kind, "name": name or f"{kind} {uuid.uuid4().hex[:8]}", "capacity": 6,
              "booking_mode": mode})
    assert response.status_code == 201, response.text
    return uuid.UUID(response.json()["id"])


def bookable_day(days_ahead: int = 10) -> date:
    """A day at least `days_ahead` ahead that is no public holiday."""
    day = datetime.now(PARIS).date() + timedelta(days=days_ahead)
    while public_holiday(day):
        day += timedelta(days=1)
    return day


def quiet_monday(days_ahead: int = 10) -> date:
    """A Monday at least `days_ahead` ahead; that week and the next Monday hold no holiday."""
    day = datetime.now(PARIS).date() + timedelta(days=days_ahead)
    day += timedelta(days=-day.weekday() % 7)
    while any(public_holiday(day + timedelta(days=n)) for n in range(8)):
        day += timedelta(days=7)
    return day


def paris(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def next_dst_sundays(after: date) -> tuple[date, date]:
    """The next last Sundays of March (clocks forward) and October (clocks back)."""
    def last_sunday(year: int, month: int) -> date:
        day = date(year, month, 31)
        return day - timedelta(days=(day.weekday() + 1) % 7)
    found = []
    for month in (3, 10):
        day = last_sunday(after.year, month)
        found.append(day if day > after else last_sunday(after.year + 1, month))
    return found[0], found[1]


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)
