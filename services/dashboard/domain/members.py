"""A member of the network: a solo installed in a village (with their household), who may
book desks. Known from solo.installed, member.followed_up, desk.booked or booking.cancelled.

The installation counted is the one of the latest solo.installed for that member (there is
one per member in practice). "Active after 12 months": the member booked a desk for a day
at least 12 months after their installation (a lower bound of who stays). The follow-ups
onboarding records at 1, 6 and 12 months say it outright: per member and milestone, the
answer of the latest recorded follow-up counts (a correction replaces the earlier answer,
whatever order the events arrive in)."""

import dataclasses
import datetime
import uuid
from dataclasses import dataclass

from shared.reference.calendar import FOLLOW_UP_MONTHS, add_months

from .tally import Dimension, Tally, by, total
from .versions import newer

RETENTION_MONTHS = 12


@dataclass(frozen=True)
class MemberState:
    known: bool = False
    prospect_id: uuid.UUID | None = None
    installed: bool = False
    installed_on: datetime.date | None = None
    insee_code: str | None = None
    household_size: int = 0
    installation_version: str = ""
    booked: bool = False
    last_booking_on: datetime.date | None = None
    # The latest follow-up's answer per milestone ('' version: none recorded).
    follow_up_1_version: str = ""
    follow_up_1_still_here: bool | None = None
    follow_up_1_activity_going: bool | None = None
    follow_up_6_version: str = ""
    follow_up_6_still_here: bool | None = None
    follow_up_6_activity_going: bool | None = None
    follow_up_12_version: str = ""
    follow_up_12_still_here: bool | None = None
    follow_up_12_activity_going: bool | None = None

    def follow_up(self, months: int) -> "FollowUpAnswer | None":
        if not getattr(self, f"follow_up_{months}_version"):
            return None
        return FollowUpAnswer(months, bool(getattr(self, f"follow_up_{months}_still_here")),
                              getattr(self, f"follow_up_{months}_activity_going"),
                              getattr(self, f"follow_up_{months}_version"))

    @property
    def active_after_12_months(self) -> bool:
        return (self.installed and self.installed_on is not None
                and self.last_booking_on is not None
                and self.last_booking_on >= add_months(self.installed_on, RETENTION_MONTHS))


@dataclass(frozen=True)
class Installation:
    prospect_id: uuid.UUID
    installed_on: datetime.date
    insee_code: str
    household_size: int
    version: str


@dataclass(frozen=True)
class FollowUpAnswer:
    months: int
    still_here: bool
    activity_going: bool | None
    version: str  # of recorded_at, then the event id: the latest recording wins


def seen(state: MemberState) -> MemberState:
    return state if state.known else dataclasses.replace(state, known=True)


def with_installation(state: MemberState, installation: Installation) -> MemberState:
    state = seen(state)
    if not newer(installation.version, state.installation_version):
        return state
    return dataclasses.replace(
        state, installed=True, prospect_id=installation.prospect_id,
        installed_on=installation.installed_on, insee_code=installation.insee_code,
        household_size=installation.household_size, installation_version=installation.version)


def with_booking(state: MemberState, booking_on: datetime.date) -> MemberState:
    last = max(filter(None, (state.last_booking_on, booking_on)))
    return dataclasses.replace(seen(state), booked=True, last_booking_on=last)


def with_follow_up(state: MemberState, answer: FollowUpAnswer) -> MemberState:
    state = seen(state)
    if answer.months not in FOLLOW_UP_MONTHS or not newer(
            answer.version, getattr(state, f"follow_up_{answer.months}_version")):
        return state
    prefix = f"follow_up_{answer.months}_"
    return dataclasses.replace(state, **{
        prefix + "version": answer.version, prefix + "still_here": answer.still_here,
        prefix + "activity_going": answer.activity_going})


def contributions(state: MemberState) -> Tally:
    tally: Tally = Tally()
    if state.known:
        tally[total("members")] += 1
    if state.booked:
        tally[total("members_booking")] += 1
    if state.installed and state.installed_on is not None:
        year, day = str(state.installed_on.year), state.installed_on.isoformat()
        for dimension_key, measure, amount in (
                ((Dimension.INSTALL_YEAR, year), "solos", 1),
                ((Dimension.INSTALL_YEAR, year), "inhabitants", state.household_size),
                ((Dimension.VILLAGE, state.insee_code), "solos", 1),
                ((Dimension.VILLAGE, state.insee_code), "inhabitants", state.household_size),
                ((Dimension.INSTALLED_ON, day), "solos", 1)):
            tally[by(*dimension_key, measure)] += amount
        tally[total("installed_solos")] += 1
        tally[total("new_inhabitants")] += state.household_size
        if state.active_after_12_months:
            tally[by(Dimension.INSTALLED_ON, day, "active_after_12_months")] += 1
        for months in FOLLOW_UP_MONTHS:
            answer = state.follow_up(months)
            if answer is None:
                continue
            tally[by(Dimension.INSTALLED_ON, day, f"followed_up_{months}m")] += 1
            if answer.still_here:
                tally[by(Dimension.INSTALLED_ON, day, f"still_here_{months}m")] += 1
            if answer.activity_going:
                tally[by(Dimension.INSTALLED_ON, day, f"activity_going_{months}m")] += 1
    return tally
