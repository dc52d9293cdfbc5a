"""Desks, offices and meeting rooms (a place's resources): what staff send to add or change
one, and one as answered."""

import uuid

import asyncpg
from pydantic import BaseModel, Field, model_validator

from ...domain.modes import BookingMode, ResourceKind, mode_allowed
from .values import Text


class ResourceIn(BaseModel):
    kind: ResourceKind
    name: Text
    capacity: int = Field(1, ge=1, le=200)
    booking_mode: BookingMode

    @model_validator(mode="after")
    def _mode_fits_kind(self) -> "ResourceIn":
        if not mode_allowed(self.kind, self.booking_mode):
            raise ValueError("booking_mode: desks and offices are booked by half_day or day, "
                             "meeting rooms by hour")
        return self


class ResourcePatch(BaseModel):
    name: Text | None = None
    capacity: int | None = Field(None, ge=1, le=200)
    booking_mode: BookingMode | None = None
    active: bool | None = None


class DeskOut(BaseModel):
    id: uuid.UUID
    kind: str
    name: str
    capacity: int
    booking_mode: str
    active: bool

    @classmethod
    def of(cls, row: asyncpg.Record) -> "DeskOut":
        return cls(**{k: row[k] for k in cls.model_fields})
