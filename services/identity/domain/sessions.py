"""How long a session lasts: ended after some idle time (staff sooner, since their pages
show everyone's data) and at the latest some days after signing in, whatever happens."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.roles import Role

# last_seen_at is written at most this often: a page's many requests cost no writes.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta
    absolute: timedelta


def policy_for(role: Role, *, staff_idle: timedelta, member_idle: timedelta,
               absolute: timedelta) -> SessionPolicy:
    idle = staff_idle if role is Role.STAFF else member_idle
    return SessionPolicy(idle=min(idle, absolute), absolute=absolute)


def is_alive(*, last_seen_at: datetime, idle: timedelta, expires_at: datetime,
             now: datetime) -> bool:
    return now < expires_at and now - last_seen_at < idle


def needs_touch(last_seen_at: datetime, now: datetime) -> bool:
    return now - last_seen_at >= TOUCH_EVERY
