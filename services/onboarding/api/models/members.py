"""What the members' routes read and answer."""

import datetime
import uuid

import asyncpg
from pydantic import BaseModel, Field

from ...domain.member_input import CardIn, FollowUpIn  # noqa: F401 (the API's bodies)


class MemberVillage(BaseModel):
    insee_code: str
    name: str


class Card(BaseModel):
    """A member's entry in the network's directory."""

    member_id: uuid.UUID
    first_name: str | None
    last_name: str | None
    village: MemberVillage
    profession: str | None
    skills: list[str]
    website: str | None
    short_description: str | None


class FollowUp(BaseModel):
    months: int
    due_on: datetime.date
    recorded_at: datetime.datetime | None
    recorded_by: str | None
    still_here: bool | None
    activity_going: bool | None
    note: str | None


class Member(Card):
    """What staff, and the member themself, see."""

    case_id: uuid.UUID
    prospect_id: uuid.UUID
    installed_on: datetime.date
    household_size: int
    sector: str | None
    origin_country: str | None
    listed: bool = Field(description="the member opted in to the directory")
    anonymised: bool
    follow_ups: list[FollowUp]


def card_out(row: asyncpg.Record) -> Card:
    return Card(member_id=row["id"], first_name=row["first_name"], last_name=row["last_name"],
                village=MemberVillage(insee_code=row["village"], name=row["village_name"]),
                profession=row["profession"], skills=list(row["skills"]),
                website=row["website"], short_description=row["short_description"])


def member_out(row: asyncpg.Record, follow_ups: list[asyncpg.Record]) -> Member:
    return Member(**card_out(row).model_dump(), case_id=row["case_id"],
                  prospect_id=row["prospect_id"], installed_on=row["installed_on"],
                  household_size=row["household_size"], sector=row["sector"],
                  origin_country=row["origin_country"], listed=row["listed"],
                  anonymised=row["anonymised_at"] is not None,
                  follow_ups=[FollowUp(**{k: f[k] for k in FollowUp.model_fields})
                              for f in follow_ups])


class Milestone(BaseModel):
    months: int
    due: int
    recorded: int
    still_here: int
    activity_going: int
    retention_rate: float | None = Field(description="still here / recorded")


class Retention(BaseModel):
    installed_members: int
    milestones: list[Milestone]


class DueFollowUp(BaseModel):
    member_id: uuid.UUID
    case_id: uuid.UUID
    first_name: str | None
    last_name: str | None
    village: str
    months: int
    due_on: datetime.date
