"""What the village routes read and answer."""

import datetime
from typing import Literal

import asyncpg
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ...domain import BroadbandTechnology, HostStatus, Position, distances_from
from ...domain.committee_input import CommitteeIn  # noqa: F401 (the routes read it here)
from . import Text


class Committee(BaseModel):
    email: str
    locale: Literal["fr", "en"]
    webhook_url: str | None = None
    updated_at: datetime.datetime | None = None


class VillageServices(BaseModel):
    """None: not known yet."""

    school: bool | None = None
    doctor: bool | None = None
    shops: bool | None = None
    train_station: bool | None = None


class Broadband(BaseModel):
    technology: BroadbandTechnology | None = None
    download_mbps: int | None = Field(None, ge=0, le=100_000)


class Distances(BaseModel):
    auch_km: float
    toulouse_km: float


class Village(BaseModel):
    insee_code: str
    name: str
    population: int
    postal_code: str
    town_hall_address: str
    town_hall_phone: str
    latitude: float
    longitude: float
    host_status: HostStatus
    committee: Committee | None
    services: VillageServices
    broadband: Broadband
    housing_notes: str | None
    distances: Distances
    demo: bool = Field(description="the profile (host status, committee...) is demo data")
    updated_at: datetime.datetime | None


def village_out(row: asyncpg.Record) -> Village:
    d = distances_from(Position(row["latitude"], row["longitude"]))
    committee = None
    if row["committee_email"] is not None:
        committee = Committee(email=row["committee_email"], locale=row["committee_locale"],
                              webhook_url=row["committee_webhook_url"],
                              updated_at=row["committee_updated_at"])
    return Village(
        **{k: row[k] for k in ("insee_code", "name", "population", "postal_code",
                               "town_hall_address", "town_hall_phone", "latitude", "longitude",
                               "host_status", "housing_notes", "demo", "updated_at")},
        committee=committee,
        services=VillageServices(school=row["has_school"], doctor=row["has_doctor"],
                                 shops=row["has_shops"], train_station=row["has_train_station"]),
        broadband=Broadband(technology=row["broadband_technology"],
                            download_mbps=row["broadband_mbps"]),
        distances=Distances(auch_km=d.auch_km, toulouse_km=d.toulouse_km),
    )


class VillageServicesUpdate(VillageServices):
    model_config = ConfigDict(extra="forbid")


class BroadbandUpdate(Broadband):
    model_config = ConfigDict(extra="forbid")


class VillageUpdate(BaseModel):
    """Only the fields sent change; null clears a value (services: back to unknown).
    `host_status` and `demo` are the programme's decision: staff only."""

    model_config = ConfigDict(extra="forbid")

    host_status: HostStatus | None = None
    services: VillageServicesUpdate | None = None
    broadband: BroadbandUpdate | None = None
    housing_notes: Text(4000) | None = None
    demo: bool | None = Field(None, description="false once the profile is real")

    @model_validator(mode="after")
    def _no_null_for_required_columns(self) -> "VillageUpdate":
        for name in ("host_status", "demo"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self

    def columns(self) -> dict:
        """The changes as column values of the villages table."""
        sent = self.model_fields_set
        changes: dict = {k: getattr(self, k) for k in ("host_status", "housing_notes", "demo")
                         if k in sent}
        if "services" in sent:
            for name, value in self._sent(self.services, VillageServices).items():
                changes[f"has_{name}"] = value
        if "broadband" in sent:
            renamed = {"technology": "broadband_technology", "download_mbps": "broadband_mbps"}
            for name, value in self._sent(self.broadband, Broadband).items():
                changes[renamed[name]] = value
        return changes

    @staticmethod
    def _sent(part: BaseModel | None, model: type[BaseModel]) -> dict:
        if part is None:  # "services": null clears them all (back to unknown)
            return dict.fromkeys(model.model_fields)
        return {k: getattr(part, k) for k in part.model_fields_set}
