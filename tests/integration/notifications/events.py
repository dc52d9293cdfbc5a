"""Events as the other services publish them, with fresh ids."""

import datetime
import uuid

from shared.events import (BookingCancelled, ContactReceived, DeskBooked, FollowUpDue,
                           ProspectErased, SoloInstalled, new_event)
from shared.events.solo_installed import InstalledVillage


def unique_email(prefix: str = "person") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.org"


def contact_received(*, email: str | None = None, locale: str = "fr", first_name: str = "Camille",
                     last_name: str | None = None, prospect_id: uuid.UUID | None = None,
                     message: str = "Nous aimerions vivre à Lectoure."):
    prospect_id = prospect_id or uuid.uuid4()
    data = ContactReceived(
        contact_id=uuid.uuid4(), prospect_id=prospect_id, is_new_prospect=True, channel="web",
        first_name=first_name, last_name=last_name or f"Martin-{uuid.uuid4().hex[:6]}",
        email=email or unique_email(), locale=locale, origin_country="FR",
        profession="graphiste", household_size=3, desired_villages=["32013"], message=message)
    return new_event(data, source="/soho/prospects", subject=str(prospect_id))


def solo_installed(prospect_id: uuid.UUID, *, insee_code: str = "32013", name: str = "Auch",
                   member_id: uuid.UUID | None = None, household_size: int = 3):
    data = SoloInstalled(member_id=member_id or uuid.uuid4(), prospect_id=prospect_id,
                         case_id=uuid.uuid4(),
                         village=InstalledVillage(insee_code=insee_code, name=name),
                         installed_on=datetime.date(2025, 9, 1), household_size=household_size,
                         sector="design graphique", origin_country="GB")
    return new_event(data, source="/soho/onboarding", subject=str(data.member_id))


PARIS_SUMMER = datetime.timezone(datetime.timedelta(hours=2))


def desk_booked(member_id: uuid.UUID, *, booking_id: uuid.UUID | None = None,
                telecentre_name: str | None = None, desk_name: str | None = None):
    data = DeskBooked(booking_id=booking_id or uuid.uuid4(), member_id=member_id,
                      telecentre_id=uuid.uuid4(), desk_id=uuid.uuid4(),
                      starts_at=datetime.datetime(2025, 9, 2, 9, 0, tzinfo=PARIS_SUMMER),
                      ends_at=datetime.datetime(2025, 9, 2, 17, 30, tzinfo=PARIS_SUMMER),
                      telecentre_name=telecentre_name, desk_name=desk_name)
    return new_event(data, source="/soho/bookings", subject=str(data.booking_id))


def booking_cancelled(booked):
    d = booked.data
    data = BookingCancelled(booking_id=d.booking_id, member_id=d.member_id, desk_id=d.desk_id,
                            starts_at=d.starts_at, ends_at=d.ends_at,
                            telecentre_name=d.telecentre_name, desk_name=d.desk_name)
    return new_event(data, source="/soho/bookings", subject=str(d.booking_id))


def prospect_erased(prospect_id: uuid.UUID):
    return new_event(ProspectErased(prospect_id=prospect_id), source="/soho/prospects",
                     subject=str(prospect_id))


def follow_up_due(prospect_id: uuid.UUID, *, months: int = 6,
                  member_id: uuid.UUID | None = None, name: str = "Lectoure"):
    data = FollowUpDue(member_id=member_id or uuid.uuid4(), prospect_id=prospect_id,
                       months=months, due_on=datetime.date(2026, 3, 1),
                       village=InstalledVillage(insee_code="32208", name=name))
    return new_event(data, source="/soho/onboarding", subject=str(data.member_id))
