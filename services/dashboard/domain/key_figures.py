"""The key figures as `GET /api/kpis` answers them and the page shows them; each one defined
where it is declared.

Counting rules (this package): a person is a prospect id, counted once however many contacts they
send; a member is a member id; a booking is a booking id. Erased people still count: the
counts survive, the person does not (the dashboard keeps ids only)."""

import datetime

from pydantic import BaseModel, Field


class Funnel(BaseModel):
    contacted: int = Field(description="People who got in touch: distinct prospect ids "
                                       "(same as `prospects`).")
    qualified: int = Field(description="People whose project was qualified (prospect.qualified).")
    installed: int = Field(description="People who moved in: distinct prospect ids in "
                                       "solo.installed.")
    contacted_to_qualified: float = Field(description="qualified / contacted (0 when none).")
    qualified_to_installed: float = Field(description="installed / qualified (0 when none).")
    contacted_to_installed: float = Field(description="installed / contacted (0 when none).")


class YearInstallations(BaseModel):
    year: int = Field(description="Year of the installation date (installed_on).")
    installed_solos: int
    new_inhabitants: int = Field(description="Sum of the households' sizes.")


class VillageInstallations(BaseModel):
    insee_code: str
    name: str = Field(description="The commune's name (INSEE reference data).")
    latitude: float | None
    longitude: float | None
    installed_solos: int
    new_inhabitants: int


class StageCounts(BaseModel):
    key: str = Field(description="ISO 3166-1 alpha-2 country code or sector; 'unknown' when "
                                 "no event said it.")
    prospects: int
    qualified: int
    installed: int


class WeekBookings(BaseModel):
    week: str = Field(description="ISO 8601 week of the bookings' start, Paris time "
                                  "(e.g. 2026-W03).")
    week_start: datetime.date = Field(description="Monday of that week.")
    made: int = Field(description="Bookings made (desk.booked) starting that week.")
    cancelled: int = Field(description="Of those, cancelled since (booking.cancelled).")
    standing: int = Field(description="made - cancelled.")
    desk_hours: float = Field(description="Booked desk time of the standing bookings, hours.")


class TelecentreOccupancy(BaseModel):
    telecentre_id: str
    bookings: int = Field(description="Standing bookings (made, not cancelled).")
    bookings_made: int
    desk_hours: float = Field(description="Booked desk time of the standing bookings, hours.")
    desks_used: int = Field(description="Distinct desks booked at least once.")


class Retention(BaseModel):
    months: int = Field(12, description="The milestone, in months after installation.")
    due: int = Field(description="Installed solos whose 12-month anniversary has come "
                                 "(installed_on + 12 months <= today, Paris).")
    active_after_12_months: int = Field(
        description="Of those, members who booked a desk for a day on or after their "
                    "12-month anniversary: a lower bound of the households still here.")
    active_rate: float = Field(description="active_after_12_months / due (0 when none due).")
    followed_up: int = Field(
        0, description="Of the due ones, households with a 12-month follow-up recorded "
                       "(member.followed_up; the latest recording per member counts).")
    still_here: int | None = Field(
        None, description="Of those followed up, households reported still here at the "
                          "12-month follow-up.")
    still_here_rate: float | None = Field(
        None, description="still_here / followed_up (null when none followed up).")


class FollowUpRetention(BaseModel):
    months: int = Field(description="The follow-up milestone: 1, 6 or 12 months.")
    due: int = Field(description="Installed solos whose milestone has come "
                                 "(installed_on + months <= today, Paris).")
    followed_up: int = Field(description="Of those, households with that follow-up recorded "
                                         "(the latest recording per member counts).")
    still_here: int = Field(description="Of those followed up, households still here.")
    activity_going: int = Field(description="Of those followed up, households whose "
                                            "activity is going.")
    still_here_rate: float | None = Field(
        description="still_here / followed_up (null when none followed up).")


class Notifications(BaseModel):
    sent: int = Field(description="Distinct notification ids sent.")
    failed: int = Field(description="Distinct notification ids failed and never sent.")
    by_channel: dict[str, dict[str, int]] = Field(
        description="Per channel: {'sent': n, 'failed': n}.")


class Kpis(BaseModel):
    as_of: datetime.datetime = Field(description="When these figures were read (UTC).")
    last_event_at: datetime.datetime | None = Field(
        description="Time of the newest event in the figures.")
    contacts: int = Field(description="Contacts received: distinct contact ids "
                                      "(contact.received), every channel.")
    prospects: int = Field(description="People in the pipeline: distinct prospect ids seen in "
                                       "contact.received, prospect.qualified or solo.installed.")
    qualified: int = Field(description="Distinct prospect ids qualified (prospect.qualified).")
    installed_solos: int = Field(description="Households installed: distinct member ids in "
                                             "solo.installed.")
    new_inhabitants: int = Field(description="People who moved in: sum of household_size over "
                                             "the installed solos (households, not only solos).")
    villages_with_solos: int = Field(description="Distinct villages (INSEE codes) with at least "
                                                 "one installed solo.")
    bookings: int = Field(description="Standing desk bookings: distinct booking ids booked and "
                                      "not cancelled.")
    conversion_rate: float = Field(description="qualified / prospects (0 when no prospects).")
    by_origin_country: dict[str, int] = Field(
        description="Prospects per origin country (ISO 3166-1 alpha-2, 'unknown'); a person's "
                    "country is that of their most advanced event.")
    by_sector: dict[str, int] = Field(description="Prospects per sector ('unknown' when none "
                                                  "given), as for countries.")
    members: int = Field(description="Members of the network: distinct member ids seen in "
                                     "solo.installed, desk.booked or booking.cancelled.")
    members_booking: int = Field(description="Members who booked a desk at least once.")
    erased_people: int = Field(description="People erased at their request (still counted "
                                           "in the figures above).")
    contacts_by_channel: dict[str, int] = Field(description="Contacts per channel.")
    funnel: Funnel
    installations_by_year: list[YearInstallations]
    installations_by_village: list[VillageInstallations]
    origin_countries: list[StageCounts] = Field(description="Per origin country, the people "
                                                            "at each stage.")
    sectors: list[StageCounts] = Field(description="Per sector, the people at each stage.")
    bookings_made: int = Field(description="Distinct booking ids booked, cancelled or not.")
    bookings_cancelled: int = Field(description="Bookings made, then cancelled.")
    desk_hours: float = Field(description="Booked desk time of the standing bookings, hours.")
    bookings_per_week: list[WeekBookings]
    telecentres_used: int = Field(description="Telecentres with at least one booking made.")
    telecentre_occupancy: list[TelecentreOccupancy] = Field(
        description="Per telecentre; the events carry no capacity, so occupancy is booked desk "
                    "time and desks used.")
    retention_12_months: Retention
    follow_ups: list[FollowUpRetention] = Field(
        default_factory=list, description="Per follow-up milestone (1, 6, 12 months), from "
                                          "the follow-ups onboarding records.")
    notifications: Notifications
