"""Desks, offices and meeting rooms (a place's resources): what staff send to add or change
one (domain/place_input.py, shared with the staff pages), and one as answered."""

import uuid

import asyncpg
from pydantic import BaseModel

from ...domain.place_input import ResourceIn, ResourcePatch

__all__ = ["DeskOut", "ResourceIn", "ResourcePatch"]


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
