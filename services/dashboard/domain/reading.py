"""The key figures read from the running sums (pure: rows in, `Kpis` out). The rows are
as many as there are countries, sectors, villages, weeks and telecentres, whatever the
number of events."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from shared.reference.calendar import FOLLOW_UP_MONTHS, add_months
from shared.reference.communes import communes

from .dates import week_start
from .key_figures import (FollowUpRetention, Funnel, Kpis, Notifications, Retention,
                          StageCounts, TelecentreOccupancy, VillageInstallations,
                          WeekBookings, YearInstallations)
from .members import RETENTION_MONTHS
from .tally import Dimension

Row = tuple[str, str, str, int]  # dimension, key, measure, value


def rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def hours(minutes: int) -> float:
    return round(minutes / 60, 1)


class _Sums:
    def __init__(self, rows: Iterable[Row]):
        self.by: dict[str, dict[str, dict[str, int]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(int)))
        for dimension, key, measure, value in rows:
            self.by[dimension][key][measure] += value

    def total(self, measure: str) -> int:
        return self.by[Dimension.TOTAL.value][""][measure]

    def keys(self, dimension: Dimension, measure: str) -> dict[str, dict[str, int]]:
        """The keys of a dimension where `measure` is not zero, with all their measures."""
        return {k: m for k, m in sorted(self.by[dimension.value].items()) if m.get(measure)}


def _stage_counts(sums: _Sums, dimension: Dimension) -> list[StageCounts]:
    rows = [StageCounts(key=k, prospects=m["prospects"], qualified=m["qualified"],
                        installed=m["installed_people"])
            for k, m in sums.keys(dimension, "prospects").items()]
    return sorted(rows, key=lambda r: (-r.prospects, r.key))


def _villages(sums: _Sums) -> list[VillageInstallations]:
    reference = communes()
    rows = []
    for code, m in sums.keys(Dimension.VILLAGE, "solos").items():
        commune = reference.get(code)
        rows.append(VillageInstallations(
            insee_code=code, name=commune.name if commune else code,
            latitude=commune.latitude if commune else None,
            longitude=commune.longitude if commune else None,
            installed_solos=m["solos"], new_inhabitants=m["inhabitants"]))
    return sorted(rows, key=lambda r: (-r.installed_solos, r.name))


def _due(sums: _Sums, today: datetime.date, months: int) -> dict[str, int]:
    """The measures of the solos installed at least `months` ago, summed."""
    summed: dict[str, int] = defaultdict(int)
    for day, m in sums.keys(Dimension.INSTALLED_ON, "solos").items():
        if add_months(datetime.date.fromisoformat(day), months) <= today:
            for measure, value in m.items():
                summed[measure] += value
    return summed


def _follow_ups(sums: _Sums, today: datetime.date) -> list[FollowUpRetention]:
    rows = []
    for months in FOLLOW_UP_MONTHS:
        m = _due(sums, today, months)
        followed, still = m[f"followed_up_{months}m"], m[f"still_here_{months}m"]
        rows.append(FollowUpRetention(
            months=months, due=m["solos"], followed_up=followed, still_here=still,
            activity_going=m[f"activity_going_{months}m"],
            still_here_rate=rate(still, followed) if followed else None))
    return rows


def _retention(sums: _Sums, today: datetime.date,
               follow_ups: list[FollowUpRetention]) -> Retention:
    m = _due(sums, today, RETENTION_MONTHS)
    due, active = m["solos"], m["active_after_12_months"]
    [twelve] = [f for f in follow_ups if f.months == RETENTION_MONTHS]
    return Retention(due=due, active_after_12_months=active, active_rate=rate(active, due),
                     followed_up=twelve.followed_up, still_here=twelve.still_here,
                     still_here_rate=twelve.still_here_rate)


def _weeks(sums: _Sums) -> list[WeekBookings]:
    return [WeekBookings(week=w, week_start=week_start(w), made=m["made"],
                         cancelled=m["cancelled"], standing=m["standing"],
                         desk_hours=hours(m["desk_minutes"]))
            for w, m in sums.keys(Dimension.BOOKING_WEEK, "made").items() if w[:4].isdigit()]


def assemble(rows: Iterable[Row], *, now: datetime.datetime, today: datetime.date,
             last_event_at: datetime.datetime | None) -> Kpis:
    sums = _Sums(rows)
    t = sums.total
    follow_ups = _follow_ups(sums, today)
    prospects, qualified, installed = t("prospects"), t("qualified"), t("installed_people")
    telecentres = sums.keys(Dimension.TELECENTRE, "bookings_made")
    channels = sums.keys(Dimension.NOTIFICATION_CHANNEL, "sent") | sums.keys(
        Dimension.NOTIFICATION_CHANNEL, "failed")
    return Kpis(
        as_of=now, last_event_at=last_event_at,
        contacts=t("contacts"), prospects=prospects, qualified=qualified,
        installed_solos=t("installed_solos"), new_inhabitants=t("new_inhabitants"),
        villages_with_solos=len(sums.keys(Dimension.VILLAGE, "solos")),
        bookings=t("bookings"), conversion_rate=rate(qualified, prospects),
        by_origin_country={k: m["prospects"] for k, m in
                           sums.keys(Dimension.ORIGIN_COUNTRY, "prospects").items()},
        by_sector={k: m["prospects"] for k, m in sums.keys(Dimension.SECTOR, "prospects").items()},
        members=t("members"), members_booking=t("members_booking"),
        erased_people=t("erased_people"),
        contacts_by_channel={k: m["contacts"] for k, m in
                             sums.keys(Dimension.CHANNEL, "contacts").items()},
        funnel=Funnel(contacted=prospects, qualified=qualified, installed=installed,
                      contacted_to_qualified=rate(qualified, prospects),
                      qualified_to_installed=rate(installed, qualified),
                      contacted_to_installed=rate(installed, prospects)),
        installations_by_year=[
            YearInstallations(year=int(y), installed_solos=m["solos"],
                              new_inhabitants=m["inhabitants"])
            for y, m in sums.keys(Dimension.INSTALL_YEAR, "solos").items()],
        installations_by_village=_villages(sums),
        origin_countries=_stage_counts(sums, Dimension.ORIGIN_COUNTRY),
        sectors=_stage_counts(sums, Dimension.SECTOR),
        bookings_made=t("bookings_made"), bookings_cancelled=t("bookings_cancelled"),
        desk_hours=hours(t("desk_minutes")), bookings_per_week=_weeks(sums),
        telecentres_used=len(telecentres),
        telecentre_occupancy=sorted(
            (TelecentreOccupancy(telecentre_id=k, bookings=m["bookings"],
                                 bookings_made=m["bookings_made"],
                                 desk_hours=hours(m["desk_minutes"]),
                                 desks_used=m["desks_used"]) for k, m in telecentres.items()),
            key=lambda r: (-r.desk_hours, r.telecentre_id)),
        retention_12_months=_retention(sums, today, follow_ups), follow_ups=follow_ups,
        notifications=Notifications(
            sent=t("notifications_sent"), failed=t("notifications_failed"),
            by_channel={k: {"sent": m["sent"], "failed": m["failed"]}
                        for k, m in sorted(channels.items())}),
    )
