"""The feed in words, as the API, the page and the live stream show it: each line the
event's kind and a short summary of its non-personal facts."""

import datetime
from dataclasses import dataclass
from typing import Any

import asyncpg

from shared.reference.communes import communes

from ..domain.labels import CANCEL_REASONS, CHANNELS, EVENT_TYPES, SECTORS, country, word
from ..store import figures

FEED_LENGTH = 20
FEED_TIME_ZONE = "Europe/Paris"


@dataclass(frozen=True)
class FeedLine:
    id: str
    type: str
    time: datetime.datetime
    title: str
    summary: str


def _household(size: int | None, lang: str) -> str | None:
    if not size:
        return None
    if lang == "en":
        return f"household of {size}"
    return f"foyer de {size}"


def _day(iso: str | None, lang: str) -> str | None:
    if not iso:
        return None
    day = datetime.date.fromisoformat(iso)
    return day.isoformat() if lang == "en" else day.strftime("%d/%m/%Y")


def _hours(minutes: int | None) -> str | None:
    if minutes is None:
        return None
    hours = minutes / 60
    return f"{hours:.0f} h" if hours == int(hours) else f"{hours:.1f} h"


def _follow_up(f: dict[str, Any], lang: str) -> list[str | None]:
    en = lang == "en"
    commune = communes().get(str(f.get("insee_code")))
    stays = f.get("still_here")
    going = f.get("activity_going")
    return [f"{f.get('months', '?')} {'months' if en else 'mois'}",
            None if stays is None else (("still here" if en else "toujours là") if stays
                                        else ("left" if en else "a quitté le village")),
            None if going is None else (("activity going" if en else "activité en cours")
                                        if going else ("activity stopped" if en
                                                       else "activité arrêtée")),
            ("in " if en else "à ") + commune.name if commune else None]


def _parts(event_type: str, f: dict[str, Any], lang: str) -> list[str | None]:
    en = lang == "en"
    match event_type:
        case "contact.received":
            return [word(CHANNELS, f.get("channel"), lang),
                    country(f["origin_country"], lang) if f.get("origin_country") else None,
                    _household(f.get("household_size"), lang),
                    word(SECTORS, f["sector"], lang) if f.get("sector") else None]
        case "prospect.qualified":
            return [country(f["origin_country"], lang) if f.get("origin_country") else None,
                    word(SECTORS, f["sector"], lang) if f.get("sector") else None,
                    _household(f.get("household_size"), lang)]
        case "solo.installed":
            return [("in " if en else "à ") + str(f.get("village", "?")),
                    _household(f.get("household_size"), lang)]
        case "member.followed_up":
            return _follow_up(f, lang)
        case "desk.booked":
            place = ("telecentre " if en else "télécentre ") + str(f.get("telecentre", "?"))
            return [place, _hours(f.get("minutes")), _day(f.get("day"), lang)]
        case "booking.cancelled":
            reason = f.get("reason")
            return [_day(f.get("day"), lang),
                    word(CANCEL_REASONS, reason, lang) if reason else None]
        case "notification.sent" | "notification.failed":
            return [word(CHANNELS, f.get("channel"), lang), f.get("template")]
    return []


def feed_line(event_id, event_type: str, time: datetime.datetime, facts: dict[str, Any],
              lang: str) -> FeedLine:
    title = word(EVENT_TYPES, event_type, lang)
    summary = " · ".join(p for p in _parts(event_type, facts, lang) if p)
    return FeedLine(str(event_id), event_type, time, title, summary)


async def read_feed(pool: asyncpg.Pool, lang: str, limit: int = FEED_LENGTH) -> list[FeedLine]:
    async with pool.acquire() as conn:
        recent = await figures.recent_events(conn, limit)
    return [feed_line(e.event_id, e.type, e.occurred_at, e.facts, lang) for e in recent]
