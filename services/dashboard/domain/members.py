"""A member of the network: a solo installed in a village (with their household), who may
book desks. Known from solo.installed, desk.booked or booking.cancelled.

The installation counted is the one of the latest solo.installed for that member (there is
one per member in practice). "Active after 12 months": the member booked a desk for a day
at least 12 months after their installation, the only sign of still being here that the
events carry today (follow-ups are not published yet)."""

import dataclasses
import datetime
import uuid
from dataclasses import dataclass

from .dates import add_months
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
    return tally
