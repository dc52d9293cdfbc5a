"""Who hears what: from an event and what the service knows, the messages to send.

Each planned message is (template, channel, recipient) with the values its template
needs; the caller renders and stores it. Nothing here reads a clock or a database."""

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from shared.events import ContactReceived, SoloInstalled
from shared.reference.sectors import sector_name

from .dates import format_date

Channel = Literal["email", "webhook"]


@dataclass(frozen=True)
class Person:
    """A prospect or solo as learnt from contact.received / prospect.qualified."""

    prospect_id: uuid.UUID
    email: str
    first_name: str
    last_name: str
    locale: str


@dataclass(frozen=True)
class Committee:
    insee_code: str
    village_name: str
    email: str | None
    locale: str
    webhook_url: str | None
    digest: Literal["immediate", "weekly"]


@dataclass(frozen=True)
class Staff:
    addresses: tuple[str, ...]
    locale: str
    contact: str  # where committees write back


@dataclass(frozen=True)
class Planned:
    template: str
    channel: Channel
    recipient: str
    locale: str
    prospect_id: uuid.UUID | None
    context: dict[str, Any] = field(default_factory=dict)  # email templates
    payload: dict[str, Any] | None = None  # webhooks
    target: str | None = None  # the webhook URL
    village: str | None = None
    attachments: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class InstallationPlan:
    deliveries: list[Planned]
    digest_item: dict[str, Any] | None  # the arrival, kept for the committee's weekly digest
    waiting_for_person: bool  # the solo's address is not known yet


def committee_recipient(insee_code: str) -> str:
    return f"committee:{insee_code}"


def for_contact(data: ContactReceived, staff: Staff) -> list[Planned]:
    person = {"first_name": data.first_name, "is_new_prospect": data.is_new_prospect,
              "channel": data.channel}
    plan = [Planned("contact.acknowledgement", "email", data.email, data.locale,
                    data.prospect_id, person)]
    alert = {**person, "last_name": data.last_name, "email": data.email,
             "contact_locale": data.locale, "origin_country": data.origin_country,
             "profession": data.profession, "household_size": data.household_size,
             "desired_villages": list(data.desired_villages), "message": data.message,
             "prospect_id": str(data.prospect_id)}
    plan += [Planned("contact.staff_alert", "email", address, staff.locale, data.prospect_id,
                     alert) for address in staff.addresses]
    return plan


def arrival(data: SoloInstalled, person: Person | None) -> dict[str, Any]:
    """What a welcome committee needs to welcome the household, and nothing more: no
    surname, address, email, origin or the prospect's own words; staff make the link."""
    return {"first_name": person.first_name if person else None,
            "household_size": data.household_size,
            "installed_on": data.installed_on.isoformat(),
            "sector": data.sector,
            "reference": str(data.case_id)}


def arrival_text(item: dict[str, Any], locale: str) -> dict[str, Any]:
    """An arrival as a committee reads it: the date and the sector in its language (the
    webhook payload keeps the codes)."""
    installed_on = datetime.date.fromisoformat(item["installed_on"])
    return {**item, "installed_on_text": format_date(installed_on, locale),
            "sector_text": sector_name(item["sector"], locale)}


def for_installation(data: SoloInstalled, person: Person | None, committee: Committee | None,
                     staff: Staff) -> InstallationPlan:
    plan: list[Planned] = []
    summary = arrival(data, person)
    digest_item = None
    if committee is not None and committee.digest == "weekly":
        digest_item = summary
    elif committee is not None:
        plan += _to_committee(committee, "solo.arrival", data.prospect_id, arrival_text(
            summary, committee.locale), {"type": "solo.arrival", "arrival": summary})
    installed_on = data.installed_on
    if person is not None:
        plan.append(Planned("solo.welcome", "email", person.email, person.locale,
                            data.prospect_id, {
                                "first_name": person.first_name,
                                "village_name": data.village.name,
                                "installed_on_text": format_date(installed_on, person.locale)}))
    note = {"first_name": person.first_name if person else "?",
            "last_name": person.last_name if person else f"(prospect {data.prospect_id})",
            "village_name": data.village.name, "insee_code": data.village.insee_code,
            "installed_on_text": format_date(installed_on, staff.locale),
            "household_size": data.household_size,
            "sector": sector_name(data.sector, staff.locale),
            "origin_country": data.origin_country, "member_id": str(data.member_id),
            "case_id": str(data.case_id), "committee_text": committee_text(committee,
                                                                           staff.locale)}
    plan += [Planned("solo.staff_note", "email", address, staff.locale, data.prospect_id, note)
             for address in staff.addresses]
    return InstallationPlan(plan, digest_item, waiting_for_person=person is None)


def for_digest(committee: Committee, items: list[dict[str, Any]],
               period_end: datetime.datetime) -> list[Planned]:
    ordered = sorted(items, key=lambda item: (item["installed_on"], item["reference"]))
    context = {"arrivals": [arrival_text(item, committee.locale) for item in ordered]}
    payload = {"type": "arrivals.digest", "period_end": period_end.isoformat(),
               "arrivals": ordered}
    return _to_committee(committee, "arrivals.digest", None, context, payload)


def _to_committee(committee: Committee, template: str, prospect_id: uuid.UUID | None,
                  context: dict[str, Any], payload: dict[str, Any]) -> list[Planned]:
    context = {**context, "village_name": committee.village_name}
    village = {"insee_code": committee.insee_code, "name": committee.village_name}
    plan = []
    if committee.email:
        plan.append(Planned(template, "email", committee.email, committee.locale, prospect_id,
                            context, village=committee.insee_code))
    if committee.webhook_url:
        plan.append(Planned(template, "webhook", committee_recipient(committee.insee_code),
                            committee.locale, prospect_id, payload={**payload, "village": village},
                            target=committee.webhook_url, village=committee.insee_code))
    return plan


def committee_text(committee: Committee | None, locale: str) -> str:
    en = locale == "en"
    if committee is None:
        return ("none on record for this village: tell its committee yourselves" if en else
                "aucun n'est enregistré pour ce village : prévenez-le vous-mêmes")
    ways = [w for w in (committee.email, committee.webhook_url and "webhook") if w]
    when = (("weekly digest" if en else "résumé hebdomadaire") if committee.digest == "weekly"
            else ("told now" if en else "prévenu maintenant"))
    return f"{when} ({', '.join(ways)})"
