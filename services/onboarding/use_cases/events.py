"""The integration events onboarding publishes, built from its records: `solo.installed`
when a household is installed, `member.followed_up` when a follow-up is recorded (its note
stays here: it is free text)."""

import datetime
import uuid

import asyncpg

from shared.events import InstalledVillage, MemberFollowedUp, SoloInstalled
from shared.events.solo_installed import VillageCommittee


def solo_installed(member_id: uuid.UUID, case: asyncpg.Record, village: asyncpg.Record,
                   installed_on: datetime.date, household_size: int) -> SoloInstalled:
    return SoloInstalled(
        member_id=member_id, prospect_id=case["prospect_id"], case_id=case["id"],
        village=InstalledVillage(insee_code=village["insee_code"], name=village["name"]),
        installed_on=installed_on, household_size=household_size, sector=case["sector"],
        origin_country=case["origin_country"], committee=_committee(village))


def _committee(village: asyncpg.Record) -> VillageCommittee | None:
    if village["committee_email"] is None:
        return None
    return VillageCommittee(email=village["committee_email"],
                            locale=village["committee_locale"],
                            webhook_url=village["committee_webhook_url"])


def member_followed_up(member: asyncpg.Record, follow_up: asyncpg.Record) -> MemberFollowedUp:
    return MemberFollowedUp(
        member_id=member["id"], prospect_id=member["prospect_id"], months=follow_up["months"],
        due_on=follow_up["due_on"], still_here=follow_up["still_here"],
        activity_going=follow_up["activity_going"], recorded_at=follow_up["recorded_at"],
        insee_code=member["village"])
